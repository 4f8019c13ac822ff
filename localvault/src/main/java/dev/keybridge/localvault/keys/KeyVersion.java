package dev.keybridge.localvault.keys;

import dev.keybridge.localvault.crypto.KeyMaterial;
import java.util.List;
import java.util.Map;

/**
 * One version of a key as the vault keeps it: name (as first created), 32-hex version, stored key
 * type (with {@code -HSM} where applicable), allowed operations, attributes, tags, release policy,
 * whether it backs a certificate ({@code managed}) and its parsed {@link KeyMaterial}. Immutable;
 * updates make a copy with {@link #with}. {@link #toString()} never shows material.
 */
public record KeyVersion(
    String name,
    String version,
    String kty,
    List<String> keyOps,
    KeyAttributes attributes,
    Map<String, String> tags,
    StoredReleasePolicy releasePolicy,
    boolean managed,
    KeyMaterial material) {

  public KeyVersion {
    keyOps = List.copyOf(keyOps);
    tags = Map.copyOf(tags);
  }

  /** The same version with new mutable properties (material, name, version, kty unchanged). */
  public KeyVersion with(
      List<String> newKeyOps,
      KeyAttributes newAttributes,
      Map<String, String> newTags,
      StoredReleasePolicy newReleasePolicy) {
    return new KeyVersion(
        name, version, kty, newKeyOps, newAttributes, newTags, newReleasePolicy, managed, material);
  }

  /** {@code {base}/keys/{name}/{version}}. */
  public String kid(String baseUrl) {
    return baseUrl + "/keys/" + name + "/" + version;
  }

  @Override
  public String toString() {
    return "KeyVersion[" + name + "/" + version + ", " + kty + ", managed=" + managed + "]";
  }
}
