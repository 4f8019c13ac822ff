package dev.keybridge.provider.signature;

import dev.keybridge.keystore.key.VaultPrivateKey;
import dev.keybridge.keystore.key.VaultRsaPrivateKey;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;

/**
 * {@code SHA256withRSA}, {@code SHA384withRSA}, {@code SHA512withRSA}: RSASSA-PKCS1-v1_5, Key Vault
 * RS256/RS384/RS512. The vault adds the DigestInfo prefix; the result is the k-byte signature the
 * JDK produces.
 */
abstract class RsaPkcs1Signature extends VaultSignature {
  private final SignatureHash hash;

  RsaPkcs1Signature(SignatureHash hash) {
    super("SHA" + hash.bits() + "withRSA");
    this.hash = hash;
  }

  @Override
  SignatureHash hash() {
    return hash;
  }

  @Override
  Class<VaultRsaPrivateKey> keyType() {
    return VaultRsaPrivateKey.class;
  }

  @Override
  void checkSigningKey(VaultPrivateKey key) {
    // Any RSA key size signs with every hash.
  }

  @Override
  String vaultAlgorithm(VaultPrivateKey key) {
    return "RS" + hash.bits();
  }

  @Override
  byte[] toJcaSignature(byte[] vaultSignature, VaultPrivateKey key) throws SignatureException {
    return RsaKeys.checkLength(vaultSignature, (VaultRsaPrivateKey) key, algorithm());
  }

  @Override
  Signature newVerifier(PublicKey key) throws InvalidKeyException {
    return LocalVerifiers.rsa(algorithm(), key);
  }

  /** {@code SHA256withRSA} (Key Vault RS256). */
  static final class Sha256WithRsa extends RsaPkcs1Signature {
    Sha256WithRsa() {
      super(SignatureHash.SHA256);
    }
  }

  /** {@code SHA384withRSA} (Key Vault RS384). */
  static final class Sha384WithRsa extends RsaPkcs1Signature {
    Sha384WithRsa() {
      super(SignatureHash.SHA384);
    }
  }

  /** {@code SHA512withRSA} (Key Vault RS512). */
  static final class Sha512WithRsa extends RsaPkcs1Signature {
    Sha512WithRsa() {
      super(SignatureHash.SHA512);
    }
  }
}
