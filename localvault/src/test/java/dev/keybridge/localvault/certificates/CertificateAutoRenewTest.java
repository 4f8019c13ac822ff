package dev.keybridge.localvault.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import com.azure.security.keyvault.certificates.models.CertificatePolicyAction;
import com.azure.security.keyvault.certificates.models.CertificateProperties;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificate;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificateWithPolicy;
import com.azure.security.keyvault.certificates.models.LifetimeAction;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.localvault.testing.EventLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A certificate policy's AutoRenew lifetime action issues the next version on the vault's clock,
 * once per version, and emits CertificateNewVersionCreated; seen through the official
 * CertificateClient.
 */
class CertificateAutoRenewTest {
  private static final MutableClock CLOCK = new MutableClock();

  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create().clock(CLOCK).configure(b -> b.tokenClock(Clock.systemUTC()));

  private static final String NEW_VERSION = "Microsoft.KeyVault.CertificateNewVersionCreated";

  @Test
  void autoRenewAtEightyPercentIssuesANewVersionWithANewKey() throws Exception {
    CertificateClient certificates = VAULT.sdk().certificateClient();
    KeyVaultCertificateWithPolicy first =
        create(
            certificates,
            "renew-me",
            new CertificatePolicy("Self", "CN=renew-me")
                .setValidityInMonths(12)
                .setLifetimeActions(
                    new LifetimeAction(CertificatePolicyAction.AUTO_RENEW)
                        .setLifetimePercentage(80)));
    certificates.updateCertificateProperties(
        first.getProperties().setTags(Map.of("team", "payments")));
    EventLog log = EventLog.of(VAULT.vault());

    CLOCK.advance(Duration.ofDays(200));
    VAULT.vault().runScheduledTasks();
    assertThat(certificates.getCertificate("renew-me").getProperties().getVersion())
        .isEqualTo(first.getProperties().getVersion());
    assertThat(log.events(NEW_VERSION, "renew-me")).isEmpty();

    CLOCK.advance(Duration.ofDays(100));
    Instant renewedAt = CLOCK.instant();
    VAULT.vault().runScheduledTasks();
    VAULT.vault().runScheduledTasks();

    KeyVaultCertificateWithPolicy renewed = certificates.getCertificate("renew-me");
    String version = renewed.getProperties().getVersion();
    assertThat(version).isNotEqualTo(first.getProperties().getVersion());
    X509Certificate oldLeaf = x509(first);
    X509Certificate newLeaf = x509(renewed);
    assertThat(newLeaf.getSerialNumber()).isNotEqualTo(oldLeaf.getSerialNumber());
    assertThat(newLeaf.getSubjectX500Principal()).isEqualTo(oldLeaf.getSubjectX500Principal());
    assertThat(newLeaf.getPublicKey()).isNotEqualTo(oldLeaf.getPublicKey());
    newLeaf.verify(newLeaf.getPublicKey());
    assertThat(newLeaf.getNotBefore().toInstant())
        .isBetween(renewedAt.minusSeconds(5), renewedAt.plusSeconds(60));
    assertThat(renewed.getProperties().getTags()).containsEntry("team", "payments");
    assertThat(renewed.getPolicy().getLifetimeActions())
        .singleElement()
        .satisfies(a -> assertThat(a.getAction()).isEqualTo(CertificatePolicyAction.AUTO_RENEW));
    assertThat(
            certificates.listPropertiesOfCertificateVersions("renew-me").stream()
                .map(CertificateProperties::getVersion))
        .containsExactlyInAnyOrder(first.getProperties().getVersion(), version);
    // The managed key follows: its latest version is the new certificate's key.
    assertThat(renewed.getKeyId()).endsWith("/keys/renew-me/" + version);

    List<JsonNode> created = log.events(NEW_VERSION, "renew-me");
    assertThat(created).hasSize(1);
    JsonNode data = created.get(0).path("data");
    assertThat(data.path("ObjectType").asText()).isEqualTo("Certificate");
    assertThat(data.path("Version").asText()).isEqualTo(version);
    assertThat(data.path("EXP").asLong())
        .isEqualTo(renewed.getProperties().getExpiresOn().toEpochSecond());
  }

  @Test
  void autoRenewDaysBeforeExpiryWithReuseKeyKeepsTheKey() throws Exception {
    CertificateClient certificates = VAULT.sdk().certificateClient();
    KeyVaultCertificateWithPolicy first =
        create(
            certificates,
            "renew-same-key",
            new CertificatePolicy("Self", "CN=renew-same-key")
                .setValidityInMonths(12)
                .setKeyReusable(true)
                .setLifetimeActions(
                    new LifetimeAction(CertificatePolicyAction.AUTO_RENEW)
                        .setDaysBeforeExpiry(30)));
    EventLog log = EventLog.of(VAULT.vault());

    CLOCK.advance(Duration.ofDays(300));
    VAULT.vault().runScheduledTasks();
    assertThat(certificates.getCertificate("renew-same-key").getProperties().getVersion())
        .isEqualTo(first.getProperties().getVersion());

    CLOCK.advance(Duration.ofDays(40));
    VAULT.vault().runScheduledTasks();
    KeyVaultCertificateWithPolicy renewed = certificates.getCertificate("renew-same-key");
    assertThat(renewed.getProperties().getVersion())
        .isNotEqualTo(first.getProperties().getVersion());
    assertThat(x509(renewed).getPublicKey()).isEqualTo(x509(first).getPublicKey());
    assertThat(x509(renewed).getSerialNumber()).isNotEqualTo(x509(first).getSerialNumber());
    assertThat(log.events(NEW_VERSION, "renew-same-key"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.path("data").path("Version").asText())
                    .isEqualTo(renewed.getProperties().getVersion()));
  }

  private static KeyVaultCertificateWithPolicy create(
      CertificateClient certificates, String name, CertificatePolicy policy) {
    return certificates
        .beginCreateCertificate(name, policy)
        .setPollInterval(Duration.ofMillis(50))
        .getFinalResult();
  }

  private static X509Certificate x509(KeyVaultCertificate c) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(c.getCer()));
  }
}
