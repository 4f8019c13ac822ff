package dev.keybridge.provider.keygen;

import com.azure.security.keyvault.keys.models.CreateRsaKeyOptions;
import dev.keybridge.keystore.key.VaultRsaPrivateKey;
import dev.keybridge.management.KeyVaultClients;
import java.math.BigInteger;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidParameterException;
import java.security.KeyPair;
import java.security.KeyPairGeneratorSpi;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.function.Supplier;

/**
 * {@code KeyPairGenerator.getInstance("RSA", "KeyBridge")}: creates an RSA key (2048, 3072 or 4096
 * bits; default 2048) in the vault with one request and returns the JDK public key and the vault
 * handle. Options come from a {@link VaultKeyGenParameterSpec}; {@code initialize(int)} and {@link
 * RSAKeyGenParameterSpec} are accepted too. The SecureRandom argument is ignored: the vault makes
 * the key.
 */
final class RsaKeyPairGenerator extends KeyPairGeneratorSpi {
  private final Supplier<KeyVaultClients> clients;
  private int keySize = 2048;
  private Integer publicExponent;
  private VaultKeyGenParameterSpec spec;

  RsaKeyPairGenerator(Supplier<KeyVaultClients> clients) {
    this.clients = clients;
  }

  @Override
  public void initialize(int keysize, SecureRandom random) {
    checkSize(keysize);
    this.keySize = keysize;
    this.publicExponent = null;
    this.spec = null;
  }

  @Override
  public void initialize(AlgorithmParameterSpec params, SecureRandom random)
      throws InvalidAlgorithmParameterException {
    try {
      if (params instanceof VaultKeyGenParameterSpec vaultSpec) {
        if (vaultSpec.curve().isPresent()) {
          throw new InvalidAlgorithmParameterException(
              "RSA key generation takes a keySize, not a curve");
        }
        int size = vaultSpec.keySize().orElse(2048);
        checkSize(size);
        keySize = size;
        publicExponent =
            vaultSpec.publicExponent().isPresent() ? vaultSpec.publicExponent().getAsInt() : null;
        spec = vaultSpec;
      } else if (params instanceof RSAKeyGenParameterSpec rsaSpec) {
        checkSize(rsaSpec.getKeysize());
        BigInteger exponent = rsaSpec.getPublicExponent();
        if (exponent.bitLength() > 31) {
          throw new InvalidAlgorithmParameterException(
              "Key Vault takes a public exponent below 2^31, got " + exponent);
        }
        keySize = rsaSpec.getKeysize();
        publicExponent = exponent.intValue();
        spec = null;
      } else {
        throw new InvalidAlgorithmParameterException(
            "RSA key generation in keybridge takes a VaultKeyGenParameterSpec or"
                + " RSAKeyGenParameterSpec, not "
                + (params == null ? "null" : params.getClass().getName()));
      }
    } catch (InvalidParameterException e) {
      throw new InvalidAlgorithmParameterException(e.getMessage(), e);
    }
  }

  private static void checkSize(int size) {
    if (size != 2048 && size != 3072 && size != 4096) {
      throw new InvalidParameterException(
          "Key Vault RSA keys are 2048, 3072 or 4096 bits, not " + size);
    }
  }

  @Override
  public KeyPair generateKeyPair() {
    String name = KeyCreation.name(spec, "rsa-" + keySize);
    CreateRsaKeyOptions request =
        KeyCreation.options(spec).rsaRequest(name, keySize, publicExponent);
    VaultRsaPrivateKey handle = (VaultRsaPrivateKey) KeyCreation.create(clients, "RSA", request);
    return new KeyPair(handle.publicKey(), handle);
  }
}
