package dev.keybridge.localvault.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;

/**
 * The four Key Vault curves, each with its JWK name, the one signature algorithm it allows, its
 * coordinate size on the wire, Bouncy Castle domain parameters (used for the arithmetic: signing,
 * verification, point validation) and the JCA parameter spec (used for the JCA key objects). The
 * local vault's one curve table: keys, signatures and certificate policies all use it.
 */
public enum EcCurve {
  P256("P-256", "secp256r1", "ES256", 256, JcaProviders.SUN_EC),
  P384("P-384", "secp384r1", "ES384", 384, JcaProviders.SUN_EC),
  P521("P-521", "secp521r1", "ES512", 521, JcaProviders.SUN_EC),
  // secp256k1 is not in JDK 17's SunEC: its JCA keys come from Bouncy Castle.
  P256K("P-256K", "secp256k1", "ES256K", 256, JcaProviders.BOUNCY_CASTLE);

  private final String jwkName;
  private final String standardName;
  private final String signatureAlgorithm;
  private final int fieldBits;
  private final Provider keyProvider;
  private final ECDomainParameters domain;
  private final ECParameterSpec jcaSpec;

  EcCurve(
      String jwkName,
      String standardName,
      String signatureAlgorithm,
      int fieldBits,
      Provider keyProvider) {
    this.jwkName = jwkName;
    this.standardName = standardName;
    this.signatureAlgorithm = signatureAlgorithm;
    this.fieldBits = fieldBits;
    this.keyProvider = keyProvider;
    // The custom curves carry fast field arithmetic and fixed-point precomputation for G.
    X9ECParameters x9 = CustomNamedCurves.getByName(standardName);
    this.domain = new ECDomainParameters(x9);
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC", keyProvider);
      params.init(new ECGenParameterSpec(standardName));
      this.jcaSpec = params.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Curve " + standardName + " is not available", e);
    }
  }

  /** The JWK {@code crv} value, e.g. {@code P-256}. */
  public String jwkName() {
    return jwkName;
  }

  /** The SEC 2 name, e.g. {@code secp256r1}. */
  public String standardName() {
    return standardName;
  }

  /** The only Key Vault signature algorithm valid on this curve (ES256, ES384, ES512, ES256K). */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /** Field size in bits: 256, 384 or 521. */
  public int fieldBits() {
    return fieldBits;
  }

  /** Bytes of one coordinate or scalar on the wire: 32, 48 or 66. */
  public int coordinateBytes() {
    return (fieldBits + 7) / 8;
  }

  Provider keyProvider() {
    return keyProvider;
  }

  ECDomainParameters domain() {
    return domain;
  }

  ECParameterSpec jcaSpec() {
    return jcaSpec;
  }

  /** The curve with this JWK name, or null. */
  public static EcCurve fromJwkName(String name) {
    for (EcCurve curve : values()) {
      if (curve.jwkName.equals(name)) {
        return curve;
      }
    }
    return null;
  }

  /** The curve a JCA parameter spec describes (compared by value, whatever provider made it). */
  public static EcCurve fromSpec(ECParameterSpec spec) {
    for (EcCurve curve : values()) {
      ECParameterSpec own = curve.jcaSpec;
      if (own.getOrder().equals(spec.getOrder())
          && own.getCurve().getField().equals(spec.getCurve().getField())
          && own.getCurve().getA().equals(spec.getCurve().getA())
          && own.getCurve().getB().equals(spec.getCurve().getB())
          && sameGenerator(own.getGenerator(), spec.getGenerator())) {
        return curve;
      }
    }
    return null;
  }

  /**
   * The curve with this field size when no curve is named (certificate policies): 256 is P-256,
   * never P-256K; null for another size.
   */
  public static EcCurve forFieldBits(int bits) {
    for (EcCurve curve : values()) {
      if (curve.fieldBits == bits && curve != P256K) {
        return curve;
      }
    }
    return null;
  }

  private static boolean sameGenerator(ECPoint a, ECPoint b) {
    BigInteger ax = a.getAffineX();
    return ax.equals(b.getAffineX()) && a.getAffineY().equals(b.getAffineY());
  }
}
