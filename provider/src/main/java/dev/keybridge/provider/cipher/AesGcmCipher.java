package dev.keybridge.provider.cipher;

import dev.keybridge.keystore.key.VaultSecretKey;
import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.crypto.VaultCrypto.SymmetricResult;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.GCMParameterSpec;

/**
 * {@code AES/GCM/NoPadding} on an AES vault key, Key Vault A128GCM/A192GCM/A256GCM: one request per
 * {@code doFinal}, data buffered until then. Encryption takes no parameters: the vault generates
 * the 12-byte IV, which {@link #engineGetIV()} and {@link #engineGetParameters()} give after {@code
 * doFinal}; the output is ciphertext||tag like the JDK's. Decryption takes {@code
 * GCMParameterSpec(128, iv)} with a 12-byte IV and ciphertext||tag. AAD via {@code updateAAD}
 * before the data.
 */
final class AesGcmCipher extends VaultAesCipher {
  static final int TAG_BYTES = 16;
  static final int IV_BYTES = 12;

  private final ByteArrayOutputStream aad = new ByteArrayOutputStream();
  private boolean dataSeen;

  /**
   * {@code AES/GCM/NoPadding} (requiredKeySize 0: any key size) or {@code AES_128/GCM/NoPadding}
   * and friends (only that key size).
   */
  AesGcmCipher(int requiredKeySize) {
    super(AesNames.transformation(requiredKeySize, "GCM", "NoPadding"), requiredKeySize);
  }

  @Override
  String mode() {
    return "GCM";
  }

  @Override
  String padding() {
    return "NoPadding";
  }

  @Override
  String vaultAlgorithm(VaultSecretKey key) {
    return "A" + key.keySize() + "GCM";
  }

  @Override
  byte[] checkParameters(int mode, AlgorithmParameterSpec params)
      throws InvalidAlgorithmParameterException {
    aad.reset();
    dataSeen = false;
    if (mode == Cipher.ENCRYPT_MODE) {
      if (params != null) {
        throw new InvalidAlgorithmParameterException(
            transformation()
                + " encryption takes no parameters: the vault generates a fresh 12-byte IV for"
                + " every doFinal (read it from getIV() afterwards)");
      }
      return null;
    }
    if (!(params instanceof GCMParameterSpec gcm)) {
      throw new InvalidAlgorithmParameterException(
          transformation() + " decryption needs GCMParameterSpec(128, iv)");
    }
    if (gcm.getTLen() != TAG_BYTES * 8) {
      throw new InvalidAlgorithmParameterException(
          transformation() + ": Key Vault's GCM tag is 128 bits, got " + gcm.getTLen());
    }
    if (gcm.getIV().length != IV_BYTES) {
      throw new InvalidAlgorithmParameterException(
          transformation() + ": Key Vault's GCM IV is 12 bytes, got " + gcm.getIV().length);
    }
    return gcm.getIV();
  }

  @Override
  Class<? extends AlgorithmParameterSpec> parameterSpecClass() {
    return GCMParameterSpec.class;
  }

  @Override
  protected AlgorithmParameters engineGetParameters() {
    byte[] iv = iv();
    return iv == null ? null : parameters("GCM", new GCMParameterSpec(TAG_BYTES * 8, iv));
  }

  @Override
  protected int engineGetOutputSize(int inputLen) {
    int total = buffered() + inputLen;
    return opmode() == Cipher.ENCRYPT_MODE ? total + TAG_BYTES : Math.max(0, total - TAG_BYTES);
  }

  @Override
  protected void engineUpdateAAD(byte[] src, int offset, int len) {
    requireMode(Cipher.ENCRYPT_MODE, Cipher.DECRYPT_MODE);
    if (dataSeen) {
      throw new IllegalStateException(transformation() + ": updateAAD must come before the data");
    }
    aad.write(src, offset, len);
  }

  @Override
  protected void engineUpdateAAD(ByteBuffer src) {
    byte[] bytes = new byte[src.remaining()];
    src.get(bytes);
    engineUpdateAAD(bytes, 0, bytes.length);
  }

  @Override
  void onData(int len) {
    dataSeen = dataSeen || len > 0;
  }

  @Override
  byte[] finish(VaultSecretKey key, String vaultAlgorithm, byte[] input)
      throws IllegalBlockSizeException, BadPaddingException {
    byte[] additional = aad.size() == 0 ? null : aad.toByteArray();
    aad.reset();
    dataSeen = false;
    if (opmode() == Cipher.ENCRYPT_MODE) {
      SymmetricResult result;
      try {
        result = key.crypto().encrypt(key.keyId(), vaultAlgorithm, input, null, additional);
      } catch (KeyVaultException e) {
        throw CipherFailures.failure(transformation(), vaultAlgorithm, key, e);
      }
      if (result.iv() == null || result.iv().length != IV_BYTES) {
        throw CipherFailures.badAnswer(transformation(), key, "returned no 12-byte IV");
      }
      if (result.tag() == null || result.tag().length != TAG_BYTES) {
        throw CipherFailures.badAnswer(transformation(), key, "returned no 16-byte tag");
      }
      if (result.ciphertext().length != input.length) {
        throw CipherFailures.badAnswer(
            transformation(), key, "returned a ciphertext of the wrong length");
      }
      setIv(result.iv());
      byte[] out = Arrays.copyOf(result.ciphertext(), input.length + TAG_BYTES);
      System.arraycopy(result.tag(), 0, out, input.length, TAG_BYTES);
      return out;
    }
    if (input.length < TAG_BYTES) {
      throw new AEADBadTagException(
          transformation() + ": the input is shorter than the 16-byte tag");
    }
    int ciphertextLength = input.length - TAG_BYTES;
    byte[] ciphertext = Arrays.copyOf(input, ciphertextLength);
    byte[] tag = Arrays.copyOfRange(input, ciphertextLength, input.length);
    byte[] plaintext;
    try {
      plaintext =
          key.crypto().decrypt(key.keyId(), vaultAlgorithm, ciphertext, iv(), additional, tag);
    } catch (KeyVaultException e) {
      throw CipherFailures.tagFailure(transformation(), vaultAlgorithm, key, e);
    }
    if (plaintext.length != ciphertextLength) {
      throw CipherFailures.badAnswer(
          transformation(), key, "returned a plaintext of the wrong length");
    }
    return plaintext;
  }
}
