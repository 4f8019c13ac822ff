package dev.keybridge.localvault.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * An outside certificate authority for the tests of every module, made with Bouncy Castle in
 * memory: a software EC P-256 root that issues certificates for vault keys from their CSRs.
 */
public final class TestCa {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What an issued certificate is for. */
  public enum Purpose {
    /** digitalSignature, EKU codeSigning. */
    CODE_SIGNING,
    /**
     * digitalSignature (+keyEncipherment for RSA), EKU serverAuth and clientAuth, SAN localhost.
     */
    TLS
  }

  private final KeyPair keyPair;
  private final X509Certificate certificate;

  private TestCa(KeyPair keyPair, X509Certificate certificate) {
    this.keyPair = keyPair;
    this.certificate = certificate;
  }

  /** A new root CA {@code subject}, valid from an hour ago for two years. */
  public static TestCa create(String subject) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keyPair = generator.generateKeyPair();
    X500Name name = name(subject);
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
                name, serial(), notBefore(), notAfter(), name, keyPair.getPublic())
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
            .addExtension(
                Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
            .addExtension(
                Extension.subjectKeyIdentifier,
                false,
                extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
    return new TestCa(keyPair, certificate);
  }

  /** An X.500 name in the JDK's reading (RFC 2253 string, encoded in reverse order). */
  public static X500Name name(String rfc2253) {
    return X500Name.getInstance(new X500Principal(rfc2253).getEncoded());
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * Issues a certificate for a DER CSR after checking the CSR's signature (proof that whoever asked
   * holds the private key; here: that the vault signed it). Subject and key come from the CSR.
   */
  public X509Certificate issue(byte[] csrDer, Purpose purpose) throws Exception {
    JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(csrDer);
    if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getPublicKey()))) {
      throw new GeneralSecurityException("CSR signature does not verify");
    }
    return issue(csr.getSubject(), csr.getPublicKey(), purpose);
  }

  /** Issues a certificate for {@code subjectKey}. */
  public X509Certificate issue(X500Name subject, PublicKey subjectKey, Purpose purpose)
      throws Exception {
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    boolean rsa = "RSA".equals(subjectKey.getAlgorithm());
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
                certificate, serial(), notBefore(), notAfter(), subject, subjectKey)
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
            .addExtension(
                Extension.authorityKeyIdentifier,
                false,
                extensions.createAuthorityKeyIdentifier(certificate))
            .addExtension(
                Extension.subjectKeyIdentifier,
                false,
                extensions.createSubjectKeyIdentifier(subjectKey));
    if (purpose == Purpose.CODE_SIGNING) {
      builder
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
    } else {
      int usage = KeyUsage.digitalSignature | (rsa ? KeyUsage.keyEncipherment : 0);
      builder
          .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
          .addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(
                  new KeyPurposeId[] {
                    KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                  }))
          .addExtension(
              Extension.subjectAlternativeName,
              false,
              new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
  }

  /** A PKCS12 trust store (password {@code changeit}) whose one entry is this CA. */
  public Path writeTrustStore(Path file) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("test-ca", certificate);
    try (OutputStream out = Files.newOutputStream(file)) {
      trust.store(out, "changeit".toCharArray());
    }
    return file;
  }

  /** PEM of the certificates, in order. */
  public static String pem(List<X509Certificate> certificates) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (X509Certificate c : certificates) {
        writer.writeObject(c);
      }
    }
    return text.toString();
  }

  /** PEM ({@code PRIVATE KEY}, PKCS#8) of a software private key. */
  public static String pem(PrivateKey key) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  /** The DER of the PKCS#10 request in a PEM file. */
  public static byte[] readPemCsr(Path file) throws IOException {
    try (PEMParser parser =
        new PEMParser(Files.newBufferedReader(file, java.nio.charset.StandardCharsets.US_ASCII))) {
      Object object = parser.readObject();
      if (!(object instanceof PKCS10CertificationRequest csr)) {
        throw new IOException(file + " holds no certificate request but " + object);
      }
      return csr.getEncoded();
    }
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).add(BigInteger.ONE);
  }

  private static Date notBefore() {
    return Date.from(Instant.now().minus(Duration.ofHours(1)));
  }

  private static Date notAfter() {
    return Date.from(Instant.now().plus(Duration.ofDays(730)));
  }
}
