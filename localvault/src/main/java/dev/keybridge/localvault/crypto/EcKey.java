package dev.keybridge.localvault.crypto;

import dev.keybridge.localvault.VaultError;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECCurve;

/**
 * A validated EC key on one of the Key Vault curves, held both as JCA objects (handed out for
 * certificates and PKCS#12) and as Bouncy Castle parameters (used for signing and verification,
 * with the precomputed multiples of G that make ECDSA fast).
 */
final class EcKey {
  private final EcCurve curve;
  private final BigInteger x;
  private final BigInteger y;
  private final BigInteger d;
  private final ECPublicKey publicKey;
  private final ECPrivateKey privateKey;
  private final ECPublicKeyParameters publicParameters;
  private final ECPrivateKeyParameters privateParameters;

  private EcKey(EcCurve curve, org.bouncycastle.math.ec.ECPoint q, BigInteger d) {
    this.curve = curve;
    this.x = q.getAffineXCoord().toBigInteger();
    this.y = q.getAffineYCoord().toBigInteger();
    this.d = d;
    this.publicParameters = new ECPublicKeyParameters(q, curve.domain());
    this.privateParameters = d == null ? null : new ECPrivateKeyParameters(d, curve.domain());
    try {
      KeyFactory factory = KeyFactory.getInstance("EC", curve.keyProvider());
      this.publicKey =
          (ECPublicKey)
              factory.generatePublic(new ECPublicKeySpec(new ECPoint(x, y), curve.jcaSpec()));
      this.privateKey =
          d == null
              ? null
              : (ECPrivateKey) factory.generatePrivate(new ECPrivateKeySpec(d, curve.jcaSpec()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot build JCA keys for " + curve.jwkName(), e);
    }
  }

  /** A fresh key pair on the curve. */
  static EcKey generate(EcCurve curve) {
    ECKeyPairGenerator generator = new ECKeyPairGenerator();
    generator.init(new ECKeyGenerationParameters(curve.domain(), JcaProviders.RANDOM));
    AsymmetricCipherKeyPair pair = generator.generateKeyPair();
    ECPublicKeyParameters pub = (ECPublicKeyParameters) pair.getPublic();
    ECPrivateKeyParameters priv = (ECPrivateKeyParameters) pair.getPrivate();
    return new EcKey(curve, pub.getQ().normalize(), priv.getD());
  }

  /**
   * A key from its components: the point must lie on the curve (and not be the identity) and, when
   * {@code d} is given, be exactly {@code d * G}.
   *
   * @param d the private scalar, or null for a verification-only key
   */
  static EcKey fromComponents(EcCurve curve, BigInteger x, BigInteger y, BigInteger d) {
    ECCurve c = curve.domain().getCurve();
    BigInteger p = c.getField().getCharacteristic();
    if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
      throw VaultError.badParameter(
          "EC point coordinates are out of range for curve " + curve.jwkName());
    }
    org.bouncycastle.math.ec.ECPoint q = c.createPoint(x, y);
    if (!q.isValid()) {
      throw VaultError.badParameter("EC point (x, y) is not on curve " + curve.jwkName());
    }
    if (d != null) {
      BigInteger n = curve.domain().getN();
      if (d.signum() <= 0 || d.compareTo(n) >= 0) {
        throw VaultError.badParameter(
            "EC private key d is out of range for curve " + curve.jwkName());
      }
      org.bouncycastle.math.ec.ECPoint expected = curve.domain().getG().multiply(d).normalize();
      if (!expected.equals(q)) {
        throw VaultError.badParameter("EC public point (x, y) does not match private key d");
      }
    }
    return new EcKey(curve, q.normalize(), d);
  }

  /** A key from JCA keys of any provider; the curve is recognised by its parameters. */
  static EcKey fromJca(ECPublicKey publicKey, ECPrivateKey privateKey) {
    EcCurve curve = EcCurve.fromSpec(publicKey.getParams());
    if (curve == null) {
      throw VaultError.badParameter(
          "EC key is not on a supported curve (P-256, P-384, P-521, P-256K)");
    }
    if (privateKey != null && EcCurve.fromSpec(privateKey.getParams()) != curve) {
      throw VaultError.badParameter("EC private key is on a different curve than the public key");
    }
    ECPoint w = publicKey.getW();
    if (w == ECPoint.POINT_INFINITY) {
      throw VaultError.badParameter("EC point (x, y) is not on curve " + curve.jwkName());
    }
    return fromComponents(
        curve, w.getAffineX(), w.getAffineY(), privateKey == null ? null : privateKey.getS());
  }

  EcCurve curve() {
    return curve;
  }

  BigInteger x() {
    return x;
  }

  BigInteger y() {
    return y;
  }

  /** The private scalar, or null for a verification-only key. */
  BigInteger d() {
    return d;
  }

  ECPublicKey publicKey() {
    return publicKey;
  }

  /** Null for a verification-only key. */
  ECPrivateKey privateKey() {
    return privateKey;
  }

  ECPublicKeyParameters publicParameters() {
    return publicParameters;
  }

  /** Null for a verification-only key. */
  ECPrivateKeyParameters privateParameters() {
    return privateParameters;
  }
}
