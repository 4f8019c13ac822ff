package dev.keybridge.localvault.testing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Software keys and X.509 chains for tests (root, intermediate, leaf). */
public final class TestPki {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private TestPki() {}

  /** A chain leaf, intermediate, root with the leaf for {@code leafKey}. */
  public record Chain(X509Certificate leaf, X509Certificate intermediate, X509Certificate root) {
    public X509Certificate[] toArray() {
      return new X509Certificate[] {leaf, intermediate, root};
    }
  }

  public static KeyPair rsa(int bits) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    return generator.generateKeyPair();
  }

  public static KeyPair ec(String curve) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    return generator.generateKeyPair();
  }

  /** Issues root and intermediate (EC P-256 each: fast), then a leaf for {@code leafKey}. */
  public static Chain chainFor(PublicKey leafKey, String leafName) throws Exception {
    KeyPair root = ec("secp256r1");
    KeyPair intermediate = ec("secp256r1");
    X500Principal rootName = new X500Principal("CN=keybridge test root");
    X500Principal intermediateName = new X500Principal("CN=keybridge test intermediate");
    X509Certificate rootCert = issue(rootName, root.getPublic(), rootName, root.getPrivate(), true);
    X509Certificate intermediateCert =
        issue(intermediateName, intermediate.getPublic(), rootName, root.getPrivate(), true);
    X509Certificate leaf =
        issue(
            new X500Principal("CN=" + leafName),
            leafKey,
            intermediateName,
            intermediate.getPrivate(),
            false);
    return new Chain(leaf, intermediateCert, rootCert);
  }

  /** A PKCS#12 (empty password) of the key and its chain, as Key Vault imports it. */
  public static byte[] pkcs12(KeyPair pair, Chain chain) throws Exception {
    java.security.KeyStore pfx = java.security.KeyStore.getInstance("PKCS12");
    pfx.load(null, null);
    pfx.setKeyEntry("key", pair.getPrivate(), new char[0], chain.toArray());
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    pfx.store(out, new char[0]);
    return out.toByteArray();
  }

  /** A self-signed certificate for a key pair. */
  public static X509Certificate selfSigned(KeyPair pair, String name) throws Exception {
    X500Principal subject = new X500Principal("CN=" + name);
    return issue(subject, pair.getPublic(), subject, pair.getPrivate(), false);
  }

  private static X509Certificate issue(
      X500Principal subject,
      PublicKey subjectKey,
      X500Principal issuer,
      PrivateKey issuerKey,
      boolean ca)
      throws Exception {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(30))),
            subject,
            subjectKey);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    String algorithm = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }
}
