package dev.keybridge.localvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificateWithPolicy;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import com.azure.security.keyvault.keys.models.DeletedKey;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.DeletedSecret;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code purgeProtection(true).retentionDays(7)}: purge refused as Azure refuses it, recoveryLevel
 * and recoverableDays as Azure reports them, deleted objects purged by the vault when the retention
 * ends on its clock, and the setting kept across restarts (it cannot be turned off).
 */
class PurgeProtectionTest {
  private static final MutableClock CLOCK = new MutableClock();

  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create()
          .clock(CLOCK)
          .configure(b -> b.purgeProtection(true).retentionDays(7).tokenClock(Clock.systemUTC()));

  private final KeyClient keys = VAULT.sdk().keyClient();
  private final SecretClient secrets = VAULT.sdk().secretClient();
  private final CertificateClient certificates = VAULT.sdk().certificateClient();

  @Test
  void everyObjectReportsCustomizedRecoverableWithSevenDays() {
    KeyVaultKey key = keys.createEcKey(new CreateEcKeyOptions("pp-key"));
    KeyVaultSecret secret = secrets.setSecret("pp-secret", "v");
    KeyVaultCertificateWithPolicy cert =
        certificates
            .beginCreateCertificate("pp-cert", CertificatePolicy.getDefault())
            .setPollInterval(Duration.ofMillis(50))
            .getFinalResult();

    assertThat(key.getProperties().getRecoveryLevel()).isEqualTo("CustomizedRecoverable");
    assertThat(key.getProperties().getRecoverableDays()).isEqualTo(7);
    assertThat(secret.getProperties().getRecoveryLevel()).isEqualTo("CustomizedRecoverable");
    assertThat(secret.getProperties().getRecoverableDays()).isEqualTo(7);
    assertThat(cert.getProperties().getRecoveryLevel()).isEqualTo("CustomizedRecoverable");
    assertThat(cert.getProperties().getRecoverableDays()).isEqualTo(7);
    assertThat(VAULT.vault().softDeletePolicy().purgeProtection()).isTrue();
  }

  @Test
  void purgeIsRefusedAndTheVaultPurgesWhenRetentionEnds() {
    keys.createEcKey(new CreateEcKeyOptions("doomed-key"));
    secrets.setSecret("doomed-secret", "v");
    certificates
        .beginCreateCertificate("doomed-cert", CertificatePolicy.getDefault())
        .setPollInterval(Duration.ofMillis(50))
        .waitForCompletion(Duration.ofSeconds(60));
    DeletedKey deletedKey =
        keys.beginDeleteKey("doomed-key")
            .setPollInterval(Duration.ofMillis(50))
            .waitForCompletion(Duration.ofSeconds(30))
            .getValue();
    DeletedSecret deletedSecret =
        secrets
            .beginDeleteSecret("doomed-secret")
            .setPollInterval(Duration.ofMillis(50))
            .waitForCompletion(Duration.ofSeconds(30))
            .getValue();
    certificates
        .beginDeleteCertificate("doomed-cert")
        .setPollInterval(Duration.ofMillis(50))
        .waitForCompletion(Duration.ofSeconds(30));
    assertThat(deletedKey.getScheduledPurgeDate()).isEqualTo(deletedKey.getDeletedOn().plusDays(7));
    assertThat(deletedSecret.getScheduledPurgeDate())
        .isEqualTo(deletedSecret.getDeletedOn().plusDays(7));

    for (Runnable purge :
        new Runnable[] {
          () -> keys.purgeDeletedKey("doomed-key"),
          () -> secrets.purgeDeletedSecret("doomed-secret"),
          () -> certificates.purgeDeletedCertificate("doomed-cert")
        }) {
      assertThatThrownBy(purge::run)
          .isInstanceOfSatisfying(
              HttpResponseException.class,
              e -> {
                assertThat(e.getResponse().getStatusCode()).isEqualTo(403);
                assertThat(e.getMessage())
                    .contains("Forbidden")
                    .contains(
                        "Operation \\\"purge\\\" is not allowed because purge protection is"
                            + " enabled for this vault");
              });
    }
    assertThat(keys.getDeletedKey("doomed-key").getName()).isEqualTo("doomed-key");

    CLOCK.advance(Duration.ofDays(6));
    VAULT.vault().runScheduledTasks();
    assertThat(secrets.getDeletedSecret("doomed-secret").getName()).isEqualTo("doomed-secret");

    CLOCK.advance(Duration.ofDays(1).plusMinutes(1));
    VAULT.vault().runScheduledTasks();
    assertThatThrownBy(() -> keys.getDeletedKey("doomed-key"))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> secrets.getDeletedSecret("doomed-secret"))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> certificates.getDeletedCertificate("doomed-cert"))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(secrets.setSecret("doomed-secret", "reborn").getValue()).isEqualTo("reborn");
  }

  @Test
  void purgeProtectionCannotBeTurnedOffAndRetentionIsFixed() throws Exception {
    Path dir = Files.createTempDirectory("pp-restart-");
    try (LocalVault first =
        LocalVault.builder().dataDir(dir).purgeProtection(true).retentionDays(30).build().start()) {
      assertThat(first.softDeletePolicy().recoveryLevel()).isEqualTo("CustomizedRecoverable");
    }
    try (LocalVault again = LocalVault.builder().dataDir(dir).build().start()) {
      assertThat(again.softDeletePolicy().purgeProtection()).isTrue();
      assertThat(again.softDeletePolicy().retentionDays()).isEqualTo(30);
    }
    assertThatThrownBy(() -> LocalVault.builder().dataDir(dir).retentionDays(60).build().start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("30 days");
    assertThatThrownBy(() -> LocalVault.builder().retentionDays(5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
