package dev.keybridge.localvault.auth;

import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.storage.VaultDatabase;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The clients registered with the vault's identity authority ({@code clients} table): id, role and
 * a salted PBKDF2 hash of the secret. Kept in memory as well, so token verification never touches
 * the database.
 */
public final class ClientRegistry {
  private static final Pattern CLIENT_ID = Pattern.compile("^[0-9A-Za-z._~-]{1,128}$");
  private static final int ITERATIONS = 10_000;

  /** The outcome of checking a client's credentials at the token endpoint. */
  public enum Check {
    OK,
    UNKNOWN_CLIENT,
    BAD_SECRET
  }

  private record Entry(Role role, byte[] salt, byte[] hash) {}

  private final VaultDatabase db;
  private final Map<String, Entry> clients = new ConcurrentHashMap<>();

  public ClientRegistry(VaultDatabase db) {
    this.db = db;
    db.ensureSchema(
        "CREATE TABLE IF NOT EXISTS clients (client_id TEXT PRIMARY KEY, role TEXT NOT NULL,"
            + " salt BLOB NOT NULL, hash BLOB NOT NULL)");
    db.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT client_id, role, salt, hash FROM clients");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              clients.put(
                  rs.getString(1),
                  new Entry(Role.valueOf(rs.getString(2)), rs.getBytes(3), rs.getBytes(4)));
            }
          }
          return null;
        });
  }

  /** Validates a client id: 1 to 128 characters of {@code [0-9A-Za-z._~-]}. */
  public static void checkClientId(String clientId) {
    if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
      throw new IllegalArgumentException(
          "Invalid client id: use 1 to 128 characters of letters, digits, '.', '_', '~' or '-'");
    }
  }

  /** Adds or replaces a client (secret and role). */
  public void register(String clientId, String secret, Role role) {
    checkClientId(clientId);
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("The secret of client " + clientId + " must not be empty");
    }
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    byte[] hash = hash(secret, salt);
    db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO clients(client_id, role, salt, hash) VALUES(?,?,?,?) ON CONFLICT(client_id)"
                      + " DO UPDATE SET role=excluded.role, salt=excluded.salt, hash=excluded.hash")) {
            ps.setString(1, clientId);
            ps.setString(2, role.name());
            ps.setBytes(3, salt);
            ps.setBytes(4, hash);
            ps.executeUpdate();
          }
          db.afterCommit(() -> clients.put(clientId, new Entry(role, salt, hash)));
          return null;
        });
  }

  /** Whether the secret of a registered client equals {@code secret} (constant-time compare). */
  public boolean secretMatches(String clientId, String secret) {
    Entry e = clients.get(clientId);
    return e != null && secret != null && MessageDigest.isEqual(e.hash(), hash(secret, e.salt()));
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

  private static byte[] hash(String secret, byte[] salt) {
    try {
      PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, ITERATIONS, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    }
  }
}
