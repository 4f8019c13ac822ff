package dev.keybridge.provider.cipher;

import java.security.InvalidAlgorithmParameterException;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/** Key Vault's three RSA encryption algorithms and the exact JCA parameters of each. */
enum RsaPadding {
  /** PKCS#1 v1.5. */
  RSA1_5("RSA1_5", null),
  /** OAEP with SHA-1 and MGF1-SHA-1, empty label. */
  RSA_OAEP(
      "RSA-OAEP",
      new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT)),
  /** OAEP with SHA-256 and MGF1-SHA-256, empty label. */
  RSA_OAEP_256(
      "RSA-OAEP-256",
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));

  private final String vaultAlgorithm;
  private final OAEPParameterSpec oaep;

  RsaPadding(String vaultAlgorithm, OAEPParameterSpec oaep) {
    this.vaultAlgorithm = vaultAlgorithm;
    this.oaep = oaep;
  }

  String vaultAlgorithm() {
    return vaultAlgorithm;
  }

  /** The OAEP parameters, or null for PKCS#1 v1.5. */
  OAEPParameterSpec oaep() {
    return oaep;
  }

  /**
   * The Key Vault algorithm matching an OAEPParameterSpec exactly; anything Key Vault lacks is an
   * InvalidAlgorithmParameterException saying what it has.
   */
  static RsaPadding fromOaep(OAEPParameterSpec spec, String transformation)
      throws InvalidAlgorithmParameterException {
    String digest = normalize(spec.getDigestAlgorithm());
    String mgfDigest =
        spec.getMGFParameters() instanceof MGF1ParameterSpec mgf
            ? normalize(mgf.getDigestAlgorithm())
            : null;
    String described =
        spec.getDigestAlgorithm()
            + "/"
            + spec.getMGFAlgorithm()
            + "("
            + (mgfDigest == null ? String.valueOf(spec.getMGFParameters()) : mgfDigest)
            + ")";
    if (!(spec.getPSource() instanceof PSource.PSpecified label) || label.getValue().length != 0) {
      throw new InvalidAlgorithmParameterException(
          transformation + ": Key Vault's OAEP takes no label; the PSource must be empty");
    }
    if ("MGF1".equalsIgnoreCase(spec.getMGFAlgorithm()) && digest.equals(mgfDigest)) {
      if (digest.equals("SHA1")) {
        return RSA_OAEP;
      }
      if (digest.equals("SHA256")) {
        return RSA_OAEP_256;
      }
    }
    throw new InvalidAlgorithmParameterException(
        transformation
            + ": Key Vault has only RSA-OAEP (SHA-1 with MGF1-SHA-1) and RSA-OAEP-256 (SHA-256"
            + " with MGF1-SHA-256); got "
            + described);
  }

  private static String normalize(String digest) {
    return digest == null ? "" : digest.toUpperCase(java.util.Locale.ROOT).replace("-", "");
  }
}
