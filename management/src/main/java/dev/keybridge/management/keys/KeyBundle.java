package dev.keybridge.management.keys;

import com.azure.security.keyvault.keys.models.KeyOperation;
import com.azure.security.keyvault.keys.models.KeyProperties;
import com.azure.security.keyvault.keys.models.KeyType;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
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
  private final Integer reportedKeySize;

  private KeyBundle(KeyVaultKey key, PublicKey publicKey, Integer reportedKeySize) {
    this.key = key;
    this.publicKey = publicKey;
    this.reportedKeySize = reportedKeySize;
  }

  /**
   * Wraps an SDK key, converting its JWK.
   *
   * @throws IllegalArgumentException if the vault returned an unusable public key
   */
  public static KeyBundle of(KeyVaultKey key) {
    return of(key, null);
  }

  /**
   * Wraps an SDK key with the size the vault reported for it ({@code attributes.key_size}, which
   * the SDK model does not carry), or null.
   *
   * @throws IllegalArgumentException if the vault returned an unusable public key
   */
  public static KeyBundle of(KeyVaultKey key, Integer reportedKeySize) {
    Objects.requireNonNull(key, "key");
    PublicKey publicKey =
        key.getKey() == null ? null : JwkKeys.publicKey(key.getKey()).orElse(null);
    return new KeyBundle(key, publicKey, reportedKeySize);
  }

  /**
   * The key size in bits: the RSA modulus, the EC field, and for oct keys what {@link KeySizes}
   * decides (the vault's {@code attributes.key_size}, else the size tag, else 256).
   *
   * @throws IllegalArgumentException when an oct key's size tag is not a number
   */
  public int keySize() {
    if (publicKey instanceof RSAPublicKey rsa) {
      return rsa.getModulus().bitLength();
    }
    if (publicKey instanceof ECPublicKey ec) {
      return ec.getParams().getCurve().getField().getFieldSize();
    }
    return KeySizes.octBits(reportedKeySize, key.getProperties().getTags());
  }

  /** {@code attributes.key_size} as the vault reported it, if it did. */
  public Optional<Integer> reportedKeySize() {
    return Optional.ofNullable(reportedKeySize);
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
