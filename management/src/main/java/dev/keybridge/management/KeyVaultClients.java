package dev.keybridge.management;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpLoggingPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.util.ClientOptions;
import com.azure.security.keyvault.certificates.CertificateAsyncClient;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.CertificateClientBuilder;
import com.azure.security.keyvault.keys.KeyAsyncClient;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.KeyClientBuilder;
import com.azure.security.keyvault.secrets.SecretAsyncClient;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import dev.keybridge.management.auth.KeyVaultChallengePolicy;
import dev.keybridge.management.auth.VaultCredentials;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.management.crypto.RestVaultCrypto;
import dev.keybridge.management.crypto.VaultCrypto;
import dev.keybridge.management.http.DeadlinePolicy;
import dev.keybridge.management.http.VaultHttp;
import dev.keybridge.management.http.VaultRetryPolicy;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * Everything that talks to one vault, built once per (equal) {@link KeyVaultConfig} and shared: ONE
 * okhttp client (pool and dispatcher sized by {@code keybridge.http.max-connections}), the
 * credential, and the official SDK clients and the {@link VaultCrypto} built over it. Challenge
 * resource verification stays on unless the vault is on a loopback address. Thread-safe; the SDK
 * clients are created on first use.
 */
public final class KeyVaultClients {
  private static final ConcurrentMap<KeyVaultConfig, KeyVaultClients> SHARED =
      new ConcurrentHashMap<>();
  private static final ClientOptions CLIENT_OPTIONS =
      new ClientOptions().setApplicationId("keybridge");

  private final KeyVaultConfig config;
  private final OkHttpClient okHttpClient;
  private final HttpClient httpClient;
  private final TokenCredential credential;
  private final HttpLogOptions logOptions;
  private final Lazy<HttpPipeline> pipeline;
  private final Lazy<KeyClient> keys;
  private final Lazy<KeyAsyncClient> keysAsync;
  private final Lazy<CertificateClient> certificates;
  private final Lazy<CertificateAsyncClient> certificatesAsync;
  private final Lazy<SecretClient> secrets;
  private final Lazy<SecretAsyncClient> secretsAsync;
  private final Lazy<VaultCrypto> crypto;

  private KeyVaultClients(KeyVaultConfig config) {
    this.config = config;
    this.okHttpClient = VaultHttp.okHttpClient(config);
    this.httpClient = VaultHttp.azureHttpClient(okHttpClient, config);
    this.credential = VaultCredentials.create(config, httpClient);
    this.logOptions = VaultHttp.logOptions(config);
    this.keys = new Lazy<>(() -> keyBuilder().buildClient());
    this.keysAsync = new Lazy<>(() -> keyBuilder().buildAsyncClient());
    this.certificates = new Lazy<>(() -> certificateBuilder().buildClient());
    this.certificatesAsync = new Lazy<>(() -> certificateBuilder().buildAsyncClient());
    this.secrets = new Lazy<>(() -> secretBuilder().buildClient());
    this.secretsAsync = new Lazy<>(() -> secretBuilder().buildAsyncClient());
    this.pipeline = new Lazy<>(this::newPipeline);
    this.crypto = new Lazy<>(() -> new RestVaultCrypto(pipeline.get(), config.vaultUrl()));
  }

  /**
   * The shared clients for {@code config}: the same instance for every equal configuration.
   *
   * @throws IllegalArgumentException if the configured CA file cannot be used
   */
  public static KeyVaultClients of(KeyVaultConfig config) {
    return SHARED.computeIfAbsent(config, KeyVaultClients::new);
  }

  public KeyVaultConfig config() {
    return config;
  }

  /** The okhttp client under everything (its pool and dispatcher are the configured ones). */
  public OkHttpClient okHttpClient() {
    return okHttpClient;
  }

  /** The azure-core HTTP client over {@link #okHttpClient()}, shared by every client below. */
  public HttpClient httpClient() {
    return httpClient;
  }

  /** The configured credential (its token requests also use the shared HTTP client). */
  public TokenCredential credential() {
    return credential;
  }

  public KeyClient keys() {
    return keys.get();
  }

  public KeyAsyncClient keysAsync() {
    return keysAsync.get();
  }

  public CertificateClient certificates() {
    return certificates.get();
  }

  public CertificateAsyncClient certificatesAsync() {
    return certificatesAsync.get();
  }

  public SecretClient secrets() {
    return secrets.get();
  }

  public SecretAsyncClient secretsAsync() {
    return secretsAsync.get();
  }

  /** Private- and secret-key operations, one HTTP request each. */
  public VaultCrypto crypto() {
    return crypto.get();
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
   * The one pipeline of this configuration, under every SDK client and {@link VaultCrypto}: the
   * shared HTTP client, one deadline per operation, retries within it (see {@link
   * VaultRetryPolicy}), and one challenge policy, so that the Key Vault challenge (one 401 round
   * trip) and the token request happen once per vault and JVM, not once per SDK package.
   * Challenge-resource verification is in {@link KeyVaultChallengePolicy}: on for every vault that
   * is not on a loopback address.
   */
  private HttpPipeline newPipeline() {
    return new HttpPipelineBuilder()
        .httpClient(httpClient)
        .clientOptions(CLIENT_OPTIONS)
        .policies(
            new UserAgentPolicy("keybridge"),
            new DeadlinePolicy(config.operationTimeout()),
            VaultRetryPolicy.of(config),
            new KeyVaultChallengePolicy(credential),
            new HttpLoggingPolicy(logOptions))
        .build();
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
