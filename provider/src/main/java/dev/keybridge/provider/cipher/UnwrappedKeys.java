package dev.keybridge.provider.cipher;

import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/** Builds the key {@code Cipher.unwrap} returns from the bytes the vault unwrapped. */
final class UnwrappedKeys {
  private UnwrappedKeys() {}

  static Key toKey(byte[] encoded, String algorithm, int type)
      throws InvalidKeyException, NoSuchAlgorithmException {
    if (encoded.length == 0) {
      throw new InvalidKeyException("The unwrapped key is empty");
    }
    try {
      switch (type) {
        case Cipher.SECRET_KEY:
          return new SecretKeySpec(encoded, algorithm);
        case Cipher.PRIVATE_KEY:
          return KeyFactory.getInstance(algorithm)
              .generatePrivate(new PKCS8EncodedKeySpec(encoded));
        case Cipher.PUBLIC_KEY:
          return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(encoded));
        default:
          throw new InvalidKeyException(
              "wrappedKeyType must be Cipher.SECRET_KEY, PRIVATE_KEY or PUBLIC_KEY, not " + type);
      }
    } catch (InvalidKeySpecException e) {
      throw new InvalidKeyException(
          "The unwrapped bytes are not a valid " + algorithm + " key encoding", e);
    }
  }
}
