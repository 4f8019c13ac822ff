package dev.keybridge.localvault.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceModifiedException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.DeletedSecret;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.RawVaultHttp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole secrets API through the official SecretClient: set with content type, tags, nbf/exp;
 * get latest and by version; list and list versions in pages; update properties; delete, recover,
 * purge; backup and restore; and Key Vault's refusals.
 */
class SecretLifecycleConformanceTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private final SecretClient secrets = VAULT.sdk().secretClient();

  @Test
  void setStoresValueContentTypeTagsAndValidityAndGetReadsLatestAndByVersion() {
    OffsetDateTime nbf =
        OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS);
    OffsetDateTime exp = nbf.plusDays(30);
    KeyVaultSecret first =
        secrets.setSecret(
            new KeyVaultSecret("db-password", "s3cret-1")
                .setProperties(
                    new SecretProperties()
                        .setContentType("text/plain")
                        .setTags(Map.of("env", "test"))
                        .setNotBefore(nbf)
                        .setExpiresOn(exp)));
    KeyVaultSecret second = secrets.setSecret("db-password", "s3cret-2");

    assertThat(first.getValue()).isEqualTo("s3cret-1");
    assertThat(first.getProperties().getContentType()).isEqualTo("text/plain");
    assertThat(first.getProperties().getTags()).containsExactlyEntriesOf(Map.of("env", "test"));
    assertThat(first.getProperties().getNotBefore()).isEqualTo(nbf);
    assertThat(first.getProperties().getExpiresOn()).isEqualTo(exp);
    assertThat(first.getProperties().isEnabled()).isTrue();
    assertThat(first.getProperties().isManaged()).isNull();
    assertThat(first.getId())
        .endsWith("/secrets/db-password/" + first.getProperties().getVersion());
    assertThat(second.getProperties().getVersion())
        .isNotEqualTo(first.getProperties().getVersion());

    assertThat(secrets.getSecret("db-password").getValue()).isEqualTo("s3cret-2");
    KeyVaultSecret byVersion = secrets.getSecret("db-password", first.getProperties().getVersion());
    assertThat(byVersion.getValue()).isEqualTo("s3cret-1");
    assertThat(byVersion.getProperties().getContentType()).isEqualTo("text/plain");
    assertThat(secrets.getSecret("DB-PASSWORD").getValue()).isEqualTo("s3cret-2");
  }

  @Test
  void listsAndVersionsArePagedAndCarryNoValues() {
    for (int i = 0; i < 5; i++) {
      secrets.setSecret("paged-" + i, "v" + i);
    }
    for (int i = 0; i < 4; i++) {
      secrets.setSecret("many-versions", "value-" + i);
    }
    RawVaultHttp http = VAULT.http();
    String token = http.adminToken();
    RawVaultHttp.Response page =
        http.send("GET", "/secrets?api-version=7.6&maxresults=2", token, null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.json().get("value")).hasSize(2);
    assertThat(page.json().get("nextLink").asText()).contains("/secrets?");
    assertThat(page.body()).doesNotContain("\"value\":\"v");

    List<String> names =
        secrets.listPropertiesOfSecrets().stream()
            .map(SecretProperties::getName)
            .collect(Collectors.toList());
    assertThat(names).contains("paged-0", "paged-1", "paged-2", "paged-3", "paged-4");

    RawVaultHttp.Response versionPage =
        http.send(
            "GET", "/secrets/many-versions/versions?api-version=7.6&maxresults=3", token, null);
    assertThat(versionPage.json().get("value")).hasSize(3);
    assertThat(versionPage.json().get("nextLink").asText())
        .contains("/secrets/many-versions/versions?");
    List<String> versions =
        secrets.listPropertiesOfSecretVersions("many-versions").stream()
            .map(SecretProperties::getVersion)
            .collect(Collectors.toList());
    assertThat(versions).hasSize(4).doesNotHaveDuplicates();
  }

  @Test
  void updatePropertiesChangesContentTypeTagsAndEnabledButNotTheValue() {
    KeyVaultSecret s = secrets.setSecret("to-update", "unchanged-value");
    SecretProperties props = s.getProperties();
    props.setContentType("application/json").setTags(Map.of("owner", "ops")).setEnabled(false);
    SecretProperties updated = secrets.updateSecretProperties(props);

    assertThat(updated.getContentType()).isEqualTo("application/json");
    assertThat(updated.getTags()).containsExactlyEntriesOf(Map.of("owner", "ops"));
    assertThat(updated.isEnabled()).isFalse();
    assertThatThrownBy(() -> secrets.getSecret("to-update"))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> {
              assertThat(e.getResponse().getStatusCode()).isEqualTo(403);
              assertThat(e.getMessage()).contains("SecretDisabled");
            });

    secrets.updateSecretProperties(updated.setEnabled(true));
    KeyVaultSecret again = secrets.getSecret("to-update");
    assertThat(again.getValue()).isEqualTo("unchanged-value");
    assertThat(again.getProperties().getContentType()).isEqualTo("application/json");
  }

  @Test
  void deleteRecoverAndPurge() {
    secrets.setSecret("short-lived", "v1");
    DeletedSecret deleted =
        secrets
            .beginDeleteSecret("short-lived")
            .setPollInterval(Duration.ofMillis(50))
            .waitForCompletion(Duration.ofSeconds(30))
            .getValue();
    assertThat(deleted.getRecoveryId()).endsWith("/deletedsecrets/short-lived");
    assertThat(deleted.getScheduledPurgeDate()).isAfter(deleted.getDeletedOn());
    assertThatThrownBy(() -> secrets.getSecret("short-lived"))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> secrets.setSecret("short-lived", "v2"))
        .isInstanceOfSatisfying(
            ResourceModifiedException.class,
            e -> {
              assertThat(e.getResponse().getStatusCode()).isEqualTo(409);
              assertThat(e.getMessage()).contains("ObjectIsDeletedButRecoverable");
            });
    assertThat(secrets.listDeletedSecrets().stream().map(DeletedSecret::getName))
        .contains("short-lived");

    secrets
        .beginRecoverDeletedSecret("short-lived")
        .setPollInterval(Duration.ofMillis(50))
        .waitForCompletion(Duration.ofSeconds(30));
    assertThat(secrets.getSecret("short-lived").getValue()).isEqualTo("v1");

    secrets
        .beginDeleteSecret("short-lived")
        .setPollInterval(Duration.ofMillis(50))
        .waitForCompletion(Duration.ofSeconds(30));
    secrets.purgeDeletedSecret("short-lived");
    assertThatThrownBy(() -> secrets.getDeletedSecret("short-lived"))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(secrets.setSecret("short-lived", "fresh").getValue()).isEqualTo("fresh");
  }

  @Test
  void backupRestoresEveryVersionUnderAFreeName() {
    String v1 = secrets.setSecret("backed-up", "one").getProperties().getVersion();
    String v2 = secrets.setSecret("backed-up", "two").getProperties().getVersion();
    byte[] backup = secrets.backupSecret("backed-up");
    assertThat(new String(backup, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("one")
        .doesNotContain("two");

    assertThatThrownBy(() -> secrets.restoreSecretBackup(backup))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(409));

    secrets
        .beginDeleteSecret("backed-up")
        .setPollInterval(Duration.ofMillis(50))
        .waitForCompletion(Duration.ofSeconds(30));
    secrets.purgeDeletedSecret("backed-up");
    KeyVaultSecret restored = secrets.restoreSecretBackup(backup);
    assertThat(restored.getProperties().getVersion()).isEqualTo(v2);
    assertThat(secrets.getSecret("backed-up", v1).getValue()).isEqualTo("one");
    assertThat(secrets.getSecret("backed-up").getValue()).isEqualTo("two");

    byte[] tampered = backup.clone();
    tampered[tampered.length / 2] ^= 1;
    assertThatThrownBy(() -> secrets.restoreSecretBackup(tampered))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> {
              assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
              assertThat(e.getMessage()).contains("BadParameter");
            });
  }

  @Test
  void aCertificatesSecretCannotBeSetUpdatedOrBackedUpDirectly() {
    VAULT
        .sdk()
        .certificateClient()
        .beginCreateCertificate("cert-backed", CertificatePolicy.getDefault())
        .setPollInterval(Duration.ofMillis(50))
        .waitForCompletion(Duration.ofSeconds(60));
    KeyVaultSecret certSecret = secrets.getSecret("cert-backed");
    assertThat(certSecret.getProperties().isManaged()).isTrue();

    assertThatThrownBy(() -> secrets.setSecret("cert-backed", "overwrite"))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> {
              assertThat(e.getResponse().getStatusCode()).isEqualTo(403);
              assertThat(e.getMessage()).contains("SecretManagedByKeyVault");
            });
    assertThatThrownBy(
            () -> secrets.updateSecretProperties(certSecret.getProperties().setEnabled(false)))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403));
    assertThatThrownBy(() -> secrets.backupSecret("cert-backed"))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403));
    assertThat(secrets.getSecret("cert-backed").getValue()).isEqualTo(certSecret.getValue());
  }

  @Test
  void badInputGetsBadParameterWithoutEchoingTheValue() {
    RawVaultHttp http = VAULT.http();
    String token = http.adminToken();
    RawVaultHttp.Response noValue =
        http.send("PUT", "/secrets/no-value?api-version=7.6", token, "{\"contentType\":\"x\"}");
    assertThat(noValue.status()).isEqualTo(400);
    assertThat(noValue.errorCode()).isEqualTo("BadParameter");

    String big = "Z".repeat(SecretInput.MAX_VALUE_BYTES + 1);
    RawVaultHttp.Response tooBig =
        http.send("PUT", "/secrets/too-big?api-version=7.6", token, "{\"value\":\"" + big + "\"}");
    assertThat(tooBig.status()).isEqualTo(400);
    assertThat(tooBig.body()).doesNotContain("ZZZZ");

    RawVaultHttp.Response badWindow =
        http.send(
            "PUT",
            "/secrets/bad-window?api-version=7.6",
            token,
            "{\"value\":\"hidden-value\",\"attributes\":{\"nbf\":200,\"exp\":100}}");
    assertThat(badWindow.status()).isEqualTo(400);
    assertThat(badWindow.body()).doesNotContain("hidden-value");
  }
}
