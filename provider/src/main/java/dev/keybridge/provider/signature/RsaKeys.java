package dev.keybridge.provider.signature;

import dev.keybridge.keystore.key.VaultRsaPrivateKey;
import java.security.SignatureException;

/** RSA checks shared by the PKCS#1 and PSS signatures. */
final class RsaKeys {
  private RsaKeys() {}

  /** An RSA signature is exactly as long as the modulus; anything else is a broken answer. */
  static byte[] checkLength(byte[] signature, VaultRsaPrivateKey key, String algorithm)
      throws SignatureException {
    int expected = (key.getModulus().bitLength() + 7) / 8;
    if (signature.length != expected) {
      throw new SignatureException(
          algorithm
              + ": the vault returned a "
              + signature.length
              + "-byte signature for key "
              + key.keyId()
              + ", expected "
              + expected
              + " bytes (the modulus length)");
    }
    return signature;
  }
}
