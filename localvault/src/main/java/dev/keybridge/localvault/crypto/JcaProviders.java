package dev.keybridge.localvault.crypto;

import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The fixed providers the engine uses. Bouncy Castle is held as an instance and passed to {@code
 * getInstance(alg, provider)}; it is deliberately not registered with {@link Security}, so loading
 * the local vault never changes provider selection for the rest of the JVM.
 */
final class JcaProviders {
  /** Bouncy Castle: secp256k1 keys, and the JCA objects the JDK lacks. */
  static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  /** SunJCE: RSA and AES ciphers, AES key wrap. */
  static final Provider SUN_JCE = require("SunJCE");

  /** SunRsaSign: RSA key generation and key factory. */
  static final Provider SUN_RSA_SIGN = require("SunRsaSign");

  /** SunEC: key factory for the NIST curves (keys handed out through {@code keyPair()}). */
  static final Provider SUN_EC = require("SunEC");

  /** One shared, thread-safe source of randomness for IVs, salts, nonces and key generation. */
  static final SecureRandom RANDOM = new SecureRandom();

  private JcaProviders() {}

  private static Provider require(String name) {
    Provider provider = Security.getProvider(name);
    if (provider == null) {
      throw new IllegalStateException("JDK provider " + name + " is not available");
    }
    return provider;
  }
}
