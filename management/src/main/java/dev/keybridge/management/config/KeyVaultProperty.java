package dev.keybridge.management.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every configuration property keybridge reads: its name, default, the standard Azure environment
 * variable it falls back to, and what it means. This table is the single source of
 * docs/configuration.md's property list; {@link KeyVaultConfig} accepts no other {@code
 * keybridge.*} name.
 */
public enum KeyVaultProperty {
  VAULT_URL(
      "keybridge.vault.url",
      null,
      "AZURE_KEYVAULT_URL",
      false,
      "Vault or Managed HSM URL, https://NAME.vault.azure.net or https://localhost:PORT. Required."),
  TRUST_CA_FILE(
      "keybridge.trust.ca-file",
      null,
      null,
      false,
      "PEM file of the CA certificate(s) to trust for TLS to the vault and the token endpoint. When"
          + " set, only these CAs are trusted; when unset, the JDK's default trust store is used."
          + " A relative path is resolved against the properties file's folder."),
  AUTH_METHOD(
      "keybridge.auth.method",
      "default",
      null,
      false,
      "How tokens are obtained: default | client-secret | client-certificate | managed-identity |"
          + " workload-identity | azure-cli | token | token-file."),
  AUTH_TENANT_ID(
      "keybridge.auth.tenant-id",
      null,
      "AZURE_TENANT_ID",
      false,
      "Entra ID tenant (directory) id; required for client-secret, client-certificate and"
          + " workload-identity."),
  AUTH_CLIENT_ID(
      "keybridge.auth.client-id",
      null,
      "AZURE_CLIENT_ID",
      false,
      "Application (client) id; for managed-identity and default, the client id of a"
          + " user-assigned identity."),
  AUTH_CLIENT_SECRET(
      "keybridge.auth.client-secret",
      null,
      "AZURE_CLIENT_SECRET",
      true,
      "Client secret for client-secret. Never logged or shown."),
  AUTH_CLIENT_CERTIFICATE(
      "keybridge.auth.client-certificate",
      null,
      "AZURE_CLIENT_CERTIFICATE_PATH",
      false,
      "Client certificate with its private key for client-certificate: a PEM file (.pem, .crt)"
          + " or a PKCS#12 file (.pfx, .p12)."),
  AUTH_CLIENT_CERTIFICATE_PASSWORD(
      "keybridge.auth.client-certificate-password",
      null,
      "AZURE_CLIENT_CERTIFICATE_PASSWORD",
      true,
      "Password of a PKCS#12 client certificate. Never logged or shown."),
  AUTH_AUTHORITY_HOST(
      "keybridge.auth.authority-host",
      null,
      "AZURE_AUTHORITY_HOST",
      false,
      "Entra ID authority, e.g. https://login.microsoftonline.us; the local vault's own URL for"
          + " the local vault. Default: the public cloud, https://login.microsoftonline.com."),
  AUTH_FEDERATED_TOKEN_FILE(
      "keybridge.auth.federated-token-file",
      null,
      "AZURE_FEDERATED_TOKEN_FILE",
      false,
      "Federated (service account) token file for workload-identity."),
  AUTH_TOKEN(
      "keybridge.auth.token",
      null,
      null,
      true,
      "A bearer token for the vault, used as is (method token). Never logged or shown."),
  AUTH_TOKEN_FILE(
      "keybridge.auth.token-file",
      null,
      null,
      false,
      "File holding a bearer token (method token-file); re-read whenever its modification time or"
          + " size changes."),
  HTTP_MAX_CONNECTIONS(
      "keybridge.http.max-connections",
      "64",
      null,
      false,
      "Connections kept in the shared pool and the most requests in flight per vault host (okhttp"
          + " ConnectionPool size and Dispatcher maxRequests/maxRequestsPerHost). 1 to 1024."),
  HTTP_CONNECT_TIMEOUT(
      "keybridge.http.connect-timeout",
      "PT10S",
      null,
      false,
      "TCP/TLS connect timeout (ISO-8601 duration like PT10S, or 10s / 500ms)."),
  HTTP_READ_TIMEOUT(
      "keybridge.http.read-timeout",
      "PT60S",
      null,
      false,
      "Socket read timeout: longest wait for the next bytes of a response."),
  HTTP_RESPONSE_TIMEOUT(
      "keybridge.http.response-timeout",
      "PT60S",
      null,
      false,
      "Longest wait from sending a request until the response headers arrive."),
  HTTP_TIMEOUT(
      "keybridge.http.timeout",
      "PT30S",
      null,
      false,
      "Deadline of one vault operation, all its retries and back-off included; when it passes"
          + " the operation fails naming the URL, the attempts and the last cause."),
  HTTP_LOG_LEVEL(
      "keybridge.http.log-level",
      "none",
      null,
      false,
      "azure-core HTTP logging: none | basic (method, URL, status, time) | headers (adds headers;"
          + " Authorization is always redacted). Bodies are never logged."),
  RETRY_MAX_RETRIES(
      "keybridge.retry.max-retries",
      "6",
      null,
      false,
      "Retries after a throttled (429), timed-out (408) or failed (5xx, reset, refused) request;"
          + " 0 to 10. TLS, unknown host and 400/401/403/404/409 are never retried."),
  RETRY_BASE_DELAY(
      "keybridge.retry.base-delay",
      "PT0.8S",
      null,
      false,
      "First back-off delay; doubles on each retry (exponential back-off with jitter)."),
  RETRY_MAX_DELAY(
      "keybridge.retry.max-delay",
      "PT8S",
      null,
      false,
      "Longest back-off delay between two retries; also the cap of a Retry-After the vault"
          + " asks for."),
  RETRY_CONNECT_WINDOW(
      "keybridge.retry.connect-window",
      "PT1S",
      null,
      false,
      "How long a refused connection (nothing listening) is retried before the operation fails;"
          + " PT0S: not retried."),
  POLL_INTERVAL(
      "keybridge.poll.interval",
      "PT1S",
      null,
      false,
      "Interval at which long-running operations (delete, recover, certificate create) are"
          + " polled."),
  KEYSTORE_CACHE_TTL(
      "keybridge.keystore.cache-ttl",
      "PT5M",
      null,
      false,
      "How long the AzureKeyVault KeyStore keeps the alias list and public keys before asking the"
          + " vault again; PT0S disables the cache."),
  KEYSTORE_CHAIN_FILE(
      "keybridge.keystore.chain-file",
      null,
      null,
      false,
      "Optional PEM file with a certificate chain that the KeyStore returns for bare key aliases"
          + " (keys without a vault certificate), e.g. for jarsigner."),
  KEYSTORE_CERTIFICATE_CACHE(
      "keybridge.keystore.certificate-cache",
      null,
      null,
      false,
      "Folder of the KeyStore's persistent cache of certificate versions and their chains"
          + " (public certificates only, checked against the vault's listing; never keys or"
          + " secrets), or none to turn it off. Default: the platform cache folder:"
          + " $XDG_CACHE_HOME/keybridge or ~/.cache/keybridge (Linux), ~/Library/Caches/keybridge"
          + " (macOS), %LOCALAPPDATA%\\keybridge\\cache (Windows)."),
  KEYSTORE_ALIASES(
      "keybridge.keystore.aliases",
      null,
      null,
      false,
      "Comma-separated names or globs (* and ?) of the only aliases the KeyStore lists and loads;"
          + " exact names alone skip the vault listing. Default: every key and certificate.");

