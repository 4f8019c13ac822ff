package dev.keybridge.management.keys;

import com.azure.security.keyvault.keys.models.KeyCurveName;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECNamedCurveSpec;

/**
 * The elliptic curves Key Vault knows (the one curve table of the client side), with their JCA
 * domain parameters. P-256, P-384 and P-521 use the JDK's own parameters and key factory (SunEC);
 * P-256K (secp256k1) is not supported by JDK 17's SunEC, so its parameters and public keys come
 * from Bouncy Castle (a private instance, never registered as a JCA provider by keybridge).
 */
public enum VaultCurve {
  /** NIST P-256, secp256r1; signs with ES256. */
  P_256(
      "P-256",
      "secp256r1",
      256,
      "ES256",
      "SHA-256",
      "prime256v1",
      "nistp-256",
      "1.2.840.10045.3.1.7"),
  /** NIST P-384, secp384r1; signs with ES384. */
  P_384("P-384", "secp384r1", 384, "ES384", "SHA-384", "nistp-384", "1.3.132.0.34"),
  /** NIST P-521, secp521r1; signs with ES512. */
  P_521("P-521", "secp521r1", 521, "ES512", "SHA-512", "nistp-521", "1.3.132.0.35"),
  /** secp256k1 (Key Vault's P-256K); signs with ES256K. */
  P_256K("P-256K", "secp256k1", 256, "ES256K", "SHA-256", "1.3.132.0.10");

  private final String vaultName;
  private final String standardName;
  private final int fieldBits;
  private final String signatureAlgorithm;
  private final String digestAlgorithm;
  private final List<String> aliases;
  private volatile ECParameterSpec parameters;

  VaultCurve(
      String vaultName,
      String standardName,
      int fieldBits,
      String signatureAlgorithm,
      String digestAlgorithm,
      String... aliases) {
    this.aliases = List.of(aliases);
    this.vaultName = vaultName;
    this.standardName = standardName;
    this.fieldBits = fieldBits;
    this.signatureAlgorithm = signatureAlgorithm;
    this.digestAlgorithm = digestAlgorithm;
  }

  /** Key Vault's name: {@code P-256}, {@code P-384}, {@code P-521}, {@code P-256K}. */
  public String vaultName() {
    return vaultName;
  }

  /** The SDK's name of this curve. */
  public KeyCurveName keyCurveName() {
    return KeyCurveName.fromString(vaultName);
  }

  /** The curve of an SDK curve name. */
  public static Optional<VaultCurve> of(KeyCurveName name) {
    return name == null ? Optional.empty() : fromVaultName(name.toString());
  }

  /** The Bouncy Castle instance keybridge uses for secp256k1 (never registered globally). */
  public static Provider bouncyCastle() {
    return BouncyCastleHolder.PROVIDER;
  }

  /**
   * Made at first use: building the provider loads a few hundred classes, which only secp256k1
   * needs (cold start of jarsigner and keytool with a P-256 key pays nothing for it).
   */
  private static final class BouncyCastleHolder {
    static final Provider PROVIDER = new BouncyCastleProvider();
  }

  /** The SEC 2 name: {@code secp256r1}, {@code secp384r1}, {@code secp521r1}, {@code secp256k1}. */
  public String standardName() {
    return standardName;
  }

  /** Field size in bits (256, 384, 521). */
  public int fieldBits() {
    return fieldBits;
  }

  /** Bytes of one coordinate or scalar, and of r or s in a raw signature. */
  public int fieldBytes() {
    return (fieldBits + 7) / 8;
  }

  /** The Key Vault signature algorithm for this curve: ES256, ES384, ES512 or ES256K. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /** The digest Key Vault expects with {@link #signatureAlgorithm()} (JCA name). */
  public String digestAlgorithm() {
    return digestAlgorithm;
  }

  /** The curve's domain parameters. */
  public ECParameterSpec parameters() {
    ECParameterSpec spec = parameters;
    if (spec == null) {
      spec = loadParameters();
      parameters = spec;
    }
    return spec;
  }

  private ECParameterSpec loadParameters() {
    if (this == P_256K) {
      ECNamedCurveParameterSpec bc = ECNamedCurveTable.getParameterSpec(standardName);
      return new ECNamedCurveSpec(standardName, bc.getCurve(), bc.getG(), bc.getN(), bc.getH());
    }
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec(standardName));
      return params.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK does not know curve " + standardName, e);
    }
  }

  /**
   * Builds the public key from its affine coordinates (unsigned big-endian, as in a JWK).
   *
   * @throws GeneralSecurityException if the point is not a valid public key on this curve
   */
  public ECPublicKey publicKey(byte[] x, byte[] y) throws GeneralSecurityException {
    ECPoint point = new ECPoint(new BigInteger(1, x), new BigInteger(1, y));
    ECPublicKeySpec spec = new ECPublicKeySpec(point, parameters());
    KeyFactory factory =
        this == P_256K
            ? KeyFactory.getInstance("EC", bouncyCastle())
            : KeyFactory.getInstance("EC");
    return (ECPublicKey) factory.generatePublic(spec);
  }

  /**
   * The public point {@code d·G} of a private scalar, computed locally (used to import an EC
   * private key whose public half is not at hand).
   */
  public ECPoint publicPoint(BigInteger privateScalar) {
    org.bouncycastle.math.ec.ECPoint q =
        ECNamedCurveTable.getParameterSpec(standardName).getG().multiply(privateScalar).normalize();
    return new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
  }

  /**
   * Looks up a curve by Key Vault name, SEC 2 name, X9.62/NIST alias or OID (case-insensitive,
   * blanks ignored): {@code P-256}, {@code secp256r1}, {@code prime256v1}, {@code NIST P-256},
   * {@code SECP256K1} and so on.
   */
  public static Optional<VaultCurve> fromVaultName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String normalized = name.trim().toLowerCase(Locale.ROOT).replace(" ", "");
    for (VaultCurve curve : values()) {
      String vault = curve.vaultName.toLowerCase(Locale.ROOT);
      if (vault.equals(normalized)
          || vault.replace("-", "").equals(normalized)
          || curve.standardName.equals(normalized)
          || curve.aliases.contains(normalized)) {
        return Optional.of(curve);
      }
    }
    return Optional.empty();
  }

  /** Identifies the curve of JCA domain parameters (by curve, generator, order and cofactor). */
  public static Optional<VaultCurve> of(ECParameterSpec spec) {
    if (spec == null) {
      return Optional.empty();
    }
    for (VaultCurve curve : values()) {
      ECParameterSpec known = curve.parameters();
      if (known.getOrder().equals(spec.getOrder())
          && known.getCofactor() == spec.getCofactor()
          && known.getGenerator().equals(spec.getGenerator())
          && known.getCurve().equals(spec.getCurve())) {
        return Optional.of(curve);
      }
    }
    return Optional.empty();
  }
}
