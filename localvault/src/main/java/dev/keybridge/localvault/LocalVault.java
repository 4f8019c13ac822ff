package dev.keybridge.localvault;

import dev.keybridge.localvault.attestation.AttestationAuthorities;
import dev.keybridge.localvault.attestation.BuiltInAttestationAuthority;
import dev.keybridge.localvault.auth.AssertionClients;
import dev.keybridge.localvault.auth.ClientAssertions;
import dev.keybridge.localvault.auth.ClientRegistry;
import dev.keybridge.localvault.auth.IdentityRoutes;
import dev.keybridge.localvault.auth.ManagedIdentityRoutes;
import dev.keybridge.localvault.auth.TokenService;
import dev.keybridge.localvault.auth.TokenSigningKey;
import dev.keybridge.localvault.http.AccessLogWriter;
import dev.keybridge.localvault.http.HttpsListener;
import dev.keybridge.localvault.http.RecoveryLevelRewriter;
import dev.keybridge.localvault.http.RequestInterceptor;
import dev.keybridge.localvault.http.RequestPipeline;
import dev.keybridge.localvault.http.ResourceModule;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.keys.KeyRepository;
import dev.keybridge.localvault.keys.KeysModule;
import dev.keybridge.localvault.lifecycle.VaultEvents;
import dev.keybridge.localvault.lifecycle.VaultScheduler;
import dev.keybridge.localvault.network.FaultRates;
import dev.keybridge.localvault.network.Latency;
import dev.keybridge.localvault.network.NetworkConditions;
import dev.keybridge.localvault.network.NetworkSimulator;
import dev.keybridge.localvault.pki.VaultPki;
import dev.keybridge.localvault.storage.DataDirectoryPermissions;
import dev.keybridge.localvault.storage.MasterKey;
import dev.keybridge.localvault.storage.SoftDeletePolicy;
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
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * keybridge.properties} with the URL of this run. The directory is kept private: {@code 0700},
 * every file in it {@code 0600} ({@link DataDirectoryPermissions}). Clients given to the builder
 * are registered (or updated) at start.
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
  private TokenService tokens;
  private VaultScheduler scheduler;
  private VaultEvents events;
  private SoftDeletePolicy softDeletePolicy;
  private String managedIdentityHeader;

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
      DataDirectoryPermissions.secure(dir);
      lockDirectory(dir);
      MasterKey masterKey = MasterKey.loadOrCreate(dir.resolve("master.key"));
      db = VaultDatabase.open(dir.resolve("vault.db"));
      VaultSettings settings = new VaultSettings(db, masterKey);
      tenantId = settings.getOrCreate("tenant.id", () -> UUID.randomUUID().toString());
      ClientRegistry clients = new ClientRegistry(db, config.clientSecretIterations);
      adminClientId = settings.getOrCreate("admin.client-id", () -> UUID.randomUUID().toString());
      adminClientSecret =
          new String(
              settings.getOrCreateSecret("admin.client-secret", LocalVault::newSecret),
              java.nio.charset.StandardCharsets.UTF_8);
      clients.register(adminClientId, adminClientSecret, Role.ADMINISTRATOR);
      ClientAssertions assertions = config.assertionClients.register(clients, config.tokenClock());
      if (config.managedIdentity != null) {
        clients.register(
            config.managedIdentity.id(),
            new String(newSecret(), java.nio.charset.StandardCharsets.UTF_8),
            config.managedIdentity.role());
      }
      for (ClientSpec c : config.clients) {
        clients.register(c.id(), c.secret(), c.role());
      }
      pki = VaultPki.loadOrCreate(dir, masterKey, config.tokenClock(), config.bindAddress);
      TokenSigningKey storedKey = TokenSigningKey.loadOrCreate(settings);
      TokenSigningKey signingKey =
          storedKey.withChain(
              List.of(
                  pki.issueSigningCertificate(
                      storedKey.publicKey(),
                      "CN=keybridge local vault signing key,O=keybridge local vault",
                      config.tokenClock().instant()),
                  pki.caCertificate()));
      softDeletePolicy =
          SoftDeletePolicy.resolve(settings, config.purgeProtection, config.retentionDays);
      keys = new KeyRepository(db, masterKey);
      keys.purgeExpired(config.clock.instant().getEpochSecond());
      scheduler = new VaultScheduler(config.clock);
      scheduler.every("purge expired keys", now -> keys.purgeExpired(now.getEpochSecond()));

      int port = server.port();
      url = URI.create("https://" + hostFor(config.bindAddress) + ":" + port);
      tokens =
          new TokenService(
              signingKey,
              clients,
              config.tokenClock(),
              config.flavor,
              tenantId,
              url.toString(),
              reachableHosts(config.bindAddress));
      Router router = new Router();
      new IdentityRoutes(tokens, clients, config.tokenClock(), assertions).register(router);
      if (config.managedIdentity != null) {
        managedIdentityHeader =
            new String(
                settings.getOrCreateSecret("managed-identity.header", LocalVault::newSecret),
                java.nio.charset.StandardCharsets.UTF_8);
        new ManagedIdentityRoutes(
                tokens, config.tokenClock(), config.managedIdentity.id(), managedIdentityHeader)
            .register(router);
      }
      events =
          new VaultEvents(
              dir.resolve("events.log"), db, config.clock, url.getHost(), config.eventWebhook);
      events.baseUrl(url.toString());
      VaultContext context =
          new VaultContext(
              dir,
              config.flavor,
              config.clock,
              db,
              masterKey,
              keys,
              signingKey,
              pki.caCertificate(),
              scheduler,
              events);
      BuiltInAttestationAuthority attestation =
          new BuiltInAttestationAuthority(url.toString(), config.clock);
      attestation.register(router);
      AttestationAuthorities.Builder trusted = AttestationAuthorities.builder();
      config.attestationAuthorities.forEach(trusted::authority);
      trusted.authority(attestation.issuer(), List.of(attestation.key()));
      new KeysModule(trusted.build()).register(router, context);
      for (ResourceModule m :
          ServiceLoader.load(ResourceModule.class, LocalVault.class.getClassLoader())) {
        m.register(router, context);
      }
      accessLog = new AccessLogWriter(dir.resolve("access.log"));
      pipeline = new RequestPipeline(router, tokens, accessLog, config.clock);
      if (!config.network.isNone()) {
        pipeline.addInterceptor(
            new NetworkSimulator(config.network, keys, config.flavor == Flavor.MANAGED_HSM));
      }
      if (!softDeletePolicy.equals(SoftDeletePolicy.DEFAULT)) {
        pipeline.addInterceptor(new RecoveryLevelRewriter(softDeletePolicy));
      }
      config.interceptors.forEach(pipeline::addInterceptor);
      server.start(pipeline, pki.sslContext());
      KeybridgeProperties.write(
          dir.resolve("keybridge.properties"),
          url,
          pki.caPemFile(),
          tenantId,
          adminClientId,
          adminClientSecret);
      DataDirectoryPermissions.secure(dir);
      scheduler.start(config.schedulerTick);
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
    if (scheduler != null) {
      scheduler.close();
      scheduler = null;
    }
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
  /**
   * A fresh access token of the administrator for this vault's resource, minted in process (no
   * token request, no secret check): for tests that need many distinct tokens quickly.
   */
  public synchronized String issueAdminToken() {
    if (tokens == null) {
      throw new IllegalStateException("the local vault is not started");
    }
    return tokens.issue(adminClientId, resource());
  }

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

  /** The simulated network conditions ({@link NetworkConditions#NONE} unless configured). */
  public NetworkConditions networkConditions() {
    return config.network;
  }

  /** The vault's key storage (for in-process tools and tests). */
  public KeyRepository keyRepository() {
    return requireStarted(keys);
  }

  /**
   * The managed identity endpoint ({@code IDENTITY_ENDPOINT}), when the builder configured a
   * managed identity.
   */
  public URI managedIdentityEndpoint() {
    return url().resolve(ManagedIdentityRoutes.PATH);
  }

  /** The secret {@code IDENTITY_HEADER} of the managed identity endpoint (kept across starts). */
  public String managedIdentityHeader() {
    if (managedIdentityHeader == null) {
      throw new IllegalStateException("no managed identity configured (builder.managedIdentity)");
    }
    return managedIdentityHeader;
  }

  /** The Event Grid events the vault emitted: {@code DIR/events.log}, one JSON line each. */
  public Path eventsLogFile() {
    return dataDir().resolve("events.log");
  }

  /** How deleted objects are kept: purge protection and retention days (fixed at creation). */
  public SoftDeletePolicy softDeletePolicy() {
    return softDeletePolicy;
  }

  /**
   * Runs the vault's scheduled work (rotation policies, near-expiry notices, retention purges) once
   * now, as the scheduler does every tick; for tests that move the clock and want no wait.
   */
  public void runScheduledTasks() {
    VaultScheduler s = scheduler;
    if (s == null) {
      throw new IllegalStateException("The local vault is not running");
    }
    s.runOnce();
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

  /** The host names the TLS certificate names (see {@link VaultPki}). */
  private static List<String> reachableHosts(InetAddress bind) {
    List<String> hosts = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
    if (!bind.isLoopbackAddress() && !bind.isAnyLocalAddress()) {
      hosts.add(bind.getHostAddress());
    }
    return hosts;
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
    private NetworkConditions network = NetworkConditions.NONE;
    private final Map<String, Path> attestationAuthorities = new LinkedHashMap<>();
    private Clock tokenClock;
    private boolean purgeProtection;
    private Integer retentionDays;
    private URI eventWebhook;
    private Duration schedulerTick = Duration.ofSeconds(1);
    private final AssertionClients assertionClients = new AssertionClients();
    private ClientSpec managedIdentity;
    private int clientSecretIterations = ClientRegistry.ITERATIONS;

    /**
     * Acts as the managed identity endpoint of App Service ({@code IDENTITY_ENDPOINT} = {@link
     * LocalVault#managedIdentityEndpoint()}, {@code IDENTITY_HEADER} = {@link
     * LocalVault#managedIdentityHeader()}) for a managed identity with this client id and role.
     */
    public Builder managedIdentity(String clientId, Role role) {
      ClientRegistry.checkClientId(clientId);
      this.managedIdentity = new ClientSpec(clientId, "-", Objects.requireNonNull(role, "role"));
      return this;
    }

    private Builder() {}

    /**
     * Trusts an attestation authority for Secure Key Release: release targets issued by {@code url}
     * must be signed by a key of the JWKS file. The vault's own authority ({@code <vault
     * URL>/attestation}) is always trusted.
     *
     * @throws IllegalArgumentException when the URL is not https or the JWKS has no RSA key
     */
    public Builder attestationAuthority(String url, Path jwksFile) {
      AttestationAuthorities.builder().authority(url, jwksFile);
      attestationAuthorities.put(url, jwksFile);
      return this;
    }

    /**
     * Registers a client that authenticates with a certificate ({@code
     * ClientCertificateCredential}: a client assertion signed with the certificate's private key)
     * instead of a secret.
     */
    public Builder certificateClient(String id, X509Certificate certificate, Role role) {
      assertionClients.certificate(id, certificate, role);
      return this;
    }

    /**
     * Registers a client that authenticates with tokens of a trusted external issuer (workload
     * identity federation, {@code AZURE_FEDERATED_TOKEN_FILE}): assertions whose {@code iss} is
     * {@code issuer}, {@code sub} is {@code subject} and {@code aud} is {@code
     * api://AzureADTokenExchange}, signed by {@code issuerKey}.
     */
    public Builder federatedClient(
        String id, String issuer, String subject, PublicKey issuerKey, Role role) {
      assertionClients.federated(id, issuer, subject, issuerKey, role);
      return this;
    }

    private Clock tokenClock() {
      return tokenClock != null ? tokenClock : clock;
    }

    /**
     * A separate clock for token lifetimes and the vault's own CA and TLS certificates (default:
     * {@link #clock}). A vault whose clock runs faster than real time ({@code serve --time-scale})
     * keeps these on real time, since clients refresh tokens and check certificates by their own
     * clocks.
     */
    public Builder tokenClock(Clock clock) {
      this.tokenClock = Objects.requireNonNull(clock, "tokenClock");
      return this;
    }

    /**
     * Purge protection: purging a deleted object is refused (403, as Azure refuses it) and the
     * vault purges it when its retention ends. Once enabled for a data directory it stays enabled,
     * as in Azure.
     */
    public Builder purgeProtection(boolean enabled) {
      this.purgeProtection = enabled;
      return this;
    }

    /**
     * Days deleted objects stay recoverable, 7 to 90 (default 90); fixed when the data directory is
     * first used, as Azure fixes it at vault creation.
     *
     * @throws IllegalArgumentException outside 7..90
     */
    public Builder retentionDays(int days) {
      this.retentionDays = SoftDeletePolicy.checkRetentionDays(days);
      return this;
    }

    /**
     * PBKDF2 iterations of the client secret hashes the vault stores (default {@value
     * ClientRegistry#ITERATIONS}, OWASP's recommendation; at least {@value
     * ClientRegistry#MIN_ITERATIONS}). For test suites that start many short-lived vaults: each
     * registration costs one hash of this count. Hashes stored at another count still verify and
     * are rehashed at the next successful sign-in.
     */
    public Builder clientSecretIterations(int iterations) {
      this.clientSecretIterations = ClientRegistry.checkIterations(iterations);
      return this;
    }

    /** Where Event Grid events are POSTed (besides {@code DIR/events.log}); none by default. */
    public Builder eventWebhook(URI webhook) {
      this.eventWebhook = Objects.requireNonNull(webhook, "eventWebhook");
      return this;
    }

    /** How often (real time) the vault runs its scheduled work; 1 second by default. */
    public Builder schedulerTick(Duration tick) {
      if (tick.isNegative() || tick.isZero()) {
        throw new IllegalArgumentException("scheduler tick must be positive, got " + tick);
      }
      this.schedulerTick = tick;
      return this;
    }

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
     * Simulated network conditions: latency, injected faults and Key Vault's service limits (the
     * {@code serve} flags {@code --latency}, {@code --faults}, {@code --throttle}, ...). Applied to
     * every request before the interceptors of {@link #interceptor}.
     */
    public Builder network(NetworkConditions conditions) {
      this.network = Objects.requireNonNull(conditions, "conditions");
      return this;
    }

    /** Delays every answer by {@code millis} plus up to {@code jitterMillis} either way. */
    public Builder latency(long millis, long jitterMillis) {
      return network(network.withLatency(new Latency(millis, jitterMillis)));
    }

    /**
     * Random faults, e.g. {@code "503=10%,429=5%,reset=1%,stall=1%"}.
     *
     * @throws IllegalArgumentException for an unknown fault name or a rate outside 0-100 %
     */
    public Builder faults(String spec) {
      return network(network.withFaults(FaultRates.parse(spec)));
    }

    /** Enforces Key Vault's documented service limits with 429 and Retry-After. */
    public Builder throttle(boolean enabled) {
      return network(network.withThrottle(enabled));
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
