package dev.keybridge.localvault.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceModifiedException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import com.azure.security.keyvault.certificates.models.CertificateProperties;
import com.azure.security.keyvault.certificates.models.DeletedCertificate;
import com.azure.security.keyvault.certificates.models.ImportCertificateOptions;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificate;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificateWithPolicy;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm;
import com.azure.security.keyvault.secrets.SecretClient;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Get, list (with paging), versions, update, policy, delete/recover/purge pollers and
 * backup/restore of certificates through the official CertificateClient, with the key and secret
 * following the certificate.
 */
class CertificateLifecycleConformanceTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static KeyPair keys;
  private static byte[] pfx;
  private static X509Certificate leaf;

  private final CertificateClient certificates = VAULT.sdk().certificateClient();
  private final KeyClient keyClient = VAULT.sdk().keyClient();
  private final SecretClient secrets = VAULT.sdk().secretClient();

  @BeforeAll
  static void certificate() throws Exception {
    keys = TestKeyPairs.get("P-256#lifecycle");
    leaf = TestKeyPairs.caCertificate("CN=lifecycle", keys);
    pfx = CertificateFiles.pkcs12(keys, List.of(leaf), "");
  }

  private KeyVaultCertificateWithPolicy importAs(String name) {
    return certificates.importCertificate(new ImportCertificateOptions(name, pfx));
  }

  @Test
  void listsPageOverMoreThan25CertificatesAndVersions() {
    for (int i = 0; i < 27; i++) {
      importAs(String.format("paged-%02d", i));
    }
    importAs("paged-00");
    AccessLog log = VAULT.accessLog();
    long mark = log.mark();

    List<String> names =
        certificates.listPropertiesOfCertificates().stream()
            .map(CertificateProperties::getName)
            .filter(n -> n.startsWith("paged-"))
            .collect(Collectors.toList());

    assertThat(names).hasSize(27).doesNotHaveDuplicates();
    assertThat(
            certificates.listPropertiesOfCertificates(true, Context.NONE).stream()
                .filter(p -> p.getName().startsWith("paged-")))
        .as("includePending travels in nextLink")
        .hasSize(27);
    assertThat(log.count(mark, "GET", "/certificates")).isGreaterThanOrEqualTo(2);
    List<CertificateProperties> versions =
        certificates.listPropertiesOfCertificateVersions("paged-00").stream()
            .collect(Collectors.toList());
    assertThat(versions).hasSize(2);
    for (CertificateProperties v : versions) {
      KeyVaultCertificate byVersion =
          certificates.getCertificateVersion("paged-00", v.getVersion());
      assertThat(byVersion.getProperties().getVersion()).isEqualTo(v.getVersion());
      assertThat(byVersion.getProperties().getX509Thumbprint()).isEqualTo(v.getX509Thumbprint());
    }
    assertThat(certificates.getCertificate("paged-00").getProperties().getVersion())
        .isEqualTo(versions.get(1).getVersion());
  }

  @Test
  void updatesPropertiesAndPolicyAndDisablingStopsKeyAndSecret() throws Exception {
    KeyVaultCertificateWithPolicy cert = importAs("updated");

    CertificateProperties props = cert.getProperties().setEnabled(false).setTags(Map.of("a", "b"));
    KeyVaultCertificate updated = certificates.updateCertificateProperties(props);

    assertThat(updated.getProperties().isEnabled()).isFalse();
    assertThat(updated.getProperties().getTags()).isEqualTo(Map.of("a", "b"));
    assertThat(certificates.getCertificate("updated").getProperties().isEnabled()).isFalse();
    assertThat(keyClient.getKey("updated").getProperties().isEnabled()).isFalse();
    assertThatThrownBy(() -> secrets.getSecret("updated"))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> {
              assertThat(e.getResponse().getStatusCode()).isEqualTo(403);
              assertThat(e.getMessage()).contains("SecretDisabled");
            });
    assertThatThrownBy(
            () ->
                VAULT
                    .sdk()
                    .cryptographyClient(cert.getKeyId())
                    .sign(SignatureAlgorithm.ES256, new byte[32]))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403));

    CertificatePolicy policy = certificates.getCertificatePolicy("updated");
    assertThat(policy.getIssuerName()).isEqualTo("Unknown");
    policy.setValidityInMonths(24).setSubject("CN=next");
    CertificatePolicy stored = certificates.updateCertificatePolicy("updated", policy);
    assertThat(stored.getValidityInMonths()).isEqualTo(24);
    assertThat(certificates.getCertificate("updated").getPolicy().getSubject())
        .isEqualTo("CN=next");
  }

  @Test
  void managedKeyAndSecretRefuseDirectChanges() {
    importAs("managed");

    assertThatThrownBy(() -> keyClient.beginDeleteKey("managed"))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403));
    assertThatThrownBy(() -> secrets.beginDeleteSecret("managed"))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> {
              assertThat(e.getResponse().getStatusCode()).isEqualTo(403);
              assertThat(e.getMessage()).contains("SecretManagedByKeyVault");
            });
    assertThat(keyClient.getKey("managed").getProperties().isManaged()).isTrue();
  }

  @Test
  void deleteRecoverAndPurgeTakeKeyAndSecretAlong() {
    String version = importAs("doomed").getProperties().getVersion();

    var deleting =
        certificates.beginDeleteCertificate("doomed").setPollInterval(Duration.ofMillis(50));
    assertThat(deleting.waitForCompletion(Duration.ofSeconds(30)).getStatus())
        .isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    DeletedCertificate deleted = certificates.getDeletedCertificate("doomed");
    assertThat(deleted.getRecoveryId()).endsWith("/deletedcertificates/doomed");
    assertThat(deleted.getScheduledPurgeDate()).isAfter(deleted.getDeletedOn());
    assertThat(deleted.getProperties().getVersion()).isEqualTo(version);
    assertThat(certificates.listDeletedCertificates().stream())
        .anyMatch(d -> d.getName().equals("doomed"));
    assertThatThrownBy(() -> certificates.getCertificate("doomed"))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> keyClient.getKey("doomed"))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> secrets.getSecret("doomed"))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(keyClient.getDeletedKey("doomed").getProperties().getVersion()).isEqualTo(version);
    assertThatThrownBy(() -> importAs("doomed")).isInstanceOf(ResourceModifiedException.class);

    var recovering =
        certificates
            .beginRecoverDeletedCertificate("doomed")
            .setPollInterval(Duration.ofMillis(50));
    assertThat(recovering.waitForCompletion(Duration.ofSeconds(30)).getStatus())
        .isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    assertThat(certificates.getCertificate("doomed").getProperties().getVersion())
        .isEqualTo(version);
    assertThat(keyClient.getKey("doomed").getProperties().getVersion()).isEqualTo(version);
    assertThat(secrets.getSecret("doomed").getProperties().getVersion()).isEqualTo(version);

    certificates
        .beginDeleteCertificate("doomed")
        .setPollInterval(Duration.ofMillis(50))
        .waitForCompletion(Duration.ofSeconds(30));
    certificates.purgeDeletedCertificate("doomed");
    assertThatThrownBy(() -> certificates.getDeletedCertificate("doomed"))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> keyClient.getDeletedKey("doomed"))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> secrets.getDeletedSecret("doomed"))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(importAs("doomed").getProperties().getVersion()).isNotEqualTo(version);
  }

  @Test
  void aBackupRestoresAfterPurgeWithItsVersionIds() {
    String first = importAs("saved").getProperties().getVersion();
    String second = importAs("saved").getProperties().getVersion();
    byte[] backup = certificates.backupCertificate("saved");
    certificates
        .beginDeleteCertificate("saved")
        .setPollInterval(Duration.ofMillis(50))
        .waitForCompletion(Duration.ofSeconds(30));
    certificates.purgeDeletedCertificate("saved");

    KeyVaultCertificateWithPolicy restored = certificates.restoreCertificateBackup(backup);

    assertThat(restored.getProperties().getVersion()).isEqualTo(second);
    assertThat(certificates.listPropertiesOfCertificateVersions("saved").stream())
        .extracting(CertificateProperties::getVersion)
        .containsExactly(first, second);
    assertThat(keyClient.getKey("saved").getProperties().getVersion()).isEqualTo(second);
    assertThat(secrets.getSecret("saved", first).getProperties().isManaged()).isTrue();
    assertThatThrownBy(() -> certificates.restoreCertificateBackup(backup))
        .isInstanceOf(ResourceModifiedException.class);
    backup[backup.length / 2] ^= 1;
    assertThatThrownBy(() -> certificates.restoreCertificateBackup(backup))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(400));
  }
}
