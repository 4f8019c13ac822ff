package dev.keybridge.keystore.key;

import dev.keybridge.management.crypto.VaultCrypto;
import java.util.List;
import javax.crypto.SecretKey;

/** An AES key held in Managed HSM (Key Vault type oct-HSM or oct). Every operation is remote. */
public final class VaultSecretKey extends VaultKeyHandle implements SecretKey {
  private static final long serialVersionUID = 1L;

  private final int keySize;

  private VaultSecretKey(KeyIdentity identity, int keySize) {
    super(identity);
    this.keySize = keySize;
  }

  /**
   * Creates a handle.
   *
   * @param keyId versioned key identifier
   * @param keyType oct or oct-HSM
   * @param keySize 128, 192 or 256 bits
   * @param keyOperations the key's allowed operations
   * @param crypto how to reach the vault
   */
  public static VaultSecretKey of(
      String keyId, String keyType, int keySize, List<String> keyOperations, VaultCrypto crypto) {
    if (keySize != 128 && keySize != 192 && keySize != 256) {
      throw new IllegalArgumentException("AES key size must be 128, 192 or 256 bits: " + keySize);
    }
    return new VaultSecretKey(KeyIdentity.of(keyId, keyType, keyOperations, crypto), keySize);
  }

  @Override
  public String getAlgorithm() {
    return "AES";
  }

  /** Key size in bits. */
  public int keySize() {
    return keySize;
  }

  @Override
  public boolean isDestroyed() {
    return false;
  }

  @Override
  String describe() {
    return "AES-" + keySize;
  }
}
