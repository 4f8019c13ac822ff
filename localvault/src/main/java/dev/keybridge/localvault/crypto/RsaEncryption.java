package dev.keybridge.localvault.crypto;

import dev.keybridge.localvault.VaultError;
import java.security.GeneralSecurityException;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * RSA1_5 (PKCS#1 v1.5), RSA-OAEP (SHA-1, MGF1-SHA-1) and RSA-OAEP-256 (SHA-256, MGF1-SHA-256), all
 * without a label, through SunJCE. Used for encrypt/decrypt and wrapKey/unwrapKey alike.
 */
final class RsaEncryption {
  private static final OAEPParameterSpec OAEP_SHA1 =
      new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);
  private static final OAEPParameterSpec OAEP_SHA256 =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

  private RsaEncryption() {}

  /**
   * @param what names the input in errors: "Plaintext" or "Key to wrap"
   */
  static byte[] encrypt(RsaKey key, CipherAlgorithm alg, byte[] data, String what) {
    int max = maxInput(alg, key.modulusBytes());
    if (data.length > max) {
      throw VaultError.badParameter(
          what
              + " too long for "
              + alg.jwaName()
              + " with a "
              + key.bits()
              + "-bit key (max "
              + max
              + " bytes)");
    }
    try {
      Cipher cipher = cipher(alg);
      if (alg == CipherAlgorithm.RSA1_5) {
        cipher.init(Cipher.ENCRYPT_MODE, key.publicKey(), JcaProviders.RANDOM);
      } else {
        cipher.init(Cipher.ENCRYPT_MODE, key.publicKey(), spec(alg), JcaProviders.RANDOM);
      }
      return cipher.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(alg.jwaName() + " encryption failed", e);
    }
  }

  /**
   * @param what names the input in errors: "Ciphertext" or "Wrapped key"
   * @param failure the message suffix when the padding is wrong, e.g. "decryption failed"
   */
  static byte[] decrypt(RsaKey key, CipherAlgorithm alg, byte[] data, String what, String failure) {
    int k = key.modulusBytes();
    if (data.length != k) {
      throw VaultError.badParameter(
          what
              + " for "
              + alg.jwaName()
              + " with a "
              + key.bits()
              + "-bit key must be "
              + k
              + " bytes, got "
              + data.length);
    }
    try {
      Cipher cipher = cipher(alg);
      if (alg == CipherAlgorithm.RSA1_5) {
        cipher.init(Cipher.DECRYPT_MODE, key.privateKey());
      } else {
        cipher.init(Cipher.DECRYPT_MODE, key.privateKey(), spec(alg));
      }
      return cipher.doFinal(data);
    } catch (GeneralSecurityException e) {
      // One message for every padding failure: nothing here may act as a padding oracle.
      throw VaultError.badParameter(alg.jwaName() + " " + failure);
    }
  }

  /** The longest input the scheme can take with a k-byte modulus. */
  static int maxInput(CipherAlgorithm alg, int k) {
    return switch (alg) {
      case RSA1_5 -> k - 11;
      case RSA_OAEP -> k - 2 * 20 - 2;
      default -> k - 2 * 32 - 2;
    };
  }

  private static Cipher cipher(CipherAlgorithm alg) throws GeneralSecurityException {
    String transformation =
        alg == CipherAlgorithm.RSA1_5 ? "RSA/ECB/PKCS1Padding" : "RSA/ECB/OAEPPadding";
    return Cipher.getInstance(transformation, JcaProviders.SUN_JCE);
  }

  private static OAEPParameterSpec spec(CipherAlgorithm alg) {
    return alg == CipherAlgorithm.RSA_OAEP ? OAEP_SHA1 : OAEP_SHA256;
  }
}
