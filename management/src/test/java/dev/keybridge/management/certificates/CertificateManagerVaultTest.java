package dev.keybridge.management.certificates;

import static dev.keybridge.management.VaultFixtures.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.azure.security.keyvault.certificates.models.CertificateKeyCurveName;
import com.azure.security.keyvault.certificates.models.CertificateKeyUsage;
import com.azure.security.keyvault.certificates.models.CertificateProperties;
import com.azure.security.keyvault.certificates.models.DeletedCertificate;
import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.TestCa;
import dev.keybridge.management.CertificateAsyncManager;
import dev.keybridge.management.CertificateManager;
import dev.keybridge.management.KeyVaultAsyncManager;
import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.KeyVaultManager;
import dev.keybridge.management.VaultFixtures;
import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.adapter.JdkFlowAdapter;

/**
 * The certificate facade (sync and async) against the local vault: self-signed and CA-signed
 * certificates for TLS and code signing, imports, chains, delete and recover. Needs the local
 * vault's /certificates API.
 */
class CertificateManagerVaultTest {
  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create()
          .client(VaultFixtures.READER_ID, VaultFixtures.READER_SECRET, Role.READER);

  private static CertificateManager certificates;
  private static CertificateAsyncManager async;
  private static CertificateManager reader;
  private static TestCa ca;

  @BeforeAll
  static void setUp() throws Exception {
    KeyVaultManager manager = new KeyVaultManager(VaultFixtures.adminConfig(VAULT.vault()));
    certificates = manager.certificates();
    async = new KeyVaultAsyncManager(manager.clients()).certificates();
    reader =
        new KeyVaultManager(
                VaultFixtures.clientConfig(
                    VAULT.vault(), VaultFixtures.READER_ID, VaultFixtures.READER_SECRET))
            .certificates();
    ca = TestCa.create("CN=keybridge test CA");
  }

  private static CertificateRequest tls(String cn) {
    return CertificateRequest.builder("CN=" + cn)
        .dnsNames(cn, "www." + cn)
        .extendedKeyUsages(CertificateRequest.SERVER_AUTH)
        .keyUsages(CertificateKeyUsage.DIGITAL_SIGNATURE, CertificateKeyUsage.KEY_ENCIPHERMENT)
        .validityMonths(6)
        .build();
  }

  @Test
  void selfSignedTlsCertificate() throws Exception {
    String name = name("tls");
    VaultCertificate created =
        certificates.createSelfSignedCertificate(name, tls("app.keybridge.test"));
    X509Certificate x509 = created.x509Certificate();
    assertThat(x509.getSubjectX500Principal().getName()).isEqualTo("CN=app.keybridge.test");
    assertThat(x509.getIssuerX500Principal()).isEqualTo(x509.getSubjectX500Principal());
    List<Object> sans = new java.util.ArrayList<>();
    x509.getSubjectAlternativeNames().forEach(san -> sans.add(san.get(1)));
    assertThat(sans).contains("app.keybridge.test", "www.app.keybridge.test");
    assertThat(x509.getExtendedKeyUsage()).containsExactly(CertificateRequest.SERVER_AUTH);
    x509.verify(x509.getPublicKey());
    assertThat(created.keyId()).contains("/keys/" + name + "/" + created.version());
    assertThat(certificates.getCertificate(name).x509Certificate()).isEqualTo(x509);
    assertThat(certificates.getCertificate(name, created.version()).x509Certificate())
        .isEqualTo(x509);
    assertThat(certificates.getCertificateChain(name)).containsExactly(x509);
    assertThat(certificates.listCertificates().map(CertificateProperties::getName)).contains(name);
  }

