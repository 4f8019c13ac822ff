package dev.keybridge.localvault.crypto;

import dev.keybridge.localvault.VaultError;
import java.math.BigInteger;

/**
 * Recovers the primes of an RSA modulus from {@code (n, e, d)} (NIST SP 800-56B rev. 2, appendix
 * C.2): a JWK may carry only {@code n, e, d}, but CRT signing needs {@code p} and {@code q}.
 */
final class RsaPrimeRecovery {
  /** Each attempt succeeds with probability at least 1/2; 100 failures mean d is wrong. */
  private static final int ATTEMPTS = 100;

  private RsaPrimeRecovery() {}

  /** {p, q} with p > q, or badParameter if {@code d} is not a private exponent for (n, e). */
  static BigInteger[] recover(BigInteger n, BigInteger e, BigInteger d) {
    BigInteger k = d.multiply(e).subtract(BigInteger.ONE);
    if (k.signum() <= 0 || k.testBit(0)) {
      throw mismatch();
    }
    int t = k.getLowestSetBit();
    BigInteger r = k.shiftRight(t);
    BigInteger nMinus1 = n.subtract(BigInteger.ONE);
    BigInteger g = BigInteger.TWO;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++, g = g.add(BigInteger.ONE)) {
      BigInteger y = g.modPow(r, n);
      if (y.equals(BigInteger.ONE) || y.equals(nMinus1)) {
        continue;
      }
      for (int i = 0; i < t; i++) {
        BigInteger x = y.multiply(y).mod(n);
        if (x.equals(BigInteger.ONE)) {
          BigInteger p = y.subtract(BigInteger.ONE).gcd(n);
          BigInteger q = n.divide(p);
          return p.compareTo(q) > 0 ? new BigInteger[] {p, q} : new BigInteger[] {q, p};
        }
        if (x.equals(nMinus1)) {
          break;
        }
        y = x;
      }
    }
    throw mismatch();
  }

  private static VaultError mismatch() {
    return VaultError.badParameter("RSA private exponent d does not match the public key (n, e)");
  }
}
