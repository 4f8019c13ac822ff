package dev.keybridge.localvault.secrets;

import java.util.Map;

/**
 * One version of a secret as the vault keeps it: name (as first created), 32-hex version, the
 * value, its content type (or null), attributes, tags and whether it backs a certificate ({@code
 * managed}; then its {@code kid} is the certificate's key version of the same name and version).
 * {@link #toString()} never shows the value.
 */
public record SecretVersion(
    String name,
    String version,
    String value,
    String contentType,
    SecretAttributes attributes,
    Map<String, String> tags,
    boolean managed) {

  public SecretVersion {
    tags = Map.copyOf(tags);
  }

  /** The same version with other attributes and tags (value, name, version unchanged). */
  public SecretVersion with(SecretAttributes newAttributes, Map<String, String> newTags) {
    return new SecretVersion(name, version, value, contentType, newAttributes, newTags, managed);
  }

  /** {@code {base}/secrets/{name}/{version}}. */
  public String id(String baseUrl) {
    return baseUrl + "/secrets/" + name + "/" + version;
  }

  @Override
  public String toString() {
    return "SecretVersion[" + name + "/" + version + ", managed=" + managed + "]";
  }
}
