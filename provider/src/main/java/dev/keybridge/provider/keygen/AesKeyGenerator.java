package dev.keybridge.provider.keygen;

import com.azure.security.keyvault.keys.models.CreateOctKeyOptions;
import dev.keybridge.keystore.key.VaultSecretKey;
import dev.keybridge.management.KeyVaultClients;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidParameterException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.function.Supplier;
import javax.crypto.KeyGeneratorSpi;
import javax.crypto.SecretKey;

/**
 * {@code KeyGenerator.getInstance("AES", "KeyBridge")}: creates an AES (oct) key of 128, 192 or 256
 * bits (default 256) in the vault, usually a Managed HSM, with one request, and returns its handle.
 * The size is recorded as management's {@code KeyOptions.octRequest} does for every oct key ({@code
 * KeySizes}), because not every vault reports an oct key's size and the AES algorithm names depend
 * on it.
 */
final class AesKeyGenerator extends KeyGeneratorSpi {
  private final Supplier<KeyVaultClients> clients;
  private int keySize = 256;
  private VaultKeyGenParameterSpec spec;

  AesKeyGenerator(Supplier<KeyVaultClients> clients) {
    this.clients = clients;
  }

  @Override
  protected void engineInit(SecureRandom random) {
    keySize = 256;
    spec = null;
  }

  @Override
  protected void engineInit(int keysize, SecureRandom random) {
    checkSize(keysize);
    keySize = keysize;
    spec = null;
  }

  @Override
  protected void engineInit(AlgorithmParameterSpec params, SecureRandom random)
      throws InvalidAlgorithmParameterException {
    if (!(params instanceof VaultKeyGenParameterSpec vaultSpec)) {
      throw new InvalidAlgorithmParameterException(
          "AES key generation in keybridge takes a VaultKeyGenParameterSpec, not "
              + (params == null ? "null" : params.getClass().getName()));
    }
    if (vaultSpec.curve().isPresent() || vaultSpec.publicExponent().isPresent()) {
      throw new InvalidAlgorithmParameterException(
          "AES key generation takes a keySize, not a curve or public exponent");
    }
    int size = vaultSpec.keySize().orElse(256);
    try {
      checkSize(size);
    } catch (InvalidParameterException e) {
      throw new InvalidAlgorithmParameterException(e.getMessage(), e);
    }
    keySize = size;
    spec = vaultSpec;
  }

  private static void checkSize(int size) {
    if (size != 128 && size != 192 && size != 256) {
      throw new InvalidParameterException("AES keys are 128, 192 or 256 bits, not " + size);
    }
  }

  @Override
  protected SecretKey engineGenerateKey() {
    String name = KeyCreation.name(spec, "aes-" + keySize);
    // Managed HSM holds only HSM keys, so AES keys are always requested as oct-HSM.
    CreateOctKeyOptions request =
        KeyCreation.options(spec).toBuilder()
            .hardwareProtected(true)
            .build()
            .octRequest(name, keySize);
    return (VaultSecretKey) KeyCreation.create(clients, "AES", request);
  }
}
