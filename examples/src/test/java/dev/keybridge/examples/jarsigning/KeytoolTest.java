package dev.keybridge.examples.jarsigning;

import static dev.keybridge.examples.JdkTools.command;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.certificates.CertificateClient;
import dev.keybridge.examples.ChildProcess;
import dev.keybridge.examples.JdkTools;
import dev.keybridge.examples.ServedRequests;
import dev.keybridge.examples.VaultCertificates;
import dev.keybridge.examples.VaultCertificates.KeySpec;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK's real {@code keytool} over the vault: {@code -list -v} shows the vault's certificate
 * entries, {@code -certreq} makes a CSR whose signature the vault key made, and the CA's answer to
 * that CSR completes a new version of the certificate in the vault (pending operation with {@code
 * reuse_key}, merge of leaf + CA).
 */
class KeytoolTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  @TempDir static Path dir;

  private static TestCa ca;
  private static VaultCertificates certificates;
  private static X509Certificate selfSigned;
  private static List<X509Certificate> issuedChain;

  @BeforeAll
  static void certificates() throws Exception {
    ca = TestCa.create("CN=keybridge keytool-test CA,O=keybridge tests");
    certificates = new VaultCertificates(VAULT);
    selfSigned =
        certificates.selfSigned(
            "app-signing",
            "CN=app-signing,O=keybridge tests",
            KeySpec.RSA_2048,
            TestCa.Purpose.CODE_SIGNING,
            true);
    issuedChain =
        certificates.issuedBy(
            ca, "tls-ec", "CN=localhost,O=keybridge tests", KeySpec.EC_P384, TestCa.Purpose.TLS);
  }

  @Test
  void listShowsTheVaultCertificatesWithTheirChains() {
    ChildProcess.Result list = keytool("-list", "-v");

    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.output())
        .as(list.toString())
        .containsIgnoringCase("Keystore type: AzureKeyVault")
        .contains("Keystore provider: KeyBridge")
        .contains("Alias name: app-signing")
        .contains("Alias name: tls-ec")
        .contains("Entry type: PrivateKeyEntry")
        .contains("Owner: CN=app-signing, O=keybridge tests")
        .contains("Owner: CN=localhost, O=keybridge tests")
        .contains("Issuer: CN=keybridge keytool-test CA, O=keybridge tests")
        .contains("Certificate chain length: 2");
  }

  @Test
  void certreqIsSignedInTheVaultAndTheCaAnswerCompletesTheCertificate() throws Exception {
    Path csrFile = dir.resolve("app-signing.csr");
    AccessLog log = VAULT.accessLog();
    long mark = log.mark();

    ChildProcess.Result certreq =
        keytool("-certreq", "-alias", "app-signing", "-sigalg", "SHA256withRSA", "-file", csrFile);

    assertThat(certreq.exitCode()).as(certreq.toString()).isZero();
    assertThat(ServedRequests.signs(log, mark, "app-signing")).isEqualTo(1);
    JcaPKCS10CertificationRequest csr =
        new JcaPKCS10CertificationRequest(TestCa.readPemCsr(csrFile));
    assertThat(csr.getPublicKey()).isEqualTo(selfSigned.getPublicKey());
    assertThat(new X500Principal(csr.getSubject().getEncoded()))
        .isEqualTo(selfSigned.getSubjectX500Principal());
    assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(selfSigned)))
        .as("the CSR's signature verifies with the vault key's public key (BC)")
        .isTrue();

    // The CA signs the keytool CSR; the vault takes the answer as a new version of the same key.
    X509Certificate issued = ca.issue(csr.getEncoded(), TestCa.Purpose.CODE_SIGNING);
    byte[] pendingCsr =
        certificates.pendingCsr(
            "app-signing",
            "CN=app-signing,O=keybridge tests",
            KeySpec.RSA_2048,
            TestCa.Purpose.CODE_SIGNING,
            true);
    assertThat(new JcaPKCS10CertificationRequest(pendingCsr).getPublicKey())
        .as("the new version reuses the key keytool signed with")
        .isEqualTo(selfSigned.getPublicKey());
    certificates.merge("app-signing", List.of(issued, ca.certificate()));

    CertificateClient admin = VAULT.sdk().certificateClient();
    assertThat(VaultCertificates.x509(admin.getCertificate("app-signing").getCer()))
        .isEqualTo(issued);
    ChildProcess.Result list = keytool("-list", "-v", "-alias", "app-signing");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.output())
        .as(list.toString())
        .contains("Certificate chain length: 2")
        .contains("Issuer: CN=keybridge keytool-test CA, O=keybridge tests");
  }

  @Test
  void issuedChainIsWhatTheVaultHolds() throws Exception {
    assertThat(issuedChain).hasSize(2);
    ChildProcess.Result export =
        keytool("-exportcert", "-rfc", "-alias", "tls-ec", "-file", dir.resolve("tls-ec.pem"));
    assertThat(export.exitCode()).as(export.toString()).isZero();
    try (var in = Files.newInputStream(dir.resolve("tls-ec.pem"))) {
      assertThat(java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in))
          .isEqualTo(issuedChain.get(0));
    }
  }

  private static ChildProcess.Result keytool(Object... arguments) {
    return ChildProcess.run(
        command(
            JdkTools.keytool(),
            List.of(arguments),
            JdkTools.providerClassOptions(VAULT.vault().propertiesFile()),
            JdkTools.vaultKeyStoreOptions()));
  }
}
