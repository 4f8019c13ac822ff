package dev.keybridge.keystore;

import dev.keybridge.management.certificates.CertificateChains;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A persistent, per-user cache of certificate versions of one vault: the leaf of each certificate
 * version and, once read, its chain. A certificate version never changes, so an entry is valid for
 * good; a bare alias is answered only when the vault's listing thumbprint ({@code x5t}) names the
 * cached leaf, a pinned or key-resolved version only by that exact version. Only public
 * certificates are stored, never a key, a secret or a token.
 *
 * <p>Layout: {@code FOLDER/certificates-v1/<SHA-256 of the vault URL>/<name>/<version>.leaf.pem}
 * and {@code .chain.pem} (leaf first); folders {@code 0700}, files {@code 0600} where the file
 * system has POSIX permissions. A cache that cannot be written, or a file that cannot be read as
 * certificates, is ignored: one warning (per folder and JVM), and the KeyStore asks the vault.
 */
final class CertificateCache {
  private static final System.Logger LOG = System.getLogger(CertificateCache.class.getName());
  private static final Pattern NAME = Pattern.compile("[0-9A-Za-z-]{1,127}");
  private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z]{1,64}");
  private static final String LEAF = ".leaf.pem";
  private static final String CHAIN = ".chain.pem";
  private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

  /** A cache that holds nothing and stores nothing. */
  static final CertificateCache OFF = new CertificateCache(null);

  /** A cached certificate version: the leaf alone or, when {@code chain}, the full chain. */
  record Cached(String version, List<X509Certificate> certificates, boolean chain) {
    X509Certificate leaf() {
      return certificates.get(0);
    }
  }

  private final Path folder;
  private volatile boolean writable = true;

  private CertificateCache(Path folder) {
    this.folder = folder;
  }

  /**
   * The cache of {@code vaultUrl} in the configured folder ({@code none}: off; absent: the
   * platform's cache folder).
   */
  static CertificateCache open(Optional<String> configured, String vaultUrl) {
    Optional<Path> root =
        configured.isPresent()
            ? (configured.get().equalsIgnoreCase("none")
                ? Optional.empty()
                : Optional.of(Path.of(configured.get())))
            : platformFolder(System.getenv(), System.getProperty("os.name", ""), userHome());
    if (root.isEmpty()) {
      return OFF;
    }
    String vault = vaultUrl.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
    return new CertificateCache(
        root.get().resolve("certificates-v1").resolve(sha256Hex(vault).substring(0, 32)));
  }

  private static Path userHome() {
    String home = System.getProperty("user.home");
    return home == null || home.isBlank() ? null : Path.of(home);
  }

  /**
   * The platform's per-user cache folder for keybridge: {@code $XDG_CACHE_HOME/keybridge} or {@code
   * ~/.cache/keybridge} (Linux and other Unix), {@code ~/Library/Caches/keybridge} (macOS), {@code
   * %LOCALAPPDATA%\keybridge\cache} (Windows); empty without a home folder.
   */
  static Optional<Path> platformFolder(Map<String, String> env, String osName, Path home) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      String local = env.get("LOCALAPPDATA");
      if (local != null && !local.isBlank()) {
        return Optional.of(Path.of(local, "keybridge", "cache"));
      }
      return Optional.ofNullable(home).map(h -> h.resolve("AppData/Local/keybridge/cache"));
    }
    if (os.startsWith("mac")) {
      return Optional.ofNullable(home).map(h -> h.resolve("Library/Caches/keybridge"));
    }
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Optional.of(Path.of(xdg, "keybridge"));
    }
    return Optional.ofNullable(home).map(h -> h.resolve(".cache/keybridge"));
  }

  boolean enabled() {
    return folder != null;
  }

  /** The cached version {@code version} of certificate {@code name}, or null. */
  Cached byVersion(String name, String version) {
    Path dir = nameFolder(name);
    if (dir == null || version == null || !VERSION.matcher(version).matches()) {
      return null;
    }
    Cached chain = read(dir.resolve(version + CHAIN), version, true);
    return chain != null ? chain : read(dir.resolve(version + LEAF), version, false);
  }

  /** The cached version of {@code name} whose leaf has this SHA-1 thumbprint, or null. */
  Cached byThumbprint(String name, byte[] thumbprint) {
    Path dir = nameFolder(name);
    if (dir == null || thumbprint == null || !Files.isDirectory(dir)) {
      return null;
    }
    Cached found = null;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pem")) {
      for (Path file : files) {
        String fileName = file.getFileName().toString();
        boolean chain = fileName.endsWith(CHAIN);
        if (!chain && !fileName.endsWith(LEAF)) {
          continue;
        }
        String version = fileName.substring(0, fileName.length() - (chain ? CHAIN : LEAF).length());
        if (!VERSION.matcher(version).matches() || (found != null && found.chain())) {
          continue;
        }
        Cached cached = read(file, version, chain);
        if (cached != null
            && Arrays.equals(CertificateChains.thumbprint(cached.leaf()), thumbprint)) {
          found = cached;
        }
      }
    } catch (IOException | RuntimeException e) {
      warn("cannot read the certificate cache folder " + dir + ": " + e, dir);
      return null;
    }
    return found;
  }

  /** Stores the leaf of a certificate version (nothing when a chain is already stored). */
  void putLeaf(String name, String version, X509Certificate leaf) {
    Path dir = nameFolder(name);
    if (dir != null
        && VERSION.matcher(version).matches()
        && !Files.exists(dir.resolve(version + CHAIN))) {
      write(dir, version + LEAF, List.of(leaf));
    }
  }

  /** Stores the full chain (leaf first) of a certificate version. */
  void putChain(String name, String version, List<X509Certificate> chain) {
    Path dir = nameFolder(name);
    if (dir != null && VERSION.matcher(version).matches() && !chain.isEmpty()) {
      write(dir, version + CHAIN, chain);
    }
  }

  private Path nameFolder(String name) {
    if (folder == null || name == null || !NAME.matcher(name).matches()) {
      return null;
    }
    return folder.resolve(name.toLowerCase(Locale.ROOT));
  }

  private Cached read(Path file, String version, boolean chain) {
    byte[] bytes;
    try {
      if (!Files.isRegularFile(file)) {
        return null;
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      warn("cannot read the certificate cache file " + file + ": " + e, file);
      return null;
    }
    try {
      List<X509Certificate> certificates = new ArrayList<>();
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(bytes))) {
        certificates.add((X509Certificate) certificate);
      }
      if (certificates.isEmpty() || (!chain && certificates.size() != 1)) {
        throw new CertificateException("expected " + (chain ? "a chain" : "one certificate"));
      }
      return new Cached(version, List.copyOf(certificates), chain);
    } catch (CertificateException | RuntimeException e) {
      warn(
          "ignoring the corrupt certificate cache file " + file + " (" + e.getMessage() + ")",
          file);
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // an unwritable folder: the file stays ignored, read again next time
      }
      return null;
    }
  }

  private void write(Path dir, String fileName, List<X509Certificate> certificates) {
    if (!writable) {
      return;
    }
    Path temporary = null;
    try {
      createPrivateFolders(dir);
      temporary = Files.createTempFile(dir, fileName, ".tmp");
      restrict(temporary, "rw-------");
      Files.write(temporary, pem(certificates));
      try {
        Files.move(temporary, dir.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, dir.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      writable = false;
      warn(
          "cannot write the certificate cache in "
              + folder
              + " ("
              + e
              + "); certificates are fetched from the vault",
          folder);
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }

  /** Creates the missing folders from the cache root down, each private to the user. */
  private void createPrivateFolders(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path versions = folder.getParent();
    for (Path level : List.of(versions.getParent(), versions, folder, dir)) {
      if (!Files.isDirectory(level)) {
        Files.createDirectories(level);
        restrict(level, "rwx------");
      }
    }
  }

  private static void restrict(Path path, String permissions) throws IOException {
    if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
      Set<PosixFilePermission> wanted = PosixFilePermissions.fromString(permissions);
      Files.setPosixFilePermissions(path, wanted);
    }
  }

  private static byte[] pem(List<X509Certificate> certificates) throws IOException {
    StringBuilder out = new StringBuilder();
    Base64.Encoder encoder = Base64.getMimeEncoder(64, new byte[] {'\n'});
    for (X509Certificate certificate : certificates) {
      try {
        out.append("-----BEGIN CERTIFICATE-----\n")
            .append(encoder.encodeToString(certificate.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      } catch (CertificateEncodingException e) {
        throw new IOException("certificate not encodable", e);
      }
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** One warning per cache root and JVM, however many files or writes fail. */
  private void warn(String message, Path where) {
    Path root = folder == null ? where : folder.getParent().getParent();
    if (WARNED.add(root)) {
      LOG.log(Level.WARNING, "AzureKeyVault KeyStore: " + message);
    }
  }
}
