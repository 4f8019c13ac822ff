package dev.keybridge.localvault.auth;

import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.storage.VaultDatabase;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The clients registered with the vault's identity authority ({@code clients} table): id, role and
 * a salted PBKDF2-HMAC-SHA256 hash of the secret at {@value #ITERATIONS} iterations (OWASP's
 * recommendation), with the iteration count stored per row so older hashes (10,000) still verify
 * and are upgraded at the next successful sign-in. Kept in memory as well, so token verification
 * never touches the database.
 *
 * <p>The slow hash runs once per registration and once per process for a secret that is then
 * presented again: after a secret has been registered or verified, the registry remembers a SHA-256
 * of salt and secret in memory only (never on disk, where it would make offline guessing fast), so
 * repeated token requests cost one SHA-256. A cached digest that does not match means a wrong
 * secret, without running the KDF. Guessing is slowed down per client by {@link SignInThrottle}.
 */
public final class ClientRegistry {
  private static final Pattern CLIENT_ID = Pattern.compile("^[0-9A-Za-z._~-]{1,128}$");

  /** PBKDF2-HMAC-SHA256 iterations of new hashes. */
  public static final int ITERATIONS = 600_000;

  private static final int LEGACY_ITERATIONS = 10_000;

  /** The fewest iterations {@link #ClientRegistry(VaultDatabase, int)} accepts. */
  public static final int MIN_ITERATIONS = 1_000;

  /** The outcome of checking a client's credentials at the token endpoint. */
  public enum Check {
    OK,
    UNKNOWN_CLIENT,
    BAD_SECRET
  }

  private record Entry(Role role, byte[] salt, byte[] hash, int iterations) {}

  /** A secret known to match the hash with {@code salt}: SHA-256(salt || secret), memory only. */
  private record Verified(byte[] salt, byte[] digest) {}

  private final VaultDatabase db;
  private final int iterations;
  private final Map<String, Entry> clients = new ConcurrentHashMap<>();
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  public ClientRegistry(VaultDatabase db) {
    this(db, ITERATIONS);
  }

