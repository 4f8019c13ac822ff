package dev.keybridge.provider.signature;

import dev.keybridge.keystore.key.VaultKey;
import dev.keybridge.keystore.key.VaultKeys;
import dev.keybridge.keystore.key.VaultPrivateKey;
import java.security.InvalidKeyException;
import java.security.Key;

/**
 * The keys {@code initSign} accepts: vault private-key handles, normalised by {@link VaultKeys}.
 */
final class SigningKeys {
  private SigningKeys() {}

  static <T extends VaultPrivateKey> T require(Key key, Class<T> type, String algorithm)
      throws InvalidKeyException {
    T vaultKey = VaultKeys.require(key, type, algorithm);
    requireOperation(vaultKey, "sign", algorithm);
    return vaultKey;
  }

  /** The vault refuses an operation missing from key_ops; say so before sending the request. */
  private static void requireOperation(VaultKey key, String operation, String algorithm)
      throws InvalidKeyException {
    if (!key.keyOperations().isEmpty() && !key.keyOperations().contains(operation)) {
      throw new InvalidKeyException(
          algorithm
              + ": vault key "
              + key.keyId()
              + " does not allow '"
              + operation
              + "' (key_ops "
              + key.keyOperations()
              + ")");
    }
  }
}
