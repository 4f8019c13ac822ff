package dev.keybridge.management.config;

import static dev.keybridge.management.config.KeyVaultProperty.*;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.policy.HttpLogDetailLevel;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * Everything keybridge needs to reach one vault: URL, trust, credential, HTTP pool, timeouts and
 * retries. Immutable; built by a validating {@link Builder} whose {@code build()} names the exact
 * property that is wrong. Sources: code, a {@code keybridge.properties} file, system properties and
 * the environment (see {@link KeyVaultProperty} for every name and default).
 *
 * <p>{@link #toString()} never shows a secret, password or token ({@code ***}); {@link #equals}
 * compares every setting, so equal configurations share one {@code KeyVaultClients}.
 */
public final class KeyVaultConfig {
  /** Where every property is documented, for error messages. */
  static final String PROPERTIES_DOC = "keybridge's docs/configuration.md";

  private final Map<KeyVaultProperty, String> values;
  private final TokenCredential credential;
  private final URI vaultUrl;
  private final AuthMethod authMethod;

  private KeyVaultConfig(Map<KeyVaultProperty, String> values, TokenCredential credential) {
    this.values = Collections.unmodifiableMap(new EnumMap<>(values));
    this.credential = credential;
    this.vaultUrl = URI.create(values.get(VAULT_URL));
    this.authMethod = AuthMethod.fromPropertyValueOrCustom(values.get(AUTH_METHOD));
  }

  /** A new builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values, to derive a changed copy. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.raw.putAll(values);
    builder.credential = credential;
    return builder;
  }

  /**
   * Reads a {@code keybridge.properties} file (such as the one the local vault writes). Relative
   * paths in it are resolved against the file's folder.
   *
   * @throws IllegalArgumentException if the file cannot be read or a property is wrong
   */
  public static KeyVaultConfig fromProperties(Path file) {
    return ConfigSources.fromFile(file);
  }

  /**
   * Reads {@code keybridge.*} entries of {@code properties}; other names are ignored, an unknown
   * {@code keybridge.*} name is an error (a typo must not silently fall back to a default).
   */
  public static KeyVaultConfig fromProperties(Properties properties) {
    return ConfigSources.fromProperties(properties, null).build();
  }

  /**
   * From the process: system properties {@code keybridge.*} first, then environment variables
   * {@code KEYBRIDGE_*} (e.g. {@code KEYBRIDGE_TRUST_CA_FILE}), then the standard Azure variables
   * ({@code AZURE_KEYVAULT_URL}, {@code AZURE_TENANT_ID}, {@code AZURE_CLIENT_ID}, {@code
   * AZURE_CLIENT_SECRET}, {@code AZURE_CLIENT_CERTIFICATE_PATH}, {@code
   * AZURE_CLIENT_CERTIFICATE_PASSWORD}, {@code AZURE_FEDERATED_TOKEN_FILE}, {@code
   * AZURE_AUTHORITY_HOST}).
   */
  public static KeyVaultConfig fromEnvironment() {
    return fromEnvironment(System.getenv(), System.getProperties());
  }

  /** {@link #fromEnvironment()} over an explicit environment and system properties (tests). */
  static KeyVaultConfig fromEnvironment(Map<String, String> env, Properties system) {
    return ConfigSources.fromEnvironment(env, system).build();
  }

  /**
   * The provider's configuration argument: an {@code https://} URL (credentials then come from
   * system properties and the environment, as in {@link #fromEnvironment()}) or the path of a
   * {@code keybridge.properties} file.
   */
  public static KeyVaultConfig parse(String arg) {
    return ConfigSources.parse(arg, System.getenv(), System.getProperties());
  }

  /** The vault base URL, without trailing slash. */
  public URI vaultUrl() {
    return vaultUrl;
  }

  /** True when the vault is on {@code localhost}, 127.0.0.0/8 or ::1. */
  public boolean isLoopbackVault() {
    return LoopbackHosts.isLoopback(vaultUrl.getHost());
  }

  public AuthMethod authMethod() {
    return authMethod;
  }

  /** The raw (canonical) value of a property, including defaults; secrets included. */
  public Optional<String> value(KeyVaultProperty property) {
    return Optional.ofNullable(values.get(property));
  }

  public Optional<Path> trustCaFile() {
    return value(TRUST_CA_FILE).map(Path::of);
  }

  public Optional<String> tenantId() {
    return value(AUTH_TENANT_ID);
  }

  public Optional<String> clientId() {
    return value(AUTH_CLIENT_ID);
  }

  /** The client secret; never log it. */
  public Optional<String> clientSecret() {
    return value(AUTH_CLIENT_SECRET);
  }

  public Optional<Path> clientCertificate() {
    return value(AUTH_CLIENT_CERTIFICATE).map(Path::of);
  }

  /** The PKCS#12 client certificate password; never log it. */
  public Optional<String> clientCertificatePassword() {
    return value(AUTH_CLIENT_CERTIFICATE_PASSWORD);
  }

  public Optional<URI> authorityHost() {
    return value(AUTH_AUTHORITY_HOST).map(URI::create);
  }

  public Optional<Path> federatedTokenFile() {
    return value(AUTH_FEDERATED_TOKEN_FILE).map(Path::of);
  }

  /** The bearer token of method {@code token}; never log it. */
  public Optional<String> token() {
    return value(AUTH_TOKEN);
  }

  public Optional<Path> tokenFile() {
    return value(AUTH_TOKEN_FILE).map(Path::of);
  }

  /** The credential handed in code (method {@code custom}). */
  public Optional<TokenCredential> credential() {
    return Optional.ofNullable(credential);
  }

  public int maxConnections() {
    return Integer.parseInt(values.get(HTTP_MAX_CONNECTIONS));
  }

  public Duration connectTimeout() {
    return Duration.parse(values.get(HTTP_CONNECT_TIMEOUT));
  }

  public Duration readTimeout() {
    return Duration.parse(values.get(HTTP_READ_TIMEOUT));
  }

  public Duration responseTimeout() {
    return Duration.parse(values.get(HTTP_RESPONSE_TIMEOUT));
  }

  /** The deadline of one operation, retries included ({@code keybridge.http.timeout}). */
  public Duration operationTimeout() {
    return Duration.parse(values.get(HTTP_TIMEOUT));
  }

  /** How long a refused connection is retried ({@code keybridge.retry.connect-window}). */
  public Duration connectRetryWindow() {
    return Duration.parse(values.get(RETRY_CONNECT_WINDOW));
  }

  public HttpLogDetailLevel httpLogLevel() {
    return HttpLogDetailLevel.valueOf(values.get(HTTP_LOG_LEVEL).toUpperCase(Locale.ROOT));
  }

  public int maxRetries() {
    return Integer.parseInt(values.get(RETRY_MAX_RETRIES));
  }

  public Duration retryBaseDelay() {
    return Duration.parse(values.get(RETRY_BASE_DELAY));
  }

  public Duration retryMaxDelay() {
    return Duration.parse(values.get(RETRY_MAX_DELAY));
  }

  public Duration pollInterval() {
    return Duration.parse(values.get(POLL_INTERVAL));
  }

  public Duration keystoreCacheTtl() {
    return Duration.parse(values.get(KEYSTORE_CACHE_TTL));
  }

  public Optional<Path> keystoreChainFile() {
    return value(KEYSTORE_CHAIN_FILE).map(Path::of);
  }

  /**
   * The KeyStore's certificate cache folder as configured: absent for the platform default, the
   * string {@code none} when turned off, else an absolute folder.
   */
  public Optional<String> keystoreCertificateCache() {
    return value(KEYSTORE_CERTIFICATE_CACHE);
  }

  /** The comma-separated alias names or globs the KeyStore is limited to, if set. */
  public Optional<String> keystoreAliases() {
    return value(KEYSTORE_ALIASES);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeyVaultConfig that
        && values.equals(that.values)
        && credential == that.credential;
  }

  @Override
  public int hashCode() {
    return Objects.hash(values, System.identityHashCode(credential));
  }

  /** Every set value by property name; secrets, passwords and tokens as {@code ***}. */
  @Override
  public String toString() {
    StringJoiner text = new StringJoiner(", ", "KeyVaultConfig{", "}");
    values.forEach(
        (property, value) ->
            text.add(property.propertyName() + "=" + (property.isSecret() ? "***" : value)));
    if (credential != null) {
      text.add("credential=" + credential.getClass().getSimpleName());
    }
    return text.toString();
  }

  /**
   * Collects values (typed setters or {@link #set(String, String)} by property name) and checks
   * them all in {@link #build()}. Not thread-safe.
   */
  public static final class Builder {
    final Map<KeyVaultProperty, String> raw = new EnumMap<>(KeyVaultProperty.class);
    TokenCredential credential;
    Path baseDirectory;

    private Builder() {}

    /**
     * Sets a property by its name ({@code keybridge.http.max-connections}); a null or blank value
     * removes it.
     *
     * @throws IllegalArgumentException for a name keybridge does not know
     */
    public Builder set(String propertyName, String value) {
      KeyVaultProperty property =
          KeyVaultProperty.byName(propertyName)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          propertyName
                              + ": unknown property"
                              + KeyVaultProperty.nearest(propertyName)
                                  .map(p -> "; did you mean " + p.propertyName() + "?")
                                  .orElse("")
                              + " (every property is listed in "
                              + PROPERTIES_DOC
                              + ")"));
      return set(property, value);
    }

    /** Sets a property; a null or blank value removes it (the default applies again). */
    public Builder set(KeyVaultProperty property, String value) {
      if (value == null || value.isBlank()) {
        raw.remove(property);
      } else {
        raw.put(property, value.trim());
      }
      return this;
    }

    /** Folder that relative paths are resolved against (default: the working directory). */
    public Builder baseDirectory(Path directory) {
      this.baseDirectory = directory;
      return this;
    }

    public Builder vaultUrl(String url) {
      return set(VAULT_URL, url);
    }

    public Builder vaultUrl(URI url) {
      return set(VAULT_URL, url == null ? null : url.toString());
    }

    public Builder trustCaFile(Path caFile) {
      return set(TRUST_CA_FILE, caFile == null ? null : caFile.toString());
    }

    public Builder authMethod(AuthMethod method) {
      return set(AUTH_METHOD, method == null ? null : method.propertyValue());
    }

    public Builder tenantId(String tenantId) {
      return set(AUTH_TENANT_ID, tenantId);
    }

    public Builder clientId(String clientId) {
      return set(AUTH_CLIENT_ID, clientId);
    }

    /** Method client-secret: tenant id, client id and this secret. */
    public Builder clientSecret(String secret) {
      return set(AUTH_CLIENT_SECRET, secret);
    }

    public Builder clientCertificate(Path pemOrPfx, String password) {
      set(AUTH_CLIENT_CERTIFICATE, pemOrPfx == null ? null : pemOrPfx.toString());
      return set(AUTH_CLIENT_CERTIFICATE_PASSWORD, password);
    }

    public Builder authorityHost(String authorityHost) {
      return set(AUTH_AUTHORITY_HOST, authorityHost);
    }

    public Builder federatedTokenFile(Path file) {
      return set(AUTH_FEDERATED_TOKEN_FILE, file == null ? null : file.toString());
    }

    /** Method token: this bearer token is sent as is. */
    public Builder token(String bearerToken) {
      return set(AUTH_TOKEN, bearerToken);
    }

    /** Method token-file: the token is read from this file, again whenever it changes. */
    public Builder tokenFile(Path file) {
      return set(AUTH_TOKEN_FILE, file == null ? null : file.toString());
    }

    /** Method custom: any azure-core {@code TokenCredential}; compared by identity in equals. */
    public Builder credential(TokenCredential tokenCredential) {
      this.credential = tokenCredential;
      return tokenCredential == null ? this : authMethod(AuthMethod.CUSTOM);
    }

    public Builder maxConnections(int connections) {
      return set(HTTP_MAX_CONNECTIONS, Integer.toString(connections));
    }

    public Builder connectTimeout(Duration timeout) {
      return set(HTTP_CONNECT_TIMEOUT, String.valueOf(timeout));
    }

    public Builder readTimeout(Duration timeout) {
      return set(HTTP_READ_TIMEOUT, String.valueOf(timeout));
    }

    public Builder responseTimeout(Duration timeout) {
      return set(HTTP_RESPONSE_TIMEOUT, String.valueOf(timeout));
    }

    /** The deadline of one operation, retries included. */
    public Builder operationTimeout(Duration timeout) {
      return set(HTTP_TIMEOUT, String.valueOf(timeout));
    }

    /** How long a refused connection is retried; zero: not at all. */
    public Builder connectRetryWindow(Duration window) {
      return set(RETRY_CONNECT_WINDOW, String.valueOf(window));
    }

    public Builder httpLogLevel(HttpLogDetailLevel level) {
      return set(HTTP_LOG_LEVEL, level.name().toLowerCase(Locale.ROOT));
    }

    public Builder maxRetries(int retries) {
      return set(RETRY_MAX_RETRIES, Integer.toString(retries));
    }

    public Builder retryDelays(Duration baseDelay, Duration maxDelay) {
      set(RETRY_BASE_DELAY, String.valueOf(baseDelay));
      return set(RETRY_MAX_DELAY, String.valueOf(maxDelay));
    }

    public Builder pollInterval(Duration interval) {
      return set(POLL_INTERVAL, String.valueOf(interval));
    }

    public Builder keystoreCacheTtl(Duration ttl) {
      return set(KEYSTORE_CACHE_TTL, String.valueOf(ttl));
    }

    public Builder keystoreChainFile(Path chainFile) {
      return set(KEYSTORE_CHAIN_FILE, chainFile == null ? null : chainFile.toString());
    }

    /** A certificate cache folder, or {@code "none"} to turn the cache off; null: the default. */
    public Builder keystoreCertificateCache(String folderOrNone) {
      return set(KEYSTORE_CERTIFICATE_CACHE, folderOrNone);
    }

    /** Comma-separated alias names or globs the KeyStore is limited to; null: every alias. */
    public Builder keystoreAliases(String namesOrGlobs) {
      return set(KEYSTORE_ALIASES, namesOrGlobs);
    }

    /**
     * Checks every value and builds the configuration.
     *
     * @throws IllegalArgumentException whose message starts with the property name that is missing
     *     or wrong, e.g. {@code "keybridge.vault.url: missing ..."}
     */
    public KeyVaultConfig build() {
      return new KeyVaultConfig(ConfigValidation.canonical(this), credential);
    }
  }
}
