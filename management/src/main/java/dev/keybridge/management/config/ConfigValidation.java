package dev.keybridge.management.config;

import static dev.keybridge.management.config.KeyVaultProperty.*;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Turns a builder's raw values into the canonical, checked values of a {@link KeyVaultConfig}. */
final class ConfigValidation {
  private ConfigValidation() {}

  static Map<KeyVaultProperty, String> canonical(KeyVaultConfig.Builder builder) {
    Map<KeyVaultProperty, String> raw = new EnumMap<>(builder.raw);
    Map<KeyVaultProperty, String> out = new EnumMap<>(KeyVaultProperty.class);
    Path base = builder.baseDirectory;

    String url = raw.get(VAULT_URL);
    if (url == null) {
      throw PropertyValues.invalid(
          VAULT_URL,
          "missing; set it to the vault URL, e.g. https://myvault.vault.azure.net"
              + " (or the environment variable AZURE_KEYVAULT_URL)");
    }
    out.put(
        VAULT_URL,
        PropertyValues.httpsBaseUrl(VAULT_URL, url, "https://myvault.vault.azure.net").toString());

    if (raw.containsKey(TRUST_CA_FILE)) {
      out.put(
          TRUST_CA_FILE,
          PropertyValues.path(TRUST_CA_FILE, raw.get(TRUST_CA_FILE), base, true).toString());
    }

    copy(raw, out, AUTH_TENANT_ID);
    copy(raw, out, AUTH_CLIENT_ID);
    copy(raw, out, AUTH_CLIENT_SECRET);
    copy(raw, out, AUTH_CLIENT_CERTIFICATE_PASSWORD);
    copy(raw, out, AUTH_TOKEN);
    if (raw.containsKey(AUTH_AUTHORITY_HOST)) {
      URI authority =
          PropertyValues.httpsBaseUrl(
              AUTH_AUTHORITY_HOST,
              raw.get(AUTH_AUTHORITY_HOST),
              "https://login.microsoftonline.com");
      out.put(AUTH_AUTHORITY_HOST, authority.toString());
    }
    pathIfSet(raw, out, AUTH_CLIENT_CERTIFICATE, base, true);
    pathIfSet(raw, out, AUTH_FEDERATED_TOKEN_FILE, base, false);
    pathIfSet(raw, out, AUTH_TOKEN_FILE, base, false);
    pathIfSet(raw, out, KEYSTORE_CHAIN_FILE, base, true);
    if (raw.containsKey(KEYSTORE_CERTIFICATE_CACHE)) {
      String folder = raw.get(KEYSTORE_CERTIFICATE_CACHE).trim();
      out.put(
          KEYSTORE_CERTIFICATE_CACHE,
          folder.equalsIgnoreCase("none")
              ? "none"
              : PropertyValues.path(KEYSTORE_CERTIFICATE_CACHE, folder, base, false).toString());
    }
    if (raw.containsKey(KEYSTORE_ALIASES)) {
      String aliases = raw.get(KEYSTORE_ALIASES).trim();
      if (!aliases.matches("[0-9A-Za-z*?\\-]+(\\s*,\\s*[0-9A-Za-z*?\\-]+)*")) {
        throw PropertyValues.invalid(
            KEYSTORE_ALIASES,
            "'"
                + aliases
                + "' is not a comma-separated list of names or globs (0-9, a-z, A-Z, -, *, ?)");
      }
      out.put(KEYSTORE_ALIASES, aliases);
    }

    AuthMethod method =
        raw.containsKey(AUTH_METHOD)
            ? AuthMethod.fromPropertyValueOrCustom(raw.get(AUTH_METHOD).toLowerCase(Locale.ROOT))
            : inferMethod(out);
    out.put(AUTH_METHOD, method.propertyValue());
    checkCredentialSettings(method, out, builder.credential != null);

    out.put(
        HTTP_MAX_CONNECTIONS,
        Integer.toString(
            PropertyValues.integer(
                HTTP_MAX_CONNECTIONS, valueOrDefault(raw, HTTP_MAX_CONNECTIONS), 1, 1024)));
    duration(raw, out, HTTP_CONNECT_TIMEOUT, false);
    duration(raw, out, HTTP_READ_TIMEOUT, false);
    duration(raw, out, HTTP_RESPONSE_TIMEOUT, false);
    duration(raw, out, HTTP_TIMEOUT, false);
    String logLevel = valueOrDefault(raw, HTTP_LOG_LEVEL).toLowerCase(Locale.ROOT);
    if (!logLevel.equals("none") && !logLevel.equals("basic") && !logLevel.equals("headers")) {
      throw PropertyValues.invalid(
          HTTP_LOG_LEVEL, "unknown level '" + logLevel + "'; expected none, basic or headers");
    }
    out.put(HTTP_LOG_LEVEL, logLevel);

    out.put(
        RETRY_MAX_RETRIES,
        Integer.toString(
            PropertyValues.integer(
                RETRY_MAX_RETRIES, valueOrDefault(raw, RETRY_MAX_RETRIES), 0, 10)));
    Duration baseDelay = duration(raw, out, RETRY_BASE_DELAY, false);
    Duration maxDelay = duration(raw, out, RETRY_MAX_DELAY, false);
    if (baseDelay.compareTo(maxDelay) > 0) {
      throw PropertyValues.invalid(
          RETRY_BASE_DELAY,
          baseDelay + " is longer than " + RETRY_MAX_DELAY.propertyName() + " " + maxDelay);
    }
    duration(raw, out, RETRY_CONNECT_WINDOW, true);
    duration(raw, out, POLL_INTERVAL, false);
    duration(raw, out, KEYSTORE_CACHE_TTL, true);
    return out;
  }

