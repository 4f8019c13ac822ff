package dev.keybridge.localvault.certificates;

import dev.keybridge.localvault.VaultError;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.math.ec.ECPoint;

/** Whether keys belong together, compared by their mathematical values, not their encodings. */
final class KeyMatch {
  private KeyMatch() {}

  /**
   * The key as an {@link RSAPublicKey} or {@link ECPublicKey}. The JDK parses a certificate whose
   * curve it cannot handle (secp256k1) into an opaque key; Bouncy Castle decodes it.
   *
   * @throws VaultError 400 for a key that is neither RSA nor EC
   */
  static PublicKey normalize(PublicKey key) {
    if (key instanceof RSAPublicKey || key instanceof ECPublicKey) {
      return key;
    }
    if ("EC".equals(key.getAlgorithm()) || "RSA".equals(key.getAlgorithm())) {
      try {
        return KeyFactory.getInstance(key.getAlgorithm(), BouncyCastle.PROVIDER)
            .generatePublic(new X509EncodedKeySpec(key.getEncoded()));
      } catch (GeneralSecurityException e) {
        throw VaultError.badParameter("The certificate's public key cannot be decoded");
      }
    }
    throw VaultError.badParameter(
        "Unsupported key type "
            + key.getAlgorithm()
            + ": Key Vault certificates use RSA or EC keys");
  }

  /**
   * Checks that an imported private key is one Key Vault certificates can hold.
   *
   * @throws VaultError 400 naming the key's algorithm unless it is RSA or EC
   */
  static void requireRsaOrEc(PrivateKey key) {
    if (!(key instanceof RSAPrivateKey) && !(key instanceof ECPrivateKey)) {
      throw VaultError.badParameter(
          "value holds a private key of type "
              + key.getAlgorithm()
              + "; Key Vault certificates use RSA or EC keys");
    }
  }

  /** True if both keys are the same RSA or EC public key. */
  static boolean samePublicKey(PublicKey a, PublicKey b) {
    PublicKey x = normalizeIfPossible(a);
    PublicKey y = normalizeIfPossible(b);
    if (x instanceof RSAPublicKey && y instanceof RSAPublicKey) {
      RSAPublicKey r = (RSAPublicKey) x;
      RSAPublicKey s = (RSAPublicKey) y;
      return r.getModulus().equals(s.getModulus())
          && r.getPublicExponent().equals(s.getPublicExponent());
    }
    if (x instanceof ECPublicKey && y instanceof ECPublicKey) {
      ECPublicKey e = (ECPublicKey) x;
      ECPublicKey f = (ECPublicKey) y;
      return e.getW().equals(f.getW())
          && e.getParams().getOrder().equals(f.getParams().getOrder())
          && e.getParams().getCurve().equals(f.getParams().getCurve());
    }
    return Arrays.equals(x.getEncoded(), y.getEncoded());
  }

  /**
   * True if the private key is the one of this public key: same RSA modulus (and public exponent
   * when the private key carries it), or EC public point equal to d·G on the same curve.
   */
  static boolean belongsTo(PrivateKey privateKey, PublicKey publicKey) {
    PublicKey pub = normalizeIfPossible(publicKey);
    if (privateKey instanceof RSAPrivateKey && pub instanceof RSAPublicKey) {
      RSAPublicKey rsa = (RSAPublicKey) pub;
      if (privateKey instanceof RSAPrivateCrtKey) {
        BigInteger e = ((RSAPrivateCrtKey) privateKey).getPublicExponent();
        if (e != null && e.signum() > 0 && !e.equals(rsa.getPublicExponent())) {
          return false;
        }
      }
      return ((RSAPrivateKey) privateKey).getModulus().equals(rsa.getModulus());
    }
    if (privateKey instanceof ECPrivateKey && pub instanceof ECPublicKey) {
      ECPrivateKey ec = (ECPrivateKey) privateKey;
      ECPublicKey ecPub = (ECPublicKey) pub;
      if (!ec.getParams().getOrder().equals(ecPub.getParams().getOrder())
          || !ec.getParams().getCurve().equals(ecPub.getParams().getCurve())) {
        return false;
      }
      ECPoint q = EC5Util.convertSpec(ecPub.getParams()).getG().multiply(ec.getS()).normalize();
      return q.getAffineXCoord().toBigInteger().equals(ecPub.getW().getAffineX())
          && q.getAffineYCoord().toBigInteger().equals(ecPub.getW().getAffineY());
    }
    return false;
  }

  private static PublicKey normalizeIfPossible(PublicKey key) {
    try {
      return normalize(key);
    } catch (VaultError e) {
      return key;
    }
  }
}
