package dev.keybridge.localvault.crypto;

import dev.keybridge.localvault.VaultError;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * AES-GCM (12-byte IV, 16-byte tag returned separately), AES-CBC without padding and AES-CBC with
 * PKCS#7 padding (16-byte IV), through SunJCE. The IV is random when the caller gives none.
 */
final class AesEncryption {
  static final int GCM_IV_BYTES = 12;
  static final int GCM_TAG_BYTES = 16;
  static final int BLOCK_BYTES = 16;

  private AesEncryption() {}

  static CipherResult encrypt(
      SecretKey key, CipherAlgorithm alg, byte[] plaintext, byte[] iv, byte[] aad) {
    String name = alg.jwaName();
    boolean gcm = alg.mode() == CipherAlgorithm.Mode.GCM;
    int ivBytes = gcm ? GCM_IV_BYTES : BLOCK_BYTES;
    if (iv == null) {
      iv = new byte[ivBytes];
      JcaProviders.RANDOM.nextBytes(iv);
    } else {
      iv = checkIv(name, iv, ivBytes);
    }
    if (alg.mode() == CipherAlgorithm.Mode.CBC && plaintext.length % BLOCK_BYTES != 0) {
      throw VaultError.badParameter(
          "Plaintext for " + name + " must be a multiple of 16 bytes, got " + plaintext.length);
    }
    try {
      Cipher cipher = cipher(alg);
      if (gcm) {
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(GCM_TAG_BYTES * 8, iv));
        if (aad != null && aad.length > 0) {
          cipher.updateAAD(aad);
        }
        byte[] sealed = cipher.doFinal(plaintext);
        int split = sealed.length - GCM_TAG_BYTES;
        return new CipherResult(
            Arrays.copyOfRange(sealed, 0, split),
            iv,
            Arrays.copyOfRange(sealed, split, sealed.length));
      }
      cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
      return new CipherResult(cipher.doFinal(plaintext), iv, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(name + " encryption failed", e);
    }
  }

  static byte[] decrypt(
      SecretKey key, CipherAlgorithm alg, byte[] ciphertext, byte[] iv, byte[] aad, byte[] tag) {
    String name = alg.jwaName();
    boolean gcm = alg.mode() == CipherAlgorithm.Mode.GCM;
    if (iv == null) {
      throw VaultError.badParameter("IV (iv) is required for " + name + " decryption");
    }
    iv = checkIv(name, iv, gcm ? GCM_IV_BYTES : BLOCK_BYTES);
    try {
      Cipher cipher = cipher(alg);
      if (gcm) {
        if (tag == null) {
          throw VaultError.badParameter(
              "Authentication tag (tag) is required for " + name + " decryption");
        }
        if (tag.length != GCM_TAG_BYTES) {
          throw VaultError.badParameter(
              "Authentication tag for " + name + " must be 16 bytes, got " + tag.length);
        }
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(GCM_TAG_BYTES * 8, iv));
        if (aad != null && aad.length > 0) {
          cipher.updateAAD(aad);
        }
        byte[] sealed = Arrays.copyOf(ciphertext, ciphertext.length + GCM_TAG_BYTES);
        System.arraycopy(tag, 0, sealed, ciphertext.length, GCM_TAG_BYTES);
        return cipher.doFinal(sealed);
      }
      boolean padded = alg.mode() == CipherAlgorithm.Mode.CBCPAD;
      if (ciphertext.length % BLOCK_BYTES != 0 || (padded && ciphertext.length == 0)) {
        throw VaultError.badParameter(
            "Ciphertext for "
                + name
                + " must be a "
                + (padded ? "non-empty " : "")
                + "multiple of 16 bytes, got "
                + ciphertext.length);
      }
      cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
      return cipher.doFinal(ciphertext);
    } catch (GeneralSecurityException e) {
      // A wrong GCM tag or wrong CBC padding: one message, no detail (no padding oracle).
      throw VaultError.badParameter(name + " decryption failed");
    }
  }

  private static byte[] checkIv(String name, byte[] iv, int length) {
    if (iv.length != length) {
      throw VaultError.badParameter(
          "IV for " + name + " must be " + length + " bytes, got " + iv.length);
    }
    return iv.clone();
  }

  private static Cipher cipher(CipherAlgorithm alg) throws GeneralSecurityException {
    String transformation =
        switch (alg.mode()) {
          case GCM -> "AES/GCM/NoPadding";
          case CBC -> "AES/CBC/NoPadding";
          default -> "AES/CBC/PKCS5Padding";
        };
    return Cipher.getInstance(transformation, JcaProviders.SUN_JCE);
  }
}
