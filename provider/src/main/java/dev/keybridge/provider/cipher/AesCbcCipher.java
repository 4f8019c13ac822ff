package dev.keybridge.provider.cipher;

import dev.keybridge.keystore.key.VaultSecretKey;
import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.crypto.VaultCrypto.SymmetricResult;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.IvParameterSpec;

/**
 * {@code AES/CBC/PKCS5Padding} (Key Vault A128CBCPAD/A192CBCPAD/A256CBCPAD) and {@code
 * AES/CBC/NoPadding} (A128CBC/...) on an AES vault key: one request per {@code doFinal}. Encryption
 * uses the {@code IvParameterSpec} if one is given, else the vault generates the IV ({@link
 * #engineGetIV()} gives it after {@code doFinal}); decryption needs the IV.
 */
final class AesCbcCipher extends VaultAesCipher {
  private final boolean padded;

  /**
   * @param padded PKCS#5 (PKCS#7) padding, or none (the input must be whole blocks)
   * @param requiredKeySize 0 for any AES key size, else only that size
   */
  AesCbcCipher(boolean padded, int requiredKeySize) {
    super(
        AesNames.transformation(requiredKeySize, "CBC", padded ? "PKCS5Padding" : "NoPadding"),
        requiredKeySize);
    this.padded = padded;
  }

  @Override
  String mode() {
    return "CBC";
  }

  @Override
  String padding() {
    return padded ? "PKCS5Padding" : "NoPadding";
  }

  @Override
  String vaultAlgorithm(VaultSecretKey key) {
    return "A" + key.keySize() + (padded ? "CBCPAD" : "CBC");
  }

  @Override
  byte[] checkParameters(int mode, AlgorithmParameterSpec params)
      throws InvalidAlgorithmParameterException {
    if (params == null) {
      if (mode == Cipher.DECRYPT_MODE) {
        throw new InvalidAlgorithmParameterException(
            transformation() + " decryption needs an IvParameterSpec (16 bytes)");
      }
      return null;
    }
    if (!(params instanceof IvParameterSpec ivSpec) || ivSpec.getIV().length != BLOCK_BYTES) {
      throw new InvalidAlgorithmParameterException(
          transformation() + " takes an IvParameterSpec of 16 bytes");
    }
    return ivSpec.getIV();
  }

  @Override
  Class<? extends AlgorithmParameterSpec> parameterSpecClass() {
    return IvParameterSpec.class;
  }

  @Override
  protected AlgorithmParameters engineGetParameters() {
    byte[] iv = iv();
    return iv == null ? null : parameters("AES", new IvParameterSpec(iv));
  }

  @Override
  protected int engineGetOutputSize(int inputLen) {
    int total = buffered() + inputLen;
    if (opmode() == Cipher.ENCRYPT_MODE && padded) {
      return (total / BLOCK_BYTES + 1) * BLOCK_BYTES;
    }
    return total;
  }

  @Override
  byte[] finish(VaultSecretKey key, String vaultAlgorithm, byte[] input)
      throws IllegalBlockSizeException, BadPaddingException {
    if (opmode() == Cipher.ENCRYPT_MODE) {
      if (!padded && input.length % BLOCK_BYTES != 0) {
        throw new IllegalBlockSizeException(
            transformation() + ": the input must be a multiple of 16 bytes, got " + input.length);
      }
      byte[] requestedIv = iv();
      SymmetricResult result;
      try {
        result = key.crypto().encrypt(key.keyId(), vaultAlgorithm, input, requestedIv, null);
      } catch (KeyVaultException e) {
        throw CipherFailures.failure(transformation(), vaultAlgorithm, key, e);
      }
      if (result.iv() == null
          || result.iv().length != BLOCK_BYTES
          || (requestedIv != null && !Arrays.equals(requestedIv, result.iv()))) {
        throw CipherFailures.badAnswer(transformation(), key, "did not use or return a 16-byte IV");
      }
      if (result.ciphertext().length != engineGetOutputSize(input.length)) {
        throw CipherFailures.badAnswer(
            transformation(), key, "returned a ciphertext of the wrong length");
      }
      setIv(result.iv());
      return result.ciphertext();
    }
    if (input.length % BLOCK_BYTES != 0 || (padded && input.length == 0)) {
      throw new IllegalBlockSizeException(
          transformation()
              + ": the ciphertext must be a non-empty multiple of 16 bytes, got "
              + input.length);
    }
    byte[] plaintext;
    try {
      plaintext = key.crypto().decrypt(key.keyId(), vaultAlgorithm, input, iv(), null, null);
    } catch (KeyVaultException e) {
      throw CipherFailures.decryptFailure(transformation(), vaultAlgorithm, key, e);
    }
    int minimum = padded ? input.length - BLOCK_BYTES : input.length;
    int maximum = padded ? input.length - 1 : input.length;
    if (plaintext.length < minimum || plaintext.length > maximum) {
      throw CipherFailures.badAnswer(
          transformation(), key, "returned a plaintext of the wrong length");
    }
    return plaintext;
  }
}
