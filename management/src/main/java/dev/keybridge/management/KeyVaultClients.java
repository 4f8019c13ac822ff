package dev.keybridge.management;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.security.keyvault.certificates.CertificateAsyncClient;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.CertificateClientBuilder;
import com.azure.security.keyvault.keys.KeyAsyncClient;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.KeyClientBuilder;
import com.azure.security.keyvault.secrets.SecretAsyncClient;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import dev.keybridge.management.auth.VaultCredentials;
import dev.keybridge.management.certificates.VaultCertificateAccess;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.management.config.KeyVaultProperty;
import dev.keybridge.management.crypto.RestVaultCrypto;
import dev.keybridge.management.crypto.VaultCrypto;
import dev.keybridge.management.crypto.VaultKeyAccess;
import dev.keybridge.management.http.VaultHttp;
import java.lang.ref.Cleaner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * Everything that talks to one vault: the official SDK clients and the {@link VaultCrypto} of one
 * credential over the vault's shared connection.
 *
 * <p>Lifetime: the connection (ONE okhttp client: pool and dispatcher sized by {@code
 * keybridge.http.max-connections}) is pooled by connection identity: vault URL, trust and the HTTP,
 * retry and logging settings, never the credential. Over it, the credential's pipeline and SDK
 * clients are pooled by credential: equal configurations share them (one challenge and one token
 * per vault and credential), a configuration with its own {@code TokenCredential} (e.g. rotating
 * tokens, see {@link #of(KeyVaultConfig, TokenCredential)}) gets its own. Secrets are never part of
 * a pool key (they are digested). Every {@link #of} is a reference, released by {@link #close()}
 * (or when this object becomes unreachable); the last release of a credential's clients releases
 * the connection, and the last release of the connection shuts it down. Keep this object while
 * using the SDK clients it gives; the {@link #crypto()} it gives keeps it alive by itself. Thread-
 * safe; the SDK clients are created on first use.
 */
public final class KeyVaultClients implements AutoCloseable {
  private static final Cleaner CLEANER = Cleaner.create();
  private static final Map<Key, Shared> POOL = new HashMap<>();
  private static final byte[] DIGEST_SALT = new SecureRandom().generateSeed(16);

  private final Shared shared;
  private final KeyVaultConfig config;
  private final Cleaner.Cleanable release;
  private final VaultCrypto crypto;
  private final Lazy<RestVaultKeyAccess> keyAccess;
  private final Lazy<VaultCertificateAccess> certificateAccess;
  private volatile boolean closed;

  private KeyVaultClients(Shared shared, KeyVaultConfig config) {
    this.shared = shared;
    this.config = config;
    this.release = CLEANER.register(this, shared::release);
    this.crypto = new PinnedCrypto(this);
    this.keyAccess =
        new Lazy<>(
            () ->
                new RestVaultKeyAccess(
                    shared.pipeline.get(), shared.config.vaultUrl(), shared.keys::get, crypto));
    // the suppliers go through this handle: the access keeps it (and so its clients) open
    this.certificateAccess =
        new Lazy<>(
            () ->
                new SdkVaultCertificateAccess(
                    this::certificates,
                    this::certificatesAsync,
                    this::secrets,
                    this::secretsAsync,
                    this::keysAsync));
  }

  /**
   * Clients for {@code config}: equal configurations share one pipeline, credential and set of SDK
   * clients; configurations that differ only in their credential share one connection. The caller
   * holds one reference: {@link #close()} it when done (or let it become unreachable).
   *
   * @throws IllegalArgumentException if the configured CA file cannot be used
   */
  public static KeyVaultClients of(KeyVaultConfig config) {
    Object credential =
        config.credential().<Object>map(Identity::new).orElseGet(() -> authSettings(config));
    return acquire(config, credential, http -> VaultCredentials.create(config, http));
  }

  /**
   * Clients for {@code config} with {@code credential} instead of the configured one (e.g. a token
   * that rotates, given by whoever holds it). They share the connection of {@code config}; the
   * credential is compared by identity and never stored in a configuration.
   */
  public static KeyVaultClients of(KeyVaultConfig config, TokenCredential credential) {
    Objects.requireNonNull(credential, "credential");
    return acquire(config, new Identity(credential), http -> credential);
  }

  private static KeyVaultClients acquire(
      KeyVaultConfig config,
      Object credentialKey,
      Function<HttpClient, TokenCredential> credential) {
    Key key = new Key(VaultConnection.Identity.of(config), credentialKey);
    synchronized (POOL) {
      Shared shared = POOL.get(key);
      if (shared == null) {
        shared = new Shared(key, config, credential);
        POOL.put(key, shared);
      }
      shared.references++;
      return new KeyVaultClients(shared, config);
    }
  }

  /** How many connections (okhttp clients, each with one pool) are open to this vault URL. */
  public static int openConnections(URI vaultUrl) {
    return VaultConnection.openCount(vaultUrl);
  }

  /** How many credentials' client sets are open for this vault URL. */
  public static int openClientSets(URI vaultUrl) {
    synchronized (POOL) {
      return (int) POOL.keySet().stream().filter(key -> key.connection().isFor(vaultUrl)).count();
    }
  }

  /**
   * Releases this reference (idempotent). The SDK clients stay usable while other references to the
   * same configuration are open; the connection shuts down with its last user.
   */
  @Override
  public void close() {
    closed = true;
    release.clean();
  }

  /** The configuration these clients were asked for. */
  public KeyVaultConfig config() {
    return config;
  }

  /** The okhttp client under everything (its pool and dispatcher are the configured ones). */
  public OkHttpClient okHttpClient() {
    return open().connection.okHttpClient();
  }

  /** The azure-core HTTP client over {@link #okHttpClient()}, shared by every client below. */
  public HttpClient httpClient() {
    return open().connection.httpClient();
  }

  /** The credential (its token requests also use the shared HTTP client). */
  public TokenCredential credential() {
    return open().credential;
  }

  public KeyClient keys() {
    return open().keys.get();
  }

  public KeyAsyncClient keysAsync() {
    return open().keysAsync.get();
  }

  public CertificateClient certificates() {
    return open().certificates.get();
  }

  public CertificateAsyncClient certificatesAsync() {
    return open().certificatesAsync.get();
  }

  public SecretClient secrets() {
    return open().secrets.get();
  }

  public SecretAsyncClient secretsAsync() {
    return open().secretsAsync.get();
  }

  /**
   * Private- and secret-key operations, one HTTP request each. The object keeps these clients open
   * while it is reachable (key handles carry it beyond the KeyStore that made them).
   */
  public VaultCrypto crypto() {
    open();
    return crypto;
  }

  /**
   * Key access (get, list, create, import, delete, crypto) for the KeyStore, the generators and the
   * facade; like {@link #crypto()}, it keeps these clients open while it is reachable.
   */
  public VaultKeyAccess keyAccess() {
    return restKeyAccess();
  }

  /** The key access with its non-blocking reads, for the async facade. */
  RestVaultKeyAccess restKeyAccess() {
    open();
    return keyAccess.get();
  }

  /**
   * Certificate access (get, chain, list, the KeyStore's key and certificate listing, import,
   * delete) for the KeyStore and the certificate facade; like {@link #crypto()}, it keeps these
   * clients open while it is reachable.
   */
  public VaultCertificateAccess certificateAccess() {
    open();
    return certificateAccess.get();
  }

  private Shared open() {
    if (closed) {
      throw new IllegalStateException("these KeyVaultClients are closed");
    }
    return shared;
  }

  /** Pool key: connection identity plus the credential's identity (never a secret in clear). */
  private record Key(VaultConnection.Identity connection, Object credential) {}

  /** Compares an object by identity (a caller's credential). */
  private static final class Identity {
    private final Object value;

    Identity(Object value) {
      this.value = value;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Identity that && that.value == value;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(value);
    }
  }

  /** The credential settings of a configuration, secrets replaced by a salted digest. */
  private static Map<KeyVaultProperty, String> authSettings(KeyVaultConfig config) {
    Map<KeyVaultProperty, String> settings = new EnumMap<>(KeyVaultProperty.class);
    for (KeyVaultProperty property : KeyVaultProperty.values()) {
      if (!VaultConnection.Identity.isConnectionSetting(property)) {
        config
            .value(property)
            .ifPresent(
                value -> settings.put(property, property.isSecret() ? digest(value) : value));
      }
    }
    return Map.copyOf(settings);
  }

  private static String digest(String secret) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(DIGEST_SALT);
      return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** The clients of one credential over one connection, reference counted under the pool lock. */
  private static final class Shared {
    private final Key key;
    private final KeyVaultConfig config;
    private final VaultConnection connection;
    private final TokenCredential credential;
    private final Lazy<HttpPipeline> pipeline;
    private final Lazy<KeyClient> keys;
    private final Lazy<KeyAsyncClient> keysAsync;
    private final Lazy<CertificateClient> certificates;
    private final Lazy<CertificateAsyncClient> certificatesAsync;
    private final Lazy<SecretClient> secrets;
    private final Lazy<SecretAsyncClient> secretsAsync;
    private final Lazy<VaultCrypto> crypto;
    private int references;

    Shared(Key key, KeyVaultConfig config, Function<HttpClient, TokenCredential> credential) {
      this.key = key;
      this.config = config;
      this.connection = VaultConnection.acquire(config);
      try {
        this.credential = credential.apply(connection.httpClient());
      } catch (RuntimeException e) {
        connection.release();
        throw e;
      }
      this.pipeline = new Lazy<>(this::newPipeline);
      this.keys = new Lazy<>(() -> keyBuilder().buildClient());
      this.keysAsync = new Lazy<>(() -> keyBuilder().buildAsyncClient());
      this.certificates = new Lazy<>(() -> certificateBuilder().buildClient());
      this.certificatesAsync = new Lazy<>(() -> certificateBuilder().buildAsyncClient());
      this.secrets = new Lazy<>(() -> secretBuilder().buildClient());
      this.secretsAsync = new Lazy<>(() -> secretBuilder().buildAsyncClient());
      this.crypto = new Lazy<>(() -> new RestVaultCrypto(pipeline.get(), config.vaultUrl()));
    }

    void release() {
      synchronized (POOL) {
        if (references == 0) {
          return;
        }
        references--;
        if (references > 0) {
          return;
        }
        POOL.remove(key, this);
      }
      connection.release();
    }

    private KeyClientBuilder keyBuilder() {
      return new KeyClientBuilder().vaultUrl(config.vaultUrl().toString()).pipeline(pipeline.get());
    }

    private CertificateClientBuilder certificateBuilder() {
      return new CertificateClientBuilder()
          .vaultUrl(config.vaultUrl().toString())
          .pipeline(pipeline.get());
    }

    private SecretClientBuilder secretBuilder() {
      return new SecretClientBuilder()
          .vaultUrl(config.vaultUrl().toString())
          .pipeline(pipeline.get());
    }

    /**
     * The one pipeline of this credential, under every SDK client and {@link VaultCrypto}: the
     * shared HTTP client, retries, and one challenge policy whose challenge cache is the
     * connection's, so that the Key Vault challenge (one 401 round trip) happens once per vault and
     * JVM and the token request once per credential, not once per SDK package. Challenge-resource
     * verification is in {@link KeyVaultChallengePolicy}: on for every vault that is not on a
     * loopback address.
     */
    private HttpPipeline newPipeline() {
      return VaultHttp.pipeline(
          connection.httpClient(), config, credential, connection.challenges());
    }
  }

  /** The crypto of one set of clients, holding the handle that keeps them open. */
  private static final class PinnedCrypto implements VaultCrypto {
    private final KeyVaultClients owner;

    PinnedCrypto(KeyVaultClients owner) {
      this.owner = owner;
    }

    private VaultCrypto target() {
      return owner.open().crypto.get();
    }

    @Override
    public byte[] sign(String keyId, String algorithm, byte[] digest) {
      return target().sign(keyId, algorithm, digest);
    }

    @Override
    public byte[] decrypt(String keyId, String algorithm, byte[] ciphertext) {
      return target().decrypt(keyId, algorithm, ciphertext);
    }

    @Override
    public byte[] unwrapKey(String keyId, String algorithm, byte[] wrappedKey) {
      return target().unwrapKey(keyId, algorithm, wrappedKey);
    }

    @Override
    public byte[] wrapKey(String keyId, String algorithm, byte[] key) {
      return target().wrapKey(keyId, algorithm, key);
    }

    @Override
    public SymmetricResult encrypt(
        String keyId, String algorithm, byte[] plaintext, byte[] iv, byte[] aad) {
      return target().encrypt(keyId, algorithm, plaintext, iv, aad);
    }

    @Override
    public byte[] decrypt(
        String keyId, String algorithm, byte[] ciphertext, byte[] iv, byte[] aad, byte[] tag) {
      return target().decrypt(keyId, algorithm, ciphertext, iv, aad, tag);
    }

    @Override
    public byte[] randomBytes(int count) {
      return target().randomBytes(count);
    }

    /** Equal when over the same shared clients (same connection and credential). */
    @Override
    public boolean equals(Object other) {
      return other instanceof PinnedCrypto that && that.owner.shared == owner.shared;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(owner.shared);
    }

    @Override
    public String toString() {
      return "VaultCrypto{" + owner.shared.config.vaultUrl() + "}";
    }
  }

  /** A value created on first use, once. */
  private static final class Lazy<T> {
    private final Supplier<T> factory;
    private volatile T value;

    Lazy(Supplier<T> factory) {
      this.factory = factory;
    }

    T get() {
      T result = value;
      if (result == null) {
        synchronized (this) {
          result = value;
          if (result == null) {
            result = factory.get();
            value = result;
          }
        }
      }
      return result;
    }
  }
}
