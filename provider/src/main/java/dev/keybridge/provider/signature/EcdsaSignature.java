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
 * {@code inP1363Format} variants (raw r||s), Key Vault ES256/ES256K/ES384/ES512. Key Vault ties the
 * hash to the curve, so signing needs the matching key: SHA-256 with P-256 (ES256) or P-256K
 * (ES256K), SHA-384 with P-384, SHA-512 with P-521. Verification takes any EC public key.
 */
public abstract class EcdsaSignature extends VaultSignature {
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
    VaultCurve curve = curveOf(key);
    if (SignatureHash.fromJcaName(curve.digestAlgorithm()) != hash) {
      throw new InvalidKeyException(
          algorithm()
              + " signs with Key Vault ES"
              + hash.bits()
              + ", which needs a "
              + curvesFor(hash)
              + " key; vault key "
              + key.keyId()
              + " is "
              + curve.vaultName()
              + ": use "
              + curve.digestAlgorithm().replace("-", "")
              + "withECDSA"
              + (p1363 ? "inP1363Format" : ""));
    }
  }

  private static String curvesFor(SignatureHash hash) {
    return switch (hash) {
      case SHA256 -> "P-256 or P-256K";
      case SHA384 -> "P-384";
      case SHA512 -> "P-521";
    };
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

  /** {@code SHA256withECDSA}: ES256 (P-256) or ES256K (P-256K), DER. */
  public static final class Sha256WithEcdsa extends EcdsaSignature {
    public Sha256WithEcdsa() {
      super(SignatureHash.SHA256, false);
    }
  }

  /** {@code SHA384withECDSA}: ES384 (P-384), DER. */
  public static final class Sha384WithEcdsa extends EcdsaSignature {
    public Sha384WithEcdsa() {
      super(SignatureHash.SHA384, false);
    }
  }

  /** {@code SHA512withECDSA}: ES512 (P-521), DER. */
  public static final class Sha512WithEcdsa extends EcdsaSignature {
    public Sha512WithEcdsa() {
      super(SignatureHash.SHA512, false);
    }
  }

  /** {@code SHA256withECDSAinP1363Format}: ES256/ES256K, raw r||s. */
  public static final class Sha256WithEcdsaInP1363Format extends EcdsaSignature {
    public Sha256WithEcdsaInP1363Format() {
      super(SignatureHash.SHA256, true);
    }
  }

  /** {@code SHA384withECDSAinP1363Format}: ES384, raw r||s. */
  public static final class Sha384WithEcdsaInP1363Format extends EcdsaSignature {
    public Sha384WithEcdsaInP1363Format() {
      super(SignatureHash.SHA384, true);
    }
  }

  /** {@code SHA512withECDSAinP1363Format}: ES512, raw r||s. */
  public static final class Sha512WithEcdsaInP1363Format extends EcdsaSignature {
    public Sha512WithEcdsaInP1363Format() {
      super(SignatureHash.SHA512, true);
    }
  }
}