  private final String propertyName;
  private final String defaultValue;
  private final String azureVariable;
  private final boolean secret;
  private final String description;

  KeyVaultProperty(
      String propertyName,
      String defaultValue,
      String azureVariable,
      boolean secret,
      String description) {
    this.propertyName = propertyName;
    this.defaultValue = defaultValue;
    this.azureVariable = azureVariable;
    this.secret = secret;
    this.description = description;
  }

  /** The property name, always starting with {@code keybridge.}. */
  public String propertyName() {
    return propertyName;
  }

  /** The default as it would be written in a properties file, empty when there is none. */
  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /** The standard Azure environment variable read by {@code fromEnvironment()}, if any. */
  public Optional<String> azureVariable() {
    return Optional.ofNullable(azureVariable);
  }

  /**
   * The keybridge environment variable for this property: the name upper-cased with dots and dashes
   * turned into underscores ({@code KEYBRIDGE_TRUST_CA_FILE}).
   */
  public String environmentVariable() {
    return propertyName.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** True for values that are never shown: secrets, passwords, tokens. */
  public boolean isSecret() {
    return secret;
  }

  /** One or two sentences for docs/configuration.md. */
  public String description() {
    return description;
  }

  /** The property with this exact name, if keybridge knows it. */
  public static Optional<KeyVaultProperty> byName(String name) {
    for (KeyVaultProperty property : values()) {
      if (property.propertyName.equals(name)) {
        return Optional.of(property);
      }
    }
    return Optional.empty();
  }

  /**
   * The known property nearest to a misspelt {@code name}, for "did you mean" messages (see {@link
   * NearestNames}).
   */
  public static Optional<KeyVaultProperty> nearest(String name) {
    List<String> names = Arrays.stream(values()).map(KeyVaultProperty::propertyName).toList();
    return NearestNames.of(name, names).stream().findFirst().flatMap(KeyVaultProperty::byName);
  }
}
