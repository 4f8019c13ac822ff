package dev.keybridge.localvault;

import dev.keybridge.localvault.auth.ClientRegistry;
import dev.keybridge.localvault.auth.IdentityRoutes;
import dev.keybridge.localvault.auth.TokenService;
import dev.keybridge.localvault.auth.TokenSigningKey;
import dev.keybridge.localvault.http.AccessLogWriter;
import dev.keybridge.localvault.http.HttpsListener;
import dev.keybridge.localvault.http.RequestInterceptor;
import dev.keybridge.localvault.http.RequestPipeline;
import dev.keybridge.localvault.http.ResourceModule;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.keys.KeyRepository;
import dev.keybridge.localvault.keys.KeysModule;
import dev.keybridge.localvault.pki.VaultPki;
import dev.keybridge.localvault.storage.MasterKey;
import dev.keybridge.localvault.storage.StorageException;
import dev.keybridge.localvault.storage.VaultDatabase;
import dev.keybridge.localvault.storage.VaultSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A Key Vault-compatible HTTPS server on loopback, with its state in a data directory. Build with
 * {@link #builder()}, then {@link #start()}; {@link #close()} stops it.
 *
 * <p>The first start in a directory creates the CA ({@code ca.pem}), the TLS identity, the master
 * key ({@code master.key}), the database ({@code vault.db}), the tenant, the token-signing key and
 * the administrator client; later starts reuse them. Every start (re)writes {@code
 * keybridge.properties} with the URL of this run. Clients given to the builder are registered (or
 * updated) at start.
 */
public final class LocalVault implements AutoCloseable {
  private static final java.util.Set<Path> LOCKED_DIRS =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final Builder config;
  private Path lockedDir;
  private HttpsListener server;
  private VaultDatabase db;
  private AccessLogWriter accessLog;
  private FileChannel lockChannel;
  private FileLock lock;
  private RequestPipeline pipeline;
  private VaultPki pki;
  private URI url;
  private String tenantId;
  private String adminClientId;
  private String adminClientSecret;
  private KeyRepository keys;

  private LocalVault(Builder config) {
    this.config = config;
  }

  /** A builder; {@link Builder#dataDir(Path)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the server: creates or opens the data directory, binds the port and serves requests.
   *
   * @return this
   * @throws IllegalStateException when already started or the directory is used by another vault
   * @throws StorageException when the data directory cannot be set up
   */
  public synchronized LocalVault start() {
    if (server != null) {
      throw new IllegalStateException("The local vault is already started");
    }
    Path dir = config.dataDir.toAbsolutePath();
    boolean ok = false;
    boolean newDir = !Files.exists(dir);
    try {
      // the port first: a port in use must not leave a half-made data folder behind
      try {
        server = HttpsListener.bind(config.bindAddress, config.port);
      } catch (BindException e) {
        throw new PortInUseException(config.bindAddress, config.port, e);
      }
      Files.createDirectories(dir);
      lockDirectory(dir);
      MasterKey masterKey = MasterKey.loadOrCreate(dir.resolve("master.key"));
      db = VaultDatabase.open(dir.resolve("vault.db"));
      VaultSettings settings = new VaultSettings(db, masterKey);
      tenantId = settings.getOrCreate("tenant.id", () -> UUID.randomUUID().toString());
      ClientRegistry clients = new ClientRegistry(db);
      adminClientId = settings.getOrCreate("admin.client-id", () -> UUID.randomUUID().toString());
      adminClientSecret =
          new String(
              settings.getOrCreateSecret("admin.client-secret", LocalVault::newSecret),
              java.nio.charset.StandardCharsets.UTF_8);
      clients.register(adminClientId, adminClientSecret, Role.ADMINISTRATOR);
      for (ClientSpec c : config.clients) {
        clients.register(c.id(), c.secret(), c.role());
      }
      pki = VaultPki.loadOrCreate(dir, masterKey, config.clock, config.bindAddress);
      TokenSigningKey storedKey = TokenSigningKey.loadOrCreate(settings);
      TokenSigningKey signingKey =
          storedKey.withChain(
              List.of(
                  pki.issueSigningCertificate(
                      storedKey.publicKey(),
                      "CN=keybridge local vault signing key,O=keybridge local vault",
                      config.clock.instant()),
                  pki.caCertificate()));
      keys = new KeyRepository(db, masterKey);
      keys.purgeExpired(config.clock.instant().getEpochSecond());

      int port = server.port();
      url = URI.create("https://" + hostFor(config.bindAddress) + ":" + port);
      TokenService tokens =
          new TokenService(
              signingKey, clients, config.clock, config.flavor, tenantId, url.toString());
      Router router = new Router();
      new IdentityRoutes(tokens, clients, config.clock).register(router);
      VaultContext context =
          new VaultContext(
              dir,
              config.flavor,
              config.clock,
              db,
              masterKey,
              keys,
              signingKey,
              pki.caCertificate());
      new KeysModule().register(router, context);
      for (ResourceModule m :
          ServiceLoader.load(ResourceModule.class, LocalVault.class.getClassLoader())) {
        m.register(router, context);
      }
      accessLog = new AccessLogWriter(dir.resolve("access.log"));
      pipeline = new RequestPipeline(router, tokens, accessLog, config.clock);
      config.interceptors.forEach(pipeline::addInterceptor);
      server.start(pipeline, pki.sslContext());
      KeybridgeProperties.write(
          dir.resolve("keybridge.properties"),
          url,
          pki.caPemFile(),
          tenantId,
          adminClientId,
          adminClientSecret);
      ok = true;
      return this;
    } catch (IOException e) {
      throw new StorageException(
          "Cannot start the local vault in " + dir + ": " + e.getMessage(), e);
    } finally {
      if (!ok) {
        close();
        if (newDir) {
          deleteCreated(dir);
        }
      }
    }
  }

  /** Removes a data folder this failed start created, so a retry starts from nothing. */
  private static void deleteCreated(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException ignored) {
      // best effort: the folder is new and holds nothing of the user's
    }
  }

  /** Stops the server and releases the data directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.close();
      server = null;
    }
    if (accessLog != null) {
      try {
        accessLog.close();
      } catch (IOException ignored) {
        // nothing left to log to
      }
      accessLog = null;
    }
    if (db != null) {
      db.close();
      db = null;
    }
    try {
      if (lock != null) {
        lock.release();
      }
      if (lockChannel != null) {
        lockChannel.close();
      }
    } catch (IOException ignored) {
      // the OS drops the lock with the process anyway
    }
    lock = null;
    lockChannel = null;
    if (lockedDir != null) {
      LOCKED_DIRS.remove(lockedDir);
      lockedDir = null;
    }
  }

  /** {@code https://localhost:PORT}. */
  public URI url() {
    return requireStarted(url);
  }

  public int port() {
    return url().getPort();
  }

  public Path dataDir() {
    return config.dataDir.toAbsolutePath();
  }

  public Flavor flavor() {
    return config.flavor;
  }

  public String tenantId() {
    return requireStarted(tenantId);
  }

  /** {@code DIR/keybridge.properties}, the client configuration of this vault. */
  public Path propertiesFile() {
    return dataDir().resolve("keybridge.properties");
  }

  /** {@code DIR/ca.pem}. */
  public Path caCertificateFile() {
    return dataDir().resolve("ca.pem");
  }

  public X509Certificate caCertificate() {
    return requireStarted(pki).caCertificate();
  }

  public String adminClientId() {
    return requireStarted(adminClientId);
  }

  public String adminClientSecret() {
    return requireStarted(adminClientSecret);
  }

  /** {@code DIR/access.log}. */
  public Path accessLogFile() {
    return dataDir().resolve("access.log");
  }

  /** The resource (token audience) of this vault's flavor, e.g. {@code https://vault.azure.net}. */
  public String resource() {
    return config.flavor.resource();
  }

  /** Adds a request interceptor (fault injection) at the dispatch point; effective immediately. */
  public void addInterceptor(RequestInterceptor interceptor) {
    requireStarted(pipeline).addInterceptor(interceptor);
  }

  public void removeInterceptor(RequestInterceptor interceptor) {
    requireStarted(pipeline).removeInterceptor(interceptor);
  }

  /** The vault's key storage (for in-process tools and tests). */
  public KeyRepository keyRepository() {
    return requireStarted(keys);
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  @Override
  public String toString() {
    return "LocalVault[" + (url == null ? "not started" : url) + ", " + dataDir() + "]";
  }

  private <T> T requireStarted(T value) {
    if (value == null) {
      throw new IllegalStateException("The local vault has not been started");
    }
    return value;
  }

  private void lockDirectory(Path dir) throws IOException {
    // A JVM-wide registry first: on POSIX, closing any channel of the lock file would release the
    // lock another vault of this JVM holds, so a second vault must never open it.
    Path key = dir.toRealPath();
    if (!LOCKED_DIRS.add(key)) {
      throw new IllegalStateException(
          "The data directory " + dir + " is used by another running vault");
    }
    lockedDir = key;
    lockChannel =
        FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    lock = lockChannel.tryLock();
    if (lock == null) {
      throw new IllegalStateException(
          "The data directory " + dir + " is used by another running vault (another process)");
    }
  }

  private static byte[] newSecret() {
    byte[] b = new byte[30];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(b)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String hostFor(InetAddress bind) {
    if (bind.isLoopbackAddress() || bind.isAnyLocalAddress()) {
      return "localhost";
    }
    String h = bind.getHostAddress();
    return h.contains(":") ? "[" + h + "]" : h;
  }

  /** A client registered at start. */
  private record ClientSpec(String id, String secret, Role role) {
    @Override
    public String toString() {
      return "ClientSpec[" + id + ", " + role + "]";
    }
  }

  /** Configuration of a {@link LocalVault}; {@link #build()} validates it. */
  public static final class Builder {
    private Path dataDir;
    private int port;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private Flavor flavor = Flavor.VAULT;
    private Clock clock = Clock.systemUTC();
    private final List<ClientSpec> clients = new ArrayList<>();
    private final List<RequestInterceptor> interceptors = new ArrayList<>();

    private Builder() {}

    /** The data directory (required); created if missing. */
    public Builder dataDir(Path dir) {
      this.dataDir = Objects.requireNonNull(dir, "dataDir");
      return this;
    }

    /** The TCP port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** The address to listen on; loopback by default. */
    public Builder bindAddress(InetAddress address) {
      this.bindAddress = Objects.requireNonNull(address, "bindAddress");
      return this;
    }

    public Builder flavor(Flavor flavor) {
      this.flavor = Objects.requireNonNull(flavor, "flavor");
      return this;
    }

    /**
     * Registers (or updates) a client at start.
     *
     * @throws IllegalArgumentException for an invalid id or an empty secret
     */
    public Builder client(String id, String secret, Role role) {
      ClientRegistry.checkClientId(id);
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("The secret of client " + id + " must not be empty");
      }
      clients.add(new ClientSpec(id, secret, Objects.requireNonNull(role, "role")));
      return this;
    }

    /**
     * The clock for token lifetimes, key timestamps and nbf/exp checks; the system UTC clock by
     * default.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** An interceptor installed before the first request (fault injection). */
    public Builder interceptor(RequestInterceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      return this;
    }

    /**
     * Validates the configuration.
     *
     * @throws IllegalStateException when the data directory is missing
     */
    public LocalVault build() {
      if (dataDir == null) {
        throw new IllegalStateException("LocalVault.builder().dataDir(...) is required");
      }
      return new LocalVault(this);
    }
  }
}
