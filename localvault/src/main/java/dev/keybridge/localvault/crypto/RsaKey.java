package dev.keybridge.localvault.crypto;

import dev.keybridge.localvault.VaultError;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;

/**
 * A validated RSA key, always held in CRT form (missing primes are recovered from {@code n, e, d}),
 * as SunRsaSign key objects (for SunJCE ciphers) and as Bouncy Castle parameters (for PSS).
 */
final class RsaKey {
  private static final BigInteger THREE = BigInteger.valueOf(3);
  private static final int MAX_EXPONENT_BITS = 256;

  private final RSAPublicKey publicKey;
  private final RSAPrivateCrtKey privateKey;
  private final RSAKeyParameters publicParameters;
  private final RSAPrivateCrtKeyParameters privateParameters;

  private RsaKey(RSAPublicKey publicKey, RSAPrivateCrtKey privateKey) {
    this.publicKey = publicKey;
    this.privateKey = privateKey;
    this.publicParameters =
        new RSAKeyParameters(false, publicKey.getModulus(), publicKey.getPublicExponent());
    this.privateParameters =
        privateKey == null
            ? null
            : new RSAPrivateCrtKeyParameters(
                privateKey.getModulus(),
                privateKey.getPublicExponent(),
                privateKey.getPrivateExponent(),
                privateKey.getPrimeP(),
                privateKey.getPrimeQ(),
                privateKey.getPrimeExponentP(),
                privateKey.getPrimeExponentQ(),
                privateKey.getCrtCoefficient());
  }

