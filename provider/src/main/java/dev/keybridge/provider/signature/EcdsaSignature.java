package dev.keybridge.provider.signature;

import dev.keybridge.keystore.key.VaultEcPrivateKey;
import dev.keybridge.keystore.key.VaultPrivateKey;
import dev.keybridge.management.keys.VaultCurve;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;

/**
 * {@code SHA256withECDSA}, {@code SHA384withECDSA}, {@code SHA512withECDSA} (DER output) and their
 * {@code inP1363Format} variants (raw r||s), with any vault EC key, as with the JDK's providers.
 *
 * <p>Key Vault names the hash with the curve (ES256 for P-256, ES256K for P-256K, ES384 for P-384,
 * ES512 for P-521) and takes a digest of that length. ECDSA itself signs the hash value as an
 * integer cut to the bit length of the curve's order (FIPS 186-5, 6.4.1): so a longer hash is cut
 * to its leftmost bytes (SHA-384 with P-256 sends the first 32 bytes to ES256), and a shorter one
 * is zero-padded on the left, which leaves its integer value unchanged (SHA-256 with P-384 sends 16
 * zero bytes and the 32-byte hash to ES384). The orders of P-256, P-256K and P-384 are whole bytes
 * long and P-521's is longer than SHA-512, so the cut is exact. JDK 25's jarsigner signs with
 * SHA384withECDSA by default, whatever the curve.
 */
abstract class EcdsaSignature extends VaultSignature {
  private final SignatureHash hash;
  private final boolean p1363;

  EcdsaSignature(SignatureHash hash, boolean p1363) {
    super("SHA" + hash.bits() + "withECDSA" + (p1363 ? "inP1363Format" : ""));
    this.hash = hash;
    this.p1363 = p1363;
  }

  @Override
  SignatureHash hash() {
    return hash;
  }

  @Override
  Class<VaultEcPrivateKey> keyType() {
    return VaultEcPrivateKey.class;
  }

  @Override
  void checkSigningKey(VaultPrivateKey key) throws InvalidKeyException {
    curveOf(key);
  }

  @Override
  byte[] vaultDigest(byte[] hashValue, VaultPrivateKey key) {
    VaultCurve curve = VaultCurve.fromVaultName(((VaultEcPrivateKey) key).curve()).orElseThrow();
    int length = SignatureHash.fromJcaName(curve.digestAlgorithm()).length();
    if (hashValue.length == length) {
      return hashValue;
    }
    byte[] fitted = new byte[length];
    if (hashValue.length > length) {
      System.arraycopy(hashValue, 0, fitted, 0, length);
    } else {
      System.arraycopy(hashValue, 0, fitted, length - hashValue.length, hashValue.length);
    }
    return fitted;
  }

  private static VaultCurve curveOf(VaultPrivateKey key) throws InvalidKeyException {
    String name = ((VaultEcPrivateKey) key).curve();
    return VaultCurve.fromVaultName(name)
        .orElseThrow(
            () ->
                new InvalidKeyException("Vault key " + key.keyId() + " has unknown curve " + name));
  }

  @Override
  String vaultAlgorithm(VaultPrivateKey key) {
    return VaultCurve.fromVaultName(((VaultEcPrivateKey) key).curve())
        .orElseThrow()
        .signatureAlgorithm();
  }

  @Override
  byte[] toJcaSignature(byte[] vaultSignature, VaultPrivateKey key) throws SignatureException {
    VaultCurve curve = VaultCurve.fromVaultName(((VaultEcPrivateKey) key).curve()).orElseThrow();
    int expected = 2 * curve.fieldBytes();
    if (vaultSignature.length != expected) {
      throw new SignatureException(
          algorithm()
              + ": the vault returned a "
              + vaultSignature.length
              + "-byte signature for "
              + curve.vaultName()
              + " key "
              + key.keyId()
              + ", expected "
              + expected
              + " bytes (raw r||s)");
    }
    return p1363 ? vaultSignature : EcdsaEncoding.rawToDer(vaultSignature);
  }

  @Override
  Signature newVerifier(PublicKey key) throws InvalidKeyException {
    return LocalVerifiers.ecdsa(hash, p1363, key);
  }

  /** {@code SHA256withECDSA}, DER. */
  static final class Sha256WithEcdsa extends EcdsaSignature {
    Sha256WithEcdsa() {
      super(SignatureHash.SHA256, false);
    }
  }

  /** {@code SHA384withECDSA}, DER. */
  static final class Sha384WithEcdsa extends EcdsaSignature {
    Sha384WithEcdsa() {
      super(SignatureHash.SHA384, false);
    }
  }

  /** {@code SHA512withECDSA}, DER. */
  static final class Sha512WithEcdsa extends EcdsaSignature {
    Sha512WithEcdsa() {
      super(SignatureHash.SHA512, false);
    }
  }

  /** {@code SHA256withECDSAinP1363Format}, raw r||s. */
  static final class Sha256WithEcdsaInP1363Format extends EcdsaSignature {
    Sha256WithEcdsaInP1363Format() {
      super(SignatureHash.SHA256, true);
    }
  }

  /** {@code SHA384withECDSAinP1363Format}, raw r||s. */
  static final class Sha384WithEcdsaInP1363Format extends EcdsaSignature {
    Sha384WithEcdsaInP1363Format() {
      super(SignatureHash.SHA384, true);
    }
  }

  /** {@code SHA512withECDSAinP1363Format}, raw r||s. */
  static final class Sha512WithEcdsaInP1363Format extends EcdsaSignature {
    Sha512WithEcdsaInP1363Format() {
      super(SignatureHash.SHA512, true);
    }
  }
}
