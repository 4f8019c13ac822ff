package dev.keybridge.management.certificates;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/** A throwaway CA for tests: issues certificates for CSRs and for local key pairs. */
final class TestCa {
  final KeyPair keys;
  final X509Certificate certificate;
  private long serial = 2;

  TestCa() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
    X500Name name = new X500Name("CN=keybridge test CA");
    certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        name,
                        BigInteger.ONE,
                        new Date(System.currentTimeMillis() - 60_000),
                        new Date(System.currentTimeMillis() + 86_400_000L),
                        name,
                        keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
  }

  X509Certificate issue(byte[] csrDer) throws Exception {
    JcaPKCS10CertificationRequest csr =
        new JcaPKCS10CertificationRequest(new PKCS10CertificationRequest(csrDer));
    return issue(csr.getSubject(), csr.getPublicKey());
  }

  X509Certificate issue(X500Name subject, PublicKey key) throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(
            new JcaX509v3CertificateBuilder(
                    new X500Name(certificate.getSubjectX500Principal().getName()),
                    BigInteger.valueOf(serial++),
                    new Date(System.currentTimeMillis() - 60_000),
                    new Date(System.currentTimeMillis() + 86_400_000L),
                    subject,
                    key)
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  static String pem(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded());
  }
}