  /**
   * A registry hashing new secrets at {@code iterations} (a test vault's shortcut, see {@code
   * LocalVault.Builder#clientSecretIterations}); hashes of another count still verify and are
   * rehashed at the next successful sign-in, as legacy ones are.
   *
   * @throws IllegalArgumentException below {@link #MIN_ITERATIONS}
   */
  public ClientRegistry(VaultDatabase db, int iterations) {
    this.iterations = checkIterations(iterations);
    this.db = db;
    db.ensureSchema(
        "CREATE TABLE IF NOT EXISTS clients (client_id TEXT PRIMARY KEY, role TEXT NOT NULL,"
            + " salt BLOB NOT NULL, hash BLOB NOT NULL)");
    addIterationsColumn();
    db.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT client_id, role, salt, hash, iterations FROM clients");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              clients.put(
                  rs.getString(1),
                  new Entry(
                      Role.valueOf(rs.getString(2)), rs.getBytes(3), rs.getBytes(4), rs.getInt(5)));
            }
          }
          return null;
        });
  }

  /** Databases written before the KDF upgrade have no iterations column: their rows are 10,000. */
  private void addIterationsColumn() {
    db.transaction(
        c -> {
          boolean present = false;
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("PRAGMA table_info(clients)")) {
            while (rs.next()) {
              present |= "iterations".equals(rs.getString("name"));
            }
          }
          if (!present) {
            try (Statement s = c.createStatement()) {
              s.execute(
                  "ALTER TABLE clients ADD COLUMN iterations INTEGER NOT NULL DEFAULT "
                      + LEGACY_ITERATIONS);
            }
          }
          return null;
        });
  }

  /** {@code iterations} if at least {@link #MIN_ITERATIONS}. */
  public static int checkIterations(int iterations) {
    if (iterations < MIN_ITERATIONS) {
      throw new IllegalArgumentException(
          "PBKDF2 iterations must be at least " + MIN_ITERATIONS + ", got " + iterations);
    }
    return iterations;
  }

  /** Validates a client id: 1 to 128 characters of {@code [0-9A-Za-z._~-]}. */
  public static void checkClientId(String clientId) {
    if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
      throw new IllegalArgumentException(
          "Invalid client id: use 1 to 128 characters of letters, digits, '.', '_', '~' or '-'");
    }
  }

  /**
   * Adds or replaces a client (secret and role). A client already registered with this role and
   * secret at the current iteration count is kept as it is (no new hash).
   */
  public void register(String clientId, String secret, Role role) {
    checkClientId(clientId);
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("The secret of client " + clientId + " must not be empty");
    }
    Entry existing = clients.get(clientId);
    if (existing != null
        && existing.role() == role
        && existing.iterations() == iterations
        && matches(clientId, existing, secret)) {
      return;
    }
    store(clientId, secret, role);
  }

  private void store(String clientId, String secret, Role role) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    byte[] hash = pbkdf2(secret, salt, iterations);
    Entry entry = new Entry(role, salt, hash, iterations);
    db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO clients(client_id, role, salt, hash, iterations) VALUES(?,?,?,?,?)"
                      + " ON CONFLICT(client_id) DO UPDATE SET role=excluded.role,"
                      + " salt=excluded.salt, hash=excluded.hash,"
                      + " iterations=excluded.iterations")) {
            ps.setString(1, clientId);
            ps.setString(2, role.name());
            ps.setBytes(3, salt);
            ps.setBytes(4, hash);
            ps.setInt(5, iterations);
            ps.executeUpdate();
          }
          db.afterCommit(
              () -> {
                clients.put(clientId, entry);
                verified.put(clientId, new Verified(salt, digest(salt, secret)));
              });
          return null;
        });
  }

  /** Whether the secret of a registered client equals {@code secret} (constant-time compare). */
  public boolean secretMatches(String clientId, String secret) {
    Entry e = clientId == null ? null : clients.get(clientId);
    if (e == null || secret == null || !matches(clientId, e, secret)) {
      return false;
    }
    if (e.iterations() != iterations) {
      store(clientId, secret, e.role()); // upgrade a legacy hash now that the secret is known
    }
    return true;
  }

  private boolean matches(String clientId, Entry e, String secret) {
    byte[] fast = digest(e.salt(), secret);
    Verified known = verified.get(clientId);
    if (known != null && MessageDigest.isEqual(known.salt(), e.salt())) {
      // a secret of this very hash was verified before: the digest decides without the KDF
      return MessageDigest.isEqual(known.digest(), fast);
    }
    if (!MessageDigest.isEqual(e.hash(), pbkdf2(secret, e.salt(), e.iterations()))) {
      return false;
    }
    verified.put(clientId, new Verified(e.salt(), fast));
    return true;
  }

  /** Checks credentials presented at the token endpoint. */
  public Check check(String clientId, String secret) {
    if (clientId == null || !clients.containsKey(clientId)) {
      return Check.UNKNOWN_CLIENT;
    }
    return secretMatches(clientId, secret) ? Check.OK : Check.BAD_SECRET;
  }

  /** The current role of a registered client, or empty when it is not (or no longer) registered. */
  public Optional<Role> roleOf(String clientId) {
    Entry e = clientId == null ? null : clients.get(clientId);
    return e == null ? Optional.empty() : Optional.of(e.role());
  }

  /** The PBKDF2 iteration count of a client's stored hash (for tests and doctor). */
  public Optional<Integer> iterationsOf(String clientId) {
    Entry e = clientId == null ? null : clients.get(clientId);
    return e == null ? Optional.empty() : Optional.of(e.iterations());
  }

  private static byte[] digest(byte[] salt, String secret) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(salt);
      return md.digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static byte[] pbkdf2(String secret, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    }
  }
}
