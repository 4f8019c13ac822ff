package dev.keybridge.localvault.certificates;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Key pairs generated once per test JVM (RSA key generation is slow) and a small test CA. */
final class TestKeyPairs {
  private static final Map<String, KeyPair> CACHE = new ConcurrentHashMap<>();

  private TestKeyPairs() {}

  /**
   * A key pair per name: "RSA-2048", "RSA-3072", "P-256", "P-384", "P-521", "P-256K"; suffix "#n"
   * for another one.
   */
  static KeyPair get(String name) {
    return CACHE.computeIfAbsent(name, TestKeyPairs::generate);
  }

  private static KeyPair generate(String name) {
    String kind = name.contains("#") ? name.substring(0, name.indexOf('#')) : name;
    try {
      if (kind.startsWith("RSA-")) {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(Integer.parseInt(kind.substring(4)));
        return generator.generateKeyPair();
      }
      String curve =
          Map.of(
                  "P-256",
                  "secp256r1",
                  "P-384",
                  "secp384r1",
                  "P-521",
                  "secp521r1",
                  "P-256K",
                  "secp256k1")
              .get(kind);
      KeyPairGenerator generator =
          kind.equals("P-256K")
              ? KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER)
              : KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A CA certificate (cA=true) for {@code caKeys}, valid for a year from now. */
  static X509Certificate caCertificate(String subject, KeyPair caKeys) throws Exception {
    return issue(subject, caKeys.getPublic(), subject, caKeys, true);
  }

  /** A certificate for {@code publicKey} issued by {@code issuer} under {@code issuerKeys}. */
  static X509Certificate issue(
      String subject,
      java.security.PublicKey publicKey,
      String issuer,
      KeyPair issuerKeys,
      boolean ca)
      throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Principal(issuer),
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now),
            Date.from(now.plus(365, ChronoUnit.DAYS)),
            new X500Principal(subject),
            publicKey);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    String algorithm = CertificateExtensions.signatureAlgorithm(issuerKeys.getPublic());
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder(algorithm)
                    .setProvider(BouncyCastle.PROVIDER)
                    .build(issuerKeys.getPrivate())));
  }
}
