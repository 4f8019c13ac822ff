package dev.keybridge.localvault.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.models.CreateRsaKeyOptions;
import com.azure.security.keyvault.keys.models.KeyProperties;
import com.azure.security.keyvault.keys.models.KeyRotationLifetimeAction;
import com.azure.security.keyvault.keys.models.KeyRotationPolicy;
import com.azure.security.keyvault.keys.models.KeyRotationPolicyAction;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.localvault.testing.EventLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rotation policies run on the vault's clock: a moved clock rotates a key by its policy (new
 * version with the policy's expiryTime, KeyNewVersionCreated) and notifies before expiry
 * (KeyNearExpiry once per version), in Event Grid's schema in DIR/events.log.
 */
class ScheduledRotationTest {
  private static final MutableClock CLOCK = new MutableClock();

  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create()
          .clock(CLOCK)
          // tokens stay on real time: the SDK refreshes them by its own clock
          .configure(b -> b.schedulerTick(Duration.ofMillis(200)).tokenClock(Clock.systemUTC()));

  private final KeyClient keys = VAULT.sdk().keyClient();

  @Test
  void aMovedClockRotatesByTimeAfterCreateWithThePolicysExpiry() {
    KeyVaultKey first = keys.createRsaKey(new CreateRsaKeyOptions("by-schedule").setKeySize(2048));
    keys.updateKeyRotationPolicy(
        "by-schedule",
        new KeyRotationPolicy()
            .setExpiresIn("P90D")
            .setLifetimeActions(
                List.of(
                    new KeyRotationLifetimeAction(KeyRotationPolicyAction.ROTATE)
                        .setTimeAfterCreate("P30D"))));
    VAULT.vault().runScheduledTasks();
    assertThat(versions("by-schedule")).hasSize(1);

    CLOCK.advance(Duration.ofDays(31));
    // the scheduler's own thread picks the moved clock up within a tick
    JsonNode event =
        EventLog.of(VAULT.vault())
            .await(
                e ->
                    e.path("eventType").asText().equals("Microsoft.KeyVault.KeyNewVersionCreated")
                        && e.path("data").path("ObjectName").asText().equals("by-schedule")
                        && !e.path("data")
                            .path("Version")
                            .asText()
                            .equals(first.getProperties().getVersion()),
                Duration.ofSeconds(30));

    List<KeyProperties> versions = versions("by-schedule");
    assertThat(versions).hasSize(2);
    KeyVaultKey latest = keys.getKey("by-schedule");
    assertThat(latest.getProperties().getVersion())
        .isNotEqualTo(first.getProperties().getVersion())
        .isEqualTo(event.path("data").path("Version").asText());
    OffsetDateTime expected =
        OffsetDateTime.ofInstant(CLOCK.instant(), ZoneOffset.UTC).plusDays(90);
    assertThat(latest.getProperties().getExpiresOn())
        .isBetween(expected.minusMinutes(5), expected.plusMinutes(1));
    assertThat(event.path("data").path("EXP").asLong())
        .isEqualTo(latest.getProperties().getExpiresOn().toEpochSecond());
    assertThat(event.path("data").path("Id").asText())
        .isEqualTo(latest.getId().replace(":443", ""));
    assertThat(event.path("subject").asText()).isEqualTo("by-schedule");
    assertThat(event.path("data").path("ObjectType").asText()).isEqualTo("Key");
    assertThat(event.path("dataVersion").asText()).isEqualTo("1");
    assertThat(event.path("topic").asText()).contains("/providers/Microsoft.KeyVault/vaults/");

    VAULT.vault().runScheduledTasks();
    assertThat(versions("by-schedule")).as("no second rotation before 30 more days").hasSize(2);
  }

  @Test
  void notifyEmitsKeyNearExpiryOncePerVersionAndRotateBeforeExpiryRotates() {
    OffsetDateTime exp = OffsetDateTime.ofInstant(CLOCK.instant(), ZoneOffset.UTC).plusDays(40);
    keys.createRsaKey(new CreateRsaKeyOptions("near-expiry").setKeySize(2048).setExpiresOn(exp));
    keys.updateKeyRotationPolicy(
        "near-expiry",
        new KeyRotationPolicy()
            .setExpiresIn("P60D")
            .setLifetimeActions(
                List.of(
                    new KeyRotationLifetimeAction(KeyRotationPolicyAction.NOTIFY)
                        .setTimeBeforeExpiry("P20D"),
                    new KeyRotationLifetimeAction(KeyRotationPolicyAction.ROTATE)
                        .setTimeBeforeExpiry("P10D"))));
    EventLog log = EventLog.of(VAULT.vault());

    CLOCK.advance(Duration.ofDays(21));
    VAULT.vault().runScheduledTasks();
    VAULT.vault().runScheduledTasks();
    assertThat(log.events("Microsoft.KeyVault.KeyNearExpiry", "near-expiry")).hasSize(1);
    assertThat(versions("near-expiry")).hasSize(1);

    CLOCK.advance(Duration.ofDays(10));
    VAULT.vault().runScheduledTasks();
    assertThat(versions("near-expiry")).hasSize(2);
    assertThat(log.events("Microsoft.KeyVault.KeyNearExpiry", "near-expiry")).hasSize(1);
  }

  private List<KeyProperties> versions(String name) {
    return keys.listPropertiesOfKeyVersions(name).stream()
        .sorted(Comparator.comparing(KeyProperties::getCreatedOn))
        .collect(Collectors.toList());
  }
}
