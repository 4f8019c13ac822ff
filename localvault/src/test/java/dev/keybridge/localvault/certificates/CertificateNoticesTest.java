package dev.keybridge.localvault.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import com.azure.security.keyvault.certificates.models.CertificatePolicyAction;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificateWithPolicy;
import com.azure.security.keyvault.certificates.models.LifetimeAction;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.localvault.testing.EventLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A certificate policy's EmailContacts lifetime action emits CertificateNearExpiry on schedule. */
class CertificateNoticesTest {
  private static final MutableClock CLOCK = new MutableClock();

  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create().clock(CLOCK).configure(b -> b.tokenClock(Clock.systemUTC()));

  @Test
  void emailContactsAtEightyPercentOfTheLifetime() {
    CertificateClient certificates = VAULT.sdk().certificateClient();
    KeyVaultCertificateWithPolicy cert =
        certificates
            .beginCreateCertificate(
                "notice-me",
                new CertificatePolicy("Self", "CN=notice-me")
                    .setValidityInMonths(12)
                    .setLifetimeActions(
                        new LifetimeAction(CertificatePolicyAction.EMAIL_CONTACTS)
                            .setLifetimePercentage(80)))
            .setPollInterval(Duration.ofMillis(50))
            .getFinalResult();
    EventLog log = EventLog.of(VAULT.vault());

    CLOCK.advance(Duration.ofDays(200));
    VAULT.vault().runScheduledTasks();
    assertThat(log.events("Microsoft.KeyVault.CertificateNearExpiry", "notice-me")).isEmpty();

    CLOCK.advance(Duration.ofDays(100));
    VAULT.vault().runScheduledTasks();
    VAULT.vault().runScheduledTasks();
    List<JsonNode> notices = log.events("Microsoft.KeyVault.CertificateNearExpiry", "notice-me");
    assertThat(notices).hasSize(1);
    JsonNode data = notices.get(0).path("data");
    assertThat(data.path("ObjectType").asText()).isEqualTo("Certificate");
    assertThat(data.path("Version").asText()).isEqualTo(cert.getProperties().getVersion());
    assertThat(data.path("EXP").asLong())
        .isEqualTo(cert.getProperties().getExpiresOn().toEpochSecond());
  }
}
