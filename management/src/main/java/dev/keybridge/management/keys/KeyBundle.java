package dev.keybridge.management.keys;

import com.azure.security.keyvault.keys.models.KeyOperation;
import com.azure.security.keyvault.keys.models.KeyProperties;
import com.azure.security.keyvault.keys.models.KeyType;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A key version as the vault returned it: the SDK model plus its public key as a JCA {@link
 * PublicKey} (RSA and EC; none for oct keys, whose material the vault never returns).
 */
public final class KeyBundle {
  private final KeyVaultKey key;
  private final PublicKey publicKey;

  private KeyBundle(KeyVaultKey key, PublicKey publicKey) {
    this.key = key;
    this.publicKey = publicKey;
  }

  /**
   * Wraps an SDK key, converting its JWK.
   *
   * @throws IllegalArgumentException if the vault returned an unusable public key
   */
  public static KeyBundle of(KeyVaultKey key) {
    Objects.requireNonNull(key, "key");
    PublicKey publicKey =
        key.getKey() == null ? null : JwkKeys.publicKey(key.getKey()).orElse(null);
    return new KeyBundle(key, publicKey);
  }

  /** The SDK model (JWK, properties). */
  public KeyVaultKey sdkKey() {
    return key;
  }

  /** Full key id with version: {@code https://host/keys/name/version}. */
  public String id() {
    return key.getId();
  }

  public String name() {
    return key.getName();
  }

  public String version() {
    return key.getProperties().getVersion();
  }

  public KeyType keyType() {
    return key.getKeyType();
  }

  public KeyProperties properties() {
    return key.getProperties();
  }

  public List<KeyOperation> operations() {
    return key.getKeyOperations() == null ? List.of() : key.getKeyOperations();
  }

  /** The public key of an RSA or EC key; empty for oct keys. */
  public Optional<PublicKey> publicKey() {
    return Optional.ofNullable(publicKey);
  }

  @Override
  public String toString() {
    return "KeyBundle{" + id() + ", " + keyType() + "}";
  }
}
