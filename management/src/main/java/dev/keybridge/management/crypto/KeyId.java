package dev.keybridge.management.crypto;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed key identifier {@code https://host[:port]/keys/{name}[/{version}]}: the vault base URL,
 * the key name and the version (null for "latest").
 */
public record KeyId(URI vaultUrl, String name, String version) {
  private static final Pattern PATH =
      Pattern.compile("/keys/([0-9A-Za-z-]+)(?:/([0-9A-Za-z]*))?/?");

  /**
   * Parses a key identifier.
   *
   * @throws IllegalArgumentException if it is not an https key identifier
   */
  public static KeyId parse(String keyId) {
    if (keyId == null) {
      throw new IllegalArgumentException("key id is null");
    }
    URI uri;
    try {
      uri = new URI(keyId);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("malformed key id '" + keyId + "': " + e.getReason());
    }
    if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("key id '" + keyId + "' is not an https URL");
    }
    Matcher path = PATH.matcher(uri.getRawPath() == null ? "" : uri.getRawPath());
    if (!path.matches() || uri.getRawQuery() != null) {
      throw new IllegalArgumentException(
          "key id '" + keyId + "' is not of the form https://host/keys/NAME[/VERSION]");
    }
    String version = path.group(2) == null || path.group(2).isEmpty() ? null : path.group(2);
    URI base = URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    return new KeyId(base, path.group(1), version);
  }

  /**
   * The URL of an operation on this key: {@code .../keys/name/version/op}, empty version = latest.
   */
  public String operationUrl(String operation, String apiVersion) {
    return vaultUrl
        + "/keys/"
        + name
        + "/"
        + (version == null ? "" : version)
        + "/"
        + operation
        + "?api-version="
        + apiVersion;
  }

  @Override
  public String toString() {
    return vaultUrl + "/keys/" + name + (version == null ? "" : "/" + version);
  }
}
