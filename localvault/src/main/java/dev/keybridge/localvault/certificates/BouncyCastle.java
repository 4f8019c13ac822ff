package dev.keybridge.localvault.certificates;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The Bouncy Castle provider instance this package uses, passed explicitly and never registered
 * globally, so that the JVM's provider list stays as the host application set it. Needed for
 * secp256k1 (P-256K), which JDK 17's SunEC no longer signs with.
 */
final class BouncyCastle {
  static final Provider PROVIDER = new BouncyCastleProvider();

  private BouncyCastle() {}
}