  /** A fresh key of {@code bits} (2048, 3072, 4096) with public exponent {@code e}. */
  static RsaKey generate(int bits, BigInteger e) {
    checkSize(bits);
    checkExponent(e);
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", JcaProviders.SUN_RSA_SIGN);
      generator.initialize(new RSAKeyGenParameterSpec(bits, e), JcaProviders.RANDOM);
      KeyPair pair = generator.generateKeyPair();
      return new RsaKey((RSAPublicKey) pair.getPublic(), (RSAPrivateCrtKey) pair.getPrivate());
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException("RSA key generation failed", ex);
    }
  }

  /**
   * A key from its JWK components. {@code d} null means a verification-only key. The CRT values are
   * optional: missing ones are computed, and given ones must agree with {@code n, e, d}.
   */
  static RsaKey fromComponents(
      BigInteger n,
      BigInteger e,
      BigInteger d,
      BigInteger p,
      BigInteger q,
      BigInteger dp,
      BigInteger dq,
      BigInteger qi) {
    checkSize(n.bitLength());
    checkExponent(e);
    if (e.compareTo(n) >= 0) {
      throw VaultError.badParameter("RSA public exponent e must be smaller than the modulus n");
    }
    RSAPublicKey publicKey = publicKey(n, e);
    if (d == null) {
      if (p != null || q != null || dp != null || dq != null || qi != null) {
        throw VaultError.badParameter("RSA key has CRT components but no private exponent d");
      }
      return new RsaKey(publicKey, null);
    }
    if (d.signum() <= 0 || d.compareTo(n) >= 0) {
      throw VaultError.badParameter("RSA private exponent d is out of range");
    }
    BigInteger[] primes = primes(n, e, d, p, q);
    p = primes[0];
    q = primes[1];
    BigInteger pMinus1 = p.subtract(BigInteger.ONE);
    BigInteger qMinus1 = q.subtract(BigInteger.ONE);
    if (!e.multiply(d).mod(pMinus1).equals(BigInteger.ONE)
        || !e.multiply(d).mod(qMinus1).equals(BigInteger.ONE)) {
      throw VaultError.badParameter("RSA private exponent d does not match the public key (n, e)");
    }
    dp = matchOrCompute("dp", dp, d.mod(pMinus1));
    dq = matchOrCompute("dq", dq, d.mod(qMinus1));
    BigInteger expectedQi;
    try {
      expectedQi = q.modInverse(p);
    } catch (ArithmeticException ex) {
      throw VaultError.badParameter("RSA primes p and q are not coprime");
    }
    qi = matchOrCompute("qi", qi, expectedQi);
    try {
      KeyFactory factory = KeyFactory.getInstance("RSA", JcaProviders.SUN_RSA_SIGN);
      RSAPrivateCrtKey privateKey =
          (RSAPrivateCrtKey)
              factory.generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, p, q, dp, dq, qi));
      return new RsaKey(publicKey, privateKey);
    } catch (GeneralSecurityException ex) {
      throw VaultError.badParameter("RSA private key is invalid");
    }
  }

  /** A key from JCA keys of any provider ({@code privateKey} may be null: verification only). */
  static RsaKey fromJca(RSAPublicKey publicKey, RSAPrivateKey privateKey) {
    BigInteger n = publicKey.getModulus();
    BigInteger e = publicKey.getPublicExponent();
    if (privateKey == null) {
      return fromComponents(n, e, null, null, null, null, null, null);
    }
    if (!privateKey.getModulus().equals(n)) {
      throw VaultError.badParameter("RSA private key modulus does not match the public key");
    }
    if (privateKey instanceof RSAPrivateCrtKey crt) {
      if (crt.getPublicExponent() != null
          && crt.getPublicExponent().signum() != 0
          && !crt.getPublicExponent().equals(e)) {
        throw VaultError.badParameter(
            "RSA private key public exponent does not match the public key");
      }
      return fromComponents(
          n,
          e,
          crt.getPrivateExponent(),
          crt.getPrimeP(),
          crt.getPrimeQ(),
          crt.getPrimeExponentP(),
          crt.getPrimeExponentQ(),
          crt.getCrtCoefficient());
    }
    return fromComponents(n, e, privateKey.getPrivateExponent(), null, null, null, null, null);
  }

  /**
   * Runs one private and one public operation and compares: catches composite "primes" and any
   * other inconsistency the algebraic checks miss. Costs one RSA signature; used on import only.
   */
  void checkPairwise() {
    BigInteger m = BigInteger.TWO.pow(64).add(BigInteger.valueOf(0x6b657962726964L));
    BigInteger n = publicKey.getModulus();
    BigInteger p = privateKey.getPrimeP();
    BigInteger q = privateKey.getPrimeQ();
    BigInteger sp = m.modPow(privateKey.getPrimeExponentP(), p);
    BigInteger sq = m.modPow(privateKey.getPrimeExponentQ(), q);
    BigInteger h = privateKey.getCrtCoefficient().multiply(sp.subtract(sq)).mod(p);
    BigInteger s = sq.add(h.multiply(q));
    if (!s.modPow(publicKey.getPublicExponent(), n).equals(m)) {
      throw VaultError.badParameter("RSA private key does not match the public key");
    }
  }

  RSAPublicKey publicKey() {
    return publicKey;
  }

  /** Null for a verification-only key. */
  RSAPrivateCrtKey privateKey() {
    return privateKey;
  }

  RSAKeyParameters publicParameters() {
    return publicParameters;
  }

  /** Null for a verification-only key. */
  RSAPrivateCrtKeyParameters privateParameters() {
    return privateParameters;
  }

  int bits() {
    return publicKey.getModulus().bitLength();
  }

  /** k: the length in bytes of the modulus, of every signature and of every ciphertext. */
  int modulusBytes() {
    return (bits() + 7) / 8;
  }

  static void checkSize(int bits) {
    if (bits != 2048 && bits != 3072 && bits != 4096) {
      throw VaultError.badParameter(
          "RSA key size " + bits + " is not supported (expected 2048, 3072 or 4096)");
    }
  }

  static void checkExponent(BigInteger e) {
    if (e.compareTo(THREE) < 0 || !e.testBit(0) || e.bitLength() > MAX_EXPONENT_BITS) {
      throw VaultError.badParameter(
          "RSA public exponent " + e + " is not valid (expected an odd number >= 3)");
    }
  }

  private static RSAPublicKey publicKey(BigInteger n, BigInteger e) {
    try {
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA", JcaProviders.SUN_RSA_SIGN)
              .generatePublic(new RSAPublicKeySpec(n, e));
    } catch (GeneralSecurityException ex) {
      throw VaultError.badParameter("RSA public key (n, e) is invalid");
    }
  }

  private static BigInteger matchOrCompute(String name, BigInteger given, BigInteger expected) {
    if (given != null && !given.equals(expected)) {
      throw VaultError.badParameter("RSA component " + name + " does not match the private key");
    }
    return expected;
  }

  /** The primes {p, q}: checked against n when given, else recovered from (n, e, d). */
  private static BigInteger[] primes(
      BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q) {
    if (p == null && q == null) {
      return RsaPrimeRecovery.recover(n, e, d);
    }
    if (p == null || q == null) {
      BigInteger known = p != null ? p : q;
      if (known.compareTo(BigInteger.ONE) <= 0 || !n.mod(known).equals(BigInteger.ZERO)) {
        throw VaultError.badParameter(
            "RSA prime " + (p != null ? "p" : "q") + " does not divide n");
      }
      BigInteger other = n.divide(known);
      return p != null ? new BigInteger[] {p, other} : new BigInteger[] {other, q};
    }
    if (p.compareTo(BigInteger.ONE) <= 0
        || q.compareTo(BigInteger.ONE) <= 0
        || !p.multiply(q).equals(n)) {
      throw VaultError.badParameter("RSA primes p and q do not multiply to the modulus n");
    }
    return new BigInteger[] {p, q};
  }
}
