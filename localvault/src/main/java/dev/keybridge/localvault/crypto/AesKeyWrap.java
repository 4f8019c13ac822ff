package dev.keybridge.localvault.crypto;

import dev.keybridge.localvault.VaultError;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/** AES key wrap (RFC 3394) and AES key wrap with padding (RFC 5649) through SunJCE. */
final class AesKeyWrap {
  private AesKeyWrap() {}

  static byte[] wrap(SecretKey key, CipherAlgorithm alg, byte[] keyToWrap) {
    String name = alg.jwaName();
    if (alg.mode() == CipherAlgorithm.Mode.KW) {
      if (keyToWrap.length < 16 || keyToWrap.length % 8 != 0) {
        throw VaultError.badParameter(
            "Key to wrap with "
                + name
                + " must be a multiple of 8 bytes and at least 16 bytes, got "
                + keyToWrap.length);
      }
    } else if (keyToWrap.length == 0) {
      throw VaultError.badParameter("Key to wrap with " + name + " must not be empty");
    }
    try {
      Cipher cipher = cipher(alg);
      cipher.init(Cipher.ENCRYPT_MODE, key);
      return cipher.doFinal(keyToWrap);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(name + " key wrap failed", e);
    }
  }

  static byte[] unwrap(SecretKey key, CipherAlgorithm alg, byte[] wrapped) {
    String name = alg.jwaName();
    int min = alg.mode() == CipherAlgorithm.Mode.KW ? 24 : 16;
    if (wrapped.length < min || wrapped.length % 8 != 0) {
      throw VaultError.badParameter(
          "Wrapped key for "
              + name
              + " must be a multiple of 8 bytes and at least "
              + min
              + " bytes, got "
              + wrapped.length);
    }
    try {
      Cipher cipher = cipher(alg);
      cipher.init(Cipher.DECRYPT_MODE, key);
      return cipher.doFinal(wrapped);
    } catch (GeneralSecurityException e) {
      // Integrity check failed: one message, no detail.
      throw VaultError.badParameter(name + " key unwrap failed");
    }
  }

  private static Cipher cipher(CipherAlgorithm alg) throws GeneralSecurityException {
    String transformation =
        alg.mode() == CipherAlgorithm.Mode.KW ? "AES/KW/NoPadding" : "AES/KWP/NoPadding";
    return Cipher.getInstance(transformation, JcaProviders.SUN_JCE);
  }
}
