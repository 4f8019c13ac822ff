package dev.keybridge.cli.demo;

import com.azure.security.keyvault.certificates.models.CertificateKeyCurveName;
import com.azure.security.keyvault.certificates.models.CertificateKeyUsage;
import dev.keybridge.keystore.key.VaultPrivateKey;
import dev.keybridge.management.CertificateManager;
import dev.keybridge.management.certificates.CertificateRequest;
import dev.keybridge.management.certificates.CertificateSigningRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * The demo's small PKI, with every private key in the vault: a CA whose key is a plain vault RSA
 * key and whose self-signed CA certificate is built here (Bouncy Castle) and signed in the vault
 * through KeyBridge; a self-signed EC certificate for TLS on localhost made by the vault itself
 * (issuer {@code Self}); and an EC code-signing certificate issued by the CA from the vault's CSR
 * and merged back. {@code jarsigner -verify -strict} refuses self-signed signers and trust anchors
 * that are not CA certificates, so the JAR is signed with the issued certificate and verified
 * against the CA certificate.
 */
final class DemoCertificates {
  static final String CA_KEY = "demo-ca";
  static final String TLS = "demo-tls";
  static final String CODE_SIGNING = "demo-code-signing";
  static final String TRUST_STORE_PASSWORD = "changeit";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] NO_PASSWORD = new char[0];

  private final CertificateManager certificates;

  DemoCertificates(CertificateManager certificates) {
    this.certificates = certificates;
  }

  /** Creates the self-signed TLS certificate (EC P-256, localhost) in the vault. */
  void createTlsCertificate() {
    certificates.createSelfSignedCertificate(
        TLS,
        CertificateRequest.builder("CN=localhost,O=keybridge demo")
            .ec(CertificateKeyCurveName.P_256, false)
            .dnsNames("localhost")
            .extendedKeyUsages(CertificateRequest.SERVER_AUTH)
            .keyUsages(CertificateKeyUsage.DIGITAL_SIGNATURE)
            .exportable(false)
            .build());
  }

  /**
   * The CA certificate: self-signed by the vault key {@link #CA_KEY} (one sign request), basic
   * constraints CA, key usage keyCertSign and cRLSign, valid for five years.
   */
  X509Certificate createCaCertificate(KeyStore vault, Provider keyBridge)
      throws GeneralSecurityException, IOException {
    PrivateKey caKey = vaultKey(vault, CA_KEY);
    PublicKey caPublic = ((VaultPrivateKey) caKey).publicKey();
    X500Name subject =
        X500Name.getInstance(
            new X500Principal("CN=keybridge demo CA, O=keybridge demo").getEncoded());
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
                subject,
                serial(),
                Date.from(now.minusSeconds(300)),
                Date.from(now.atOffset(ZoneOffset.UTC).plusYears(5).toInstant()),
                subject,
                caPublic)
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
            .addExtension(
                Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
            .addExtension(
                Extension.subjectKeyIdentifier,
                false,
                new JcaX509ExtensionUtils().createSubjectKeyIdentifier(caPublic));
    X509Certificate ca = signInVault(builder, caKey, keyBridge);
    ca.verify(caPublic);
    return ca;
  }

  /**
   * Starts the code-signing certificate (EC P-256, issuer Unknown), checks the vault's CSR, issues
   * the certificate with the CA's vault key and merges leaf + CA into the vault.
   *
   * @param vault a KeyStore loaded after the CA key was created
   * @param keyBridge the provider that signs with the CA's vault key
   * @param caCertificate the CA certificate from {@link #createCaCertificate}
   * @return the issued chain, leaf first
   */
  List<X509Certificate> issueCodeSigning(
      KeyStore vault, Provider keyBridge, X509Certificate caCertificate)
      throws GeneralSecurityException, IOException {
    CertificateSigningRequest request =
        certificates.createCertificateSigningRequest(
            CODE_SIGNING,
            CertificateRequest.builder("CN=keybridge demo code signing,O=keybridge demo")
                .ec(CertificateKeyCurveName.P_256, false)
                .extendedKeyUsages(CertificateRequest.CODE_SIGNING)
                .keyUsages(CertificateKeyUsage.DIGITAL_SIGNATURE)
                .exportable(false)
                .build());
    JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(request.der());
    try {
      if (!csr.isSignatureValid(
          new JcaContentVerifierProviderBuilder().build(csr.getPublicKey()))) {
        throw new GeneralSecurityException(
            "the vault's CSR for " + CODE_SIGNING + " does not verify");
      }
    } catch (OperatorCreationException | PKCSException e) {
      throw new GeneralSecurityException("cannot check the CSR: " + e.getMessage(), e);
    }

    PrivateKey caKey = vaultKey(vault, CA_KEY);
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
                caCertificate,
                serial(),
                Date.from(now.minusSeconds(300)),
                Date.from(now.atOffset(ZoneOffset.UTC).plusYears(1).toInstant()),
                csr.getSubject(),
                csr.getPublicKey())
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
            .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
            .addExtension(
                Extension.extendedKeyUsage,
                false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning))
            .addExtension(
                Extension.authorityKeyIdentifier,
                false,
                extensions.createAuthorityKeyIdentifier(caCertificate.getPublicKey()))
            .addExtension(
                Extension.subjectKeyIdentifier,
                false,
                extensions.createSubjectKeyIdentifier(csr.getPublicKey()));
    X509Certificate leaf = signInVault(builder, caKey, keyBridge);
    leaf.verify(caCertificate.getPublicKey());
    List<X509Certificate> chain = List.of(leaf, caCertificate);
    certificates.mergeCertificate(CODE_SIGNING, chain);
    return chain;
  }

  private static X509Certificate signInVault(
      X509v3CertificateBuilder builder, PrivateKey vaultKey, Provider keyBridge)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder("SHA256withRSA")
                      .setProvider(keyBridge)
                      .build(vaultKey)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign with the vault key: " + e.getMessage(), e);
    }
  }

  private static PrivateKey vaultKey(KeyStore vault, String alias) throws GeneralSecurityException {
    Key key = vault.getKey(alias, NO_PASSWORD);
    if (!(key instanceof VaultPrivateKey)) {
      throw new GeneralSecurityException("no vault RSA key " + alias + " in the KeyStore");
    }
    return (PrivateKey) key;
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).add(BigInteger.ONE);
  }

  /** PEM of a certificate. */
  static String pem(X509Certificate certificate) throws GeneralSecurityException {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  /** A PKCS12 trust store holding only the CA certificate (what a verifier would be given). */
  static Path writeTrustStore(Path file, X509Certificate caCertificate)
      throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry(CA_KEY, caCertificate);
    try (OutputStream out = Files.newOutputStream(file)) {
      trust.store(out, TRUST_STORE_PASSWORD.toCharArray());
    }
    return file;
  }
}
