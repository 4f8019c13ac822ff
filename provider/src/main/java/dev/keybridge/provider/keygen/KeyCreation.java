package dev.keybridge.provider.keygen;

import com.azure.security.keyvault.keys.models.CreateKeyOptions;
import dev.keybridge.keystore.key.VaultKey;
import dev.keybridge.keystore.key.VaultKeys;
import dev.keybridge.management.KeyVaultClients;
import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.keys.KeyBundle;
import dev.keybridge.management.keys.KeyOptions;
import java.security.InvalidKeyException;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Creating a key in the vault: the create request that management's {@link KeyOptions} builds, sent
 * through {@code VaultKeyAccess.createKey} (one request), the result turned into a handle.
 */
final class KeyCreation {
  private static final SecureRandom NAME_RANDOM = new SecureRandom();

  private KeyCreation() {}

  /** A fresh name like {@code kb-rsa-2048-3f9c0a1be4d27c55} when the spec gives none. */
  static String name(VaultKeyGenParameterSpec spec, String kindAndSize) {
    if (spec != null && spec.name().isPresent()) {
      return spec.name().get();
    }
    byte[] suffix = new byte[8];
    NAME_RANDOM.nextBytes(suffix);
    return "kb-" + kindAndSize + "-" + HexFormat.of().formatHex(suffix);
  }

  /** The create options of {@code spec}, or the vault's defaults without one. */
  static KeyOptions options(VaultKeyGenParameterSpec spec) {
    return spec == null ? KeyOptions.defaults() : spec.options();
  }

  /**
   * Sends the create request through management's key access and returns the handle.
   *
   * @throws ProviderException naming the vault error code and the key when the vault refuses or
   *     cannot be reached (the JCA generate methods declare no checked exception)
   */
  static VaultKey create(
      Supplier<KeyVaultClients> clients, String algorithm, CreateKeyOptions options) {
    KeyVaultClients vault = clients.get();
    KeyBundle created;
    try {
      created = vault.keyAccess().createKey(options);
    } catch (KeyVaultException e) {
      throw new ProviderException(algorithm + " key generation in the vault: " + e.getMessage(), e);
    }
    try {
      return VaultKeys.fromKeyBundle(created, vault.crypto());
    } catch (InvalidKeyException e) {
      throw new ProviderException(
          algorithm
              + " key '"
              + options.getName()
              + "' was created but is not usable: "
              + e.getMessage(),
          e);
    }
  }
}
