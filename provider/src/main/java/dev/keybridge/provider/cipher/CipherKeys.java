package dev.keybridge.provider.cipher;

import dev.keybridge.keystore.key.VaultKey;
import dev.keybridge.keystore.key.VaultKeys;
import dev.keybridge.keystore.key.VaultSecretKey;
import java.security.InvalidKeyException;
import java.security.Key;

/** The keys {@code Cipher.init} accepts for vault operations, normalised by {@link VaultKeys}. */
final class CipherKeys {
  private CipherKeys() {}

  /**
   * @param operation the Key Vault operation the key must allow (decrypt, unwrapKey, encrypt, ...)
   */
  static <T extends VaultKey> T require(
      Key key, Class<T> type, String operation, String transformation) throws InvalidKeyException {
    T vaultKey = VaultKeys.require(key, type, transformation);
    if (!vaultKey.keyOperations().isEmpty() && !vaultKey.keyOperations().contains(operation)) {
      throw new InvalidKeyException(
          transformation
              + ": vault key "
              + vaultKey.keyId()
              + " does not allow '"
              + operation
              + "' (key_ops "
              + vaultKey.keyOperations()
              + ")");
    }
    return vaultKey;
  }

  static VaultSecretKey requireAes(
      Key key, String operation, String transformation, int requiredKeySize)
      throws InvalidKeyException {
    VaultSecretKey aesKey = require(key, VaultSecretKey.class, operation, transformation);
    if (requiredKeySize != 0 && aesKey.keySize() != requiredKeySize) {
      throw new InvalidKeyException(
          transformation
              + " needs a "
              + requiredKeySize
              + "-bit AES key; vault key "
              + aesKey.keyId()
              + " has "
              + aesKey.keySize()
              + " bits");
    }
    return aesKey;
  }
}
