package dev.keybridge.localvault.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.models.CertificateKeyCurveName;
import com.azure.security.keyvault.certificates.models.CertificateKeyType;
import com.azure.security.keyvault.certificates.models.CertificateOperation;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificateWithPolicy;
import com.azure.security.keyvault.certificates.models.MergeCertificateOptions;
import com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Certificates, their keys and secrets, pending operations (with their sealed key pairs) and the
 * deleted state survive a stop and start of the vault on the same data directory.
 */
class CertificatePersistenceTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final CertificatePolicy EC_SELF =
      new CertificatePolicy("Self", "CN=persisted")
          .setKeyType(CertificateKeyType.EC)
          .setKeyCurveName(CertificateKeyCurveName.P_256);

  @Test
  void everythingIsThereAfterARestart() throws Exception {
    CertificateClient certificates = VAULT.sdk().certificateClient();
    KeyVaultCertificateWithPolicy kept =
        certificates
            .beginCreateCertificate("kept", EC_SELF)
            .setPollInterval(Duration.ofMillis(50))
            .getFinalResult();
    String keptSecret = VAULT.sdk().secretClient().getSecret("kept").getValue();
    certificates
        .beginCreateCertificate("gone", EC_SELF)
        .setPollInterval(Duration.ofMillis(50))
        .getFinalResult();
    certificates
        .beginDeleteCertificate("gone")
        .setPollInterval(Duration.ofMillis(50))
        .waitForCompletion(Duration.ofSeconds(30));
    CertificateOperation waiting =
        certificates
            .beginCreateCertificate(
                "waiting",
                new CertificatePolicy("Unknown", "CN=waiting")
                    .setKeyType(CertificateKeyType.EC)
                    .setKeyCurveName(CertificateKeyCurveName.P_384))
            .poll()
            .getValue();

    VAULT.restart();

    byte[] needle = keptSecret.substring(0, 64).getBytes(StandardCharsets.US_ASCII);
    try (var files = Files.list(VAULT.dataDir())) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("vault.db")).toList()) {
        assertThat(indexOf(Files.readAllBytes(f), needle))
            .as("secret value in clear in " + f.getFileName())
            .isEqualTo(-1);
      }
    }

    CertificateClient after = VAULT.sdk().certificateClient();
    KeyVaultCertificateWithPolicy reread = after.getCertificate("kept");
    assertThat(reread.getProperties().getVersion()).isEqualTo(kept.getProperties().getVersion());
    assertThat(reread.getCer()).isEqualTo(kept.getCer());
    assertThat(reread.getPolicy().getSubject()).isEqualTo("CN=persisted");
    assertThat(VAULT.sdk().secretClient().getSecret("kept").getValue()).isEqualTo(keptSecret);
    byte[] data = "after restart".getBytes(StandardCharsets.UTF_8);
    byte[] signature =
        VAULT
            .sdk()
            .cryptographyClient(kept.getKeyId())
            .sign(SignatureAlgorithm.ES256, CertificateFiles.sha256(data))
            .getSignature();
    assertThat(
            CertificateFiles.verifies(
                CertificateFiles.parse(kept.getCer()), "ES256", data, signature))
        .isTrue();

    assertThat(after.getDeletedCertificate("gone").getRecoveryId())
        .endsWith("/deletedcertificates/gone");

    var resumed = after.getCertificateOperation("waiting");
    CertificateOperation op = resumed.poll().getValue();
    assertThat(op.getStatus()).isEqualTo("inProgress");
    assertThat(op.getRequestId()).isEqualTo(waiting.getRequestId());
    assertThat(op.getCsr()).isEqualTo(waiting.getCsr());
    JcaPKCS10CertificationRequest csr =
        new JcaPKCS10CertificationRequest(new PKCS10CertificationRequest(op.getCsr()));
    KeyPair caKeys = TestKeyPairs.get("P-256#persist-ca");
    X509Certificate leaf =
        TestKeyPairs.issue("CN=waiting", csr.getPublicKey(), "CN=Persist CA", caKeys, false);
    after.mergeCertificate(
        new MergeCertificateOptions("waiting", List.of(leaf.getEncoded())).setEnabled(true));
    assertThat(resumed.setPollInterval(Duration.ofMillis(50)).waitForCompletion().getStatus())
        .isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    assertThat(CertificateFiles.parse(after.getCertificate("waiting").getCer())).isEqualTo(leaf);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