  /**
   * Without an explicit method, the credential settings present decide (like
   * EnvironmentCredential).
   */
  private static AuthMethod inferMethod(Map<KeyVaultProperty, String> out) {
    if (out.containsKey(AUTH_CLIENT_SECRET)) {
      return AuthMethod.CLIENT_SECRET;
    }
    if (out.containsKey(AUTH_CLIENT_CERTIFICATE)) {
      return AuthMethod.CLIENT_CERTIFICATE;
    }
    if (out.containsKey(AUTH_TOKEN)) {
      return AuthMethod.TOKEN;
    }
    if (out.containsKey(AUTH_TOKEN_FILE)) {
      return AuthMethod.TOKEN_FILE;
    }
    if (out.containsKey(AUTH_FEDERATED_TOKEN_FILE)
        && out.containsKey(AUTH_TENANT_ID)
        && out.containsKey(AUTH_CLIENT_ID)) {
      return AuthMethod.WORKLOAD_IDENTITY;
    }
    return AuthMethod.DEFAULT;
  }

  private static void checkCredentialSettings(
      AuthMethod method, Map<KeyVaultProperty, String> out, boolean hasCredential) {
    switch (method) {
      case CLIENT_SECRET ->
          require(method, out, AUTH_TENANT_ID, AUTH_CLIENT_ID, AUTH_CLIENT_SECRET);
      case CLIENT_CERTIFICATE ->
          require(method, out, AUTH_TENANT_ID, AUTH_CLIENT_ID, AUTH_CLIENT_CERTIFICATE);
      case WORKLOAD_IDENTITY ->
          require(method, out, AUTH_TENANT_ID, AUTH_CLIENT_ID, AUTH_FEDERATED_TOKEN_FILE);
      case TOKEN -> require(method, out, AUTH_TOKEN);
      case TOKEN_FILE -> require(method, out, AUTH_TOKEN_FILE);
      case CUSTOM -> {
        if (!hasCredential) {
          throw PropertyValues.invalid(
              AUTH_METHOD, "custom needs a TokenCredential given to the builder in code");
        }
      }
      default -> {}
    }
  }

  private static void require(
      AuthMethod method, Map<KeyVaultProperty, String> out, KeyVaultProperty... needed) {
    for (KeyVaultProperty property : needed) {
      if (!out.containsKey(property)) {
        throw PropertyValues.invalid(
            property, "missing; " + AUTH_METHOD.propertyName() + "=" + method + " needs it");
      }
    }
  }

  private static void copy(
      Map<KeyVaultProperty, String> raw,
      Map<KeyVaultProperty, String> out,
      KeyVaultProperty property) {
    if (raw.containsKey(property)) {
      out.put(property, raw.get(property));
    }
  }

  private static void pathIfSet(
      Map<KeyVaultProperty, String> raw,
      Map<KeyVaultProperty, String> out,
      KeyVaultProperty property,
      Path base,
      boolean mustExist) {
    if (raw.containsKey(property)) {
      out.put(
          property, PropertyValues.path(property, raw.get(property), base, mustExist).toString());
    }
  }

  private static Duration duration(
      Map<KeyVaultProperty, String> raw,
      Map<KeyVaultProperty, String> out,
      KeyVaultProperty property,
      boolean zeroAllowed) {
    Duration value = PropertyValues.duration(property, valueOrDefault(raw, property), zeroAllowed);
    out.put(property, value.toString());
    return value;
  }

  private static String valueOrDefault(
      Map<KeyVaultProperty, String> raw, KeyVaultProperty property) {
    String value = raw.get(property);
    return value != null ? value : property.defaultValue().orElseThrow();
  }
}
