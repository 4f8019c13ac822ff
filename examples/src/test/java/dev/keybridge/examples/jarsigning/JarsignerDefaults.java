package dev.keybridge.examples.jarsigning;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import jdk.security.jarsigner.JarSigner;

/**
 * What the running JDK's jarsigner does by default, which changes between LTS releases: JDK 17
 * signs a P-256 key with SHA256withECDSA and SHA-256 manifest digests; JDK 25 with SHA384withECDSA
 * and SHA-384. The defaults come from the JDK's own {@link JarSigner} API, which the jarsigner tool
 * shares; the tests then check that the child jarsigner of that JDK really used them.
 */
final class JarsignerDefaults {
  private final JarSigner signer;
  private final PublicKey publicKey;

  private JarsignerDefaults(JarSigner signer, PublicKey publicKey) {
    this.signer = signer;
    this.publicKey = publicKey;
  }

  /** The defaults for a signer with leaf's key type and size. */
  static JarsignerDefaults forSigner(X509Certificate leaf) throws Exception {
    PublicKey publicKey = leaf.getPublicKey();
    KeyPairGenerator generator = KeyPairGenerator.getInstance(publicKey.getAlgorithm());
    if (publicKey instanceof RSAPublicKey rsa) {
      generator.initialize(rsa.getModulus().bitLength());
    } else {
      generator.initialize(((ECPublicKey) publicKey).getParams());
    }
    // a software key of the same type and size: the defaults depend on nothing else
    PrivateKey sameKind = generator.generateKeyPair().getPrivate();
    JarSigner signer =
        new JarSigner.Builder(
                sameKind, CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)))
            .build();
    return new JarsignerDefaults(signer, publicKey);
  }

  /** -digestalg when not given: SHA-256 on JDK 17, SHA-384 on JDK 25. */
  String digestAlgorithm() {
    return signer.getDigestAlgorithm();
  }

  /** -sigalg when not given, for this key. */
  String signatureAlgorithm() {
    return signer.getSignatureAlgorithm();
  }

  /**
   * How {@code jarsigner -verify -verbose} describes the key: "2048-bit key" up to JDK 17,
   * "2048-bit RSA key" and "384-bit EC (secp384r1) key" on JDK 25.
   */
  String keyDescription() {
    if (Runtime.version().feature() < 25) {
      return bits() + "-bit key";
    }
    if (publicKey instanceof RSAPublicKey) {
      return bits() + "-bit RSA key";
    }
    String curve =
        switch (bits()) {
          case 256 -> "secp256r1";
          case 384 -> "secp384r1";
          case 521 -> "secp521r1";
          default -> throw new IllegalArgumentException("curve of " + bits() + " bits");
        };
    return bits() + "-bit EC (" + curve + ") key";
  }

  private int bits() {
    return publicKey instanceof RSAPublicKey rsa
        ? rsa.getModulus().bitLength()
        : ((ECPublicKey) publicKey).getParams().getCurve().getField().getFieldSize();
  }
}
