package dev.keybridge.keystore.key;

import dev.keybridge.management.crypto.VaultCrypto;
import java.util.List;
import java.util.Objects;

/** Identity shared by every handle: versioned key id, name, version, key type, key operations. */
record KeyIdentity(
    String keyId,
    String name,
    String version,
    String keyType,
    List<String> keyOperations,
    VaultCrypto crypto) {

  KeyIdentity {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(crypto, "crypto");
    keyOperations = List.copyOf(keyOperations == null ? List.of() : keyOperations);
  }

  /**
   * Parses {@code https://host[:port]/keys/{name}/{version}}.
   *
   * @throws IllegalArgumentException if the id is not a versioned key identifier
   */
  static KeyIdentity of(
      String keyId, String keyType, List<String> keyOperations, VaultCrypto crypto) {
    String[] parts = keyId.split("/");
    // https: "" host keys name version
    if (parts.length != 6 || !"keys".equals(parts[3]) || parts[5].isEmpty()) {
      throw new IllegalArgumentException(
          "Not a versioned Key Vault key id (https://host/keys/name/version): " + keyId);
    }
    return new KeyIdentity(keyId, parts[4], parts[5], keyType, keyOperations, crypto);
  }

  String describe(String algorithm) {
    return algorithm + " vault key " + keyId + " (" + keyType + ")";
  }
}
