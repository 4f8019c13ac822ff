package dev.keybridge.provider.signature;

import dev.keybridge.keystore.key.VaultPrivateKey;
import dev.keybridge.keystore.key.VaultRsaPrivateKey;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.InvalidParameterSpecException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * RSASSA-PSS, Key Vault PS256/PS384/PS512: SHA-256/384/512, MGF1 with the same hash, salt length
 * equal to the digest length, trailer field 1. {@code RSASSA-PSS} takes these as a {@link
 * PSSParameterSpec} (before or after {@code initSign}, as JSSE and jarsigner do); the {@code
 * SHA256withRSA/PSS} names fix them. Any other parameters are an {@link
 * InvalidAlgorithmParameterException} naming what Key Vault lacks.
 */
abstract class RsaPssSignature extends VaultSignature {
  private final PSSParameterSpec fixed;
  private PSSParameterSpec params;
  private SignatureHash hash;

  RsaPssSignature(String algorithm, SignatureHash fixedHash) {
    super(algorithm);
    if (fixedHash != null) {
      this.fixed = specFor(fixedHash);
      this.params = fixed;
      this.hash = fixedHash;
    } else {
      this.fixed = null;
    }
  }

  /** The only PSS parameters Key Vault signs with for hash. */
  static PSSParameterSpec specFor(SignatureHash hash) {
    return new PSSParameterSpec(
        hash.jcaName(),
        "MGF1",
        new MGF1ParameterSpec(hash.jcaName()),
        hash.length(),
        PSSParameterSpec.TRAILER_FIELD_BC);
  }

  @Override
  SignatureHash hash() {
    return hash;
  }

  @Override
  protected void engineSetParameter(AlgorithmParameterSpec spec)
      throws InvalidAlgorithmParameterException {
    if (!(spec instanceof PSSParameterSpec pss)) {
      throw new InvalidAlgorithmParameterException(
          algorithm()
              + " needs a PSSParameterSpec, got "
              + (spec == null ? "null" : spec.getClass().getName()));
    }
    SignatureHash newHash = vaultHash(pss);
    if (fixed != null && newHash != hash) {
      throw new InvalidAlgorithmParameterException(
          algorithm() + " fixes its parameters to " + describe(fixed) + ", got " + describe(pss));
    }
    params = pss;
    hash = newHash;
    resetDigest();
    Signature verifier = verifier();
    if (verifier != null) {
      verifier.setParameter(pss);
    }
  }

  /** Maps a PSSParameterSpec to Key Vault's PS algorithm, or says precisely what does not fit. */
  private SignatureHash vaultHash(PSSParameterSpec pss) throws InvalidAlgorithmParameterException {
    SignatureHash digest = SignatureHash.fromJcaName(pss.getDigestAlgorithm());
    if (digest == null) {
      throw unsupported(pss, "the digest must be SHA-256, SHA-384 or SHA-512");
    }
    if (!"MGF1".equalsIgnoreCase(pss.getMGFAlgorithm())) {
      throw unsupported(pss, "the mask generation function must be MGF1");
    }
    if (!(pss.getMGFParameters() instanceof MGF1ParameterSpec mgf)
        || SignatureHash.fromJcaName(mgf.getDigestAlgorithm()) != digest) {
      throw unsupported(pss, "MGF1 must use the message digest, " + digest.jcaName());
    }
    if (pss.getSaltLength() != digest.length()) {
      throw unsupported(
          pss, "the salt length must equal the digest length, " + digest.length() + " bytes");
    }
    if (pss.getTrailerField() != PSSParameterSpec.TRAILER_FIELD_BC) {
      throw unsupported(pss, "the trailer field must be 1");
    }
    return digest;
  }

  private InvalidAlgorithmParameterException unsupported(PSSParameterSpec pss, String rule) {
    return new InvalidAlgorithmParameterException(
        algorithm()
            + ": Key Vault signs RSASSA-PSS only as PS256/PS384/PS512; "
            + rule
            + "; got "
            + describe(pss));
  }

  private static String describe(PSSParameterSpec pss) {
    String mgfHash =
        pss.getMGFParameters() instanceof MGF1ParameterSpec mgf
            ? mgf.getDigestAlgorithm()
            : String.valueOf(pss.getMGFParameters());
    return pss.getDigestAlgorithm()
        + "/"
        + pss.getMGFAlgorithm()
        + "("
        + mgfHash
        + ")/salt "
        + pss.getSaltLength()
        + "/trailer "
        + pss.getTrailerField();
  }

  @Override
  protected AlgorithmParameters engineGetParameters() {
    if (params == null) {
      return null;
    }
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("RSASSA-PSS");
      parameters.init(params);
      return parameters;
    } catch (NoSuchAlgorithmException | InvalidParameterSpecException e) {
      throw new ProviderException("RSASSA-PSS parameters are not available in this JDK", e);
    }
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
    return "PS" + hash.bits();
  }

  @Override
  byte[] toJcaSignature(byte[] vaultSignature, VaultPrivateKey key) throws SignatureException {
    return RsaKeys.checkLength(vaultSignature, (VaultRsaPrivateKey) key, algorithm());
  }

  @Override
  Signature newVerifier(PublicKey key) throws InvalidKeyException {
    Signature verifier = LocalVerifiers.rsa("RSASSA-PSS", key);
    if (params != null) {
      try {
        verifier.setParameter(params);
      } catch (InvalidAlgorithmParameterException e) {
        throw new InvalidKeyException(algorithm() + ": " + e.getMessage(), e);
      }
    }
    return verifier;
  }

  /** {@code RSASSA-PSS}: parameters from {@code setParameter(PSSParameterSpec)}. */
  static final class RsassaPss extends RsaPssSignature {
    RsassaPss() {
      super("RSASSA-PSS", null);
    }
  }

  /** {@code SHA256withRSA/PSS} (Key Vault PS256). */
  static final class Sha256WithRsaPss extends RsaPssSignature {
    Sha256WithRsaPss() {
      super("SHA256withRSA/PSS", SignatureHash.SHA256);
    }
  }

  /** {@code SHA384withRSA/PSS} (Key Vault PS384). */
  static final class Sha384WithRsaPss extends RsaPssSignature {
    Sha384WithRsaPss() {
      super("SHA384withRSA/PSS", SignatureHash.SHA384);
    }
  }

  /** {@code SHA512withRSA/PSS} (Key Vault PS512). */
  static final class Sha512WithRsaPss extends RsaPssSignature {
    Sha512WithRsaPss() {
      super("SHA512withRSA/PSS", SignatureHash.SHA512);
    }
  }
}