  @Test
  void ecCodeSigningCertificateAsync() throws Exception {
    String name = name("codesign");
    CertificateRequest request =
        CertificateRequest.builder("CN=keybridge code signing")
            .ec(CertificateKeyCurveName.P_256, false)
            .extendedKeyUsages(CertificateRequest.CODE_SIGNING)
            .build();
    VaultCertificate created =
        async.createSelfSignedCertificate(name, request).get(60, TimeUnit.SECONDS);
    assertThat(created.x509Certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(created.x509Certificate().getExtendedKeyUsage())
        .containsExactly(CertificateRequest.CODE_SIGNING);
    assertThat(async.getCertificate(name).get(30, TimeUnit.SECONDS).version())
        .isEqualTo(created.version());
    assertThat(async.getCertificateChain(name).get(30, TimeUnit.SECONDS))
        .containsExactly(created.x509Certificate());
    assertThat(
            JdkFlowAdapter.flowPublisherToFlux(async.listCertificates())
                .map(CertificateProperties::getName)
                .collectList()
                .block())
        .contains(name);
  }

  @Test
  void externalCaCsrAndMergeGiveTheFullChain() throws Exception {
    String name = name("ext");
    CertificateSigningRequest csr =
        certificates.createCertificateSigningRequest(name, tls("ext.keybridge.test"));
    assertThat(csr.pem()).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
    X509Certificate leaf = ca.issue(csr.der(), TestCa.Purpose.TLS);
    VaultCertificate merged = certificates.mergeCertificate(name, List.of(leaf, ca.certificate()));
    assertThat(merged.x509Certificate()).isEqualTo(leaf);
    assertThat(certificates.getCertificateChain(name)).containsExactly(leaf, ca.certificate());
    assertThat(reader.getCertificateChain(name))
        .as("without secret access: the leaf alone")
        .containsExactly(leaf);

    String asyncName = name("ext-async");
    CertificateSigningRequest asyncCsr =
        async
            .createCertificateSigningRequest(asyncName, tls("ext2.keybridge.test"))
            .get(30, TimeUnit.SECONDS);
    X509Certificate asyncLeaf = ca.issue(asyncCsr.der(), TestCa.Purpose.TLS);
    assertThat(
            async
                .mergeCertificate(asyncName, List.of(asyncLeaf, ca.certificate()))
                .get(30, TimeUnit.SECONDS)
                .x509Certificate())
        .isEqualTo(asyncLeaf);
  }

  @Test
  void importsPkcs12AndPem() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    X509Certificate leaf =
        ca.issue(new X500Name("CN=imported.keybridge.test"), keys.getPublic(), TestCa.Purpose.TLS);
    KeyStore p12 = KeyStore.getInstance("PKCS12");
    p12.load(null, null);
    p12.setKeyEntry(
        "leaf", keys.getPrivate(), "pw".toCharArray(), new Certificate[] {leaf, ca.certificate()});
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    p12.store(bytes, "pw".toCharArray());

    String p12Name = name("imp-p12");
    VaultCertificate imported =
        certificates.importPkcs12(p12Name, bytes.toByteArray(), "pw".toCharArray());
    assertThat(imported.x509Certificate()).isEqualTo(leaf);
    assertThat(certificates.getCertificateChain(p12Name)).containsExactly(leaf, ca.certificate());
    assertThat(
            async
                .importPkcs12(name("imp-p12a"), bytes.toByteArray(), "pw".toCharArray())
                .get(30, TimeUnit.SECONDS)
                .x509Certificate())
        .isEqualTo(leaf);

    String pem = TestCa.pem(keys.getPrivate()) + TestCa.pem(List.of(leaf, ca.certificate()));
    String pemName = name("imp-pem");
    assertThat(certificates.importPem(pemName, pem).x509Certificate()).isEqualTo(leaf);
    assertThat(certificates.getCertificateChain(pemName)).containsExactly(leaf, ca.certificate());
    assertThat(async.importPem(name("imp-pema"), pem).get(30, TimeUnit.SECONDS).x509Certificate())
        .isEqualTo(leaf);
  }

  @Test
  void deleteRecoverAndPurge() throws Exception {
    String name = name("del-cert");
    VaultCertificate created =
        certificates.createSelfSignedCertificate(name, tls("del.keybridge.test"));
    DeletedCertificate deleted = certificates.deleteCertificate(name);
    assertThat(deleted.getRecoveryId()).endsWith("/deletedcertificates/" + name);
    assertThat(certificates.recoverDeletedCertificate(name).x509Certificate())
        .isEqualTo(created.x509Certificate());
    assertThat(certificates.beginDeleteCertificate(name).waitForCompletion().getValue().getName())
        .isEqualTo(name);
    certificates.purgeDeletedCertificate(name);

    String asyncName = name("del-cert-a");
    VaultCertificate asyncCreated =
        async
            .createSelfSignedCertificate(asyncName, tls("dela.keybridge.test"))
            .get(60, TimeUnit.SECONDS);
    assertThat(async.deleteCertificate(asyncName).get(30, TimeUnit.SECONDS).getName())
        .isEqualTo(asyncName);
    assertThat(
            async.recoverDeletedCertificate(asyncName).get(30, TimeUnit.SECONDS).x509Certificate())
        .isEqualTo(asyncCreated.x509Certificate());
    async.deleteCertificate(asyncName).get(30, TimeUnit.SECONDS);
    async.purgeDeletedCertificate(asyncName).get(30, TimeUnit.SECONDS);
  }

  @Test
  void failuresNameTheCertificateAndTheVaultCode() {
    Throwable sync = catchThrowable(() -> certificates.getCertificate("no-such-cert"));
    assertThat(sync)
        .isInstanceOf(KeyVaultException.class)
        .hasMessageStartingWith(
            "getCertificate on 'no-such-cert' failed: CertificateNotFound (HTTP 404)");
    Throwable asyncFailure =
        catchThrowable(() -> async.deleteCertificate("no-such-cert").get(30, TimeUnit.SECONDS));
    assertThat(asyncFailure)
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(KeyVaultException.class)
        .hasMessageContaining("CertificateNotFound");
    Throwable forbidden =
        catchThrowable(() -> reader.createSelfSignedCertificate(name("denied"), tls("x.test")));
    assertThat(((KeyVaultException) forbidden).innerErrorCode()).isEqualTo("ForbiddenByRbac");
  }
}
