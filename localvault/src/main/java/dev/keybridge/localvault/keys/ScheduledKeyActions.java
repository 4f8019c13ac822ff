package dev.keybridge.localvault.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.lifecycle.VaultEvents;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the lifetime actions of the keys' rotation policies on the vault's clock, as Key Vault does:
 * {@code Rotate} when the latest version is {@code timeAfterCreate} old or {@code timeBeforeExpiry}
 * from its expiry (a new version with the policy's {@code expiryTime}; event {@code
 * KeyNewVersionCreated}), and {@code Notify} {@code timeBeforeExpiry} before the latest version
 * expires (event {@code KeyNearExpiry}, once per version). A key without a stored policy has Key
 * Vault's default one: Notify 30 days before expiry. Keys backing certificates follow their
 * certificate instead.
 */
final class ScheduledKeyActions implements Consumer<Instant> {
  private static final int PAGE = 100;

  private final KeyLookup keys;
  private final KeyRotator rotator;
  private final VaultEvents events;

  ScheduledKeyActions(KeyLookup keys, KeyRotator rotator, VaultEvents events) {
    this.keys = keys;
    this.rotator = rotator;
    this.events = events;
  }

  @Override
  public void accept(Instant now) {
    long t = now.getEpochSecond();
    String after = null;
    while (true) {
      List<String> names = keys.repository().names(false, after, PAGE);
      for (String lc : names) {
        keys.repository().active(lc).filter(r -> !r.managed()).ifPresent(r -> apply(r, t));
      }
      if (names.size() < PAGE) {
        return;
      }
      after = names.get(names.size() - 1);
    }
  }

  private void apply(KeyRecord rec, long now) {
    KeyVersion latest = rec.latest();
    Long exp = latest.attributes().exp();
    if (rec.rotationPolicy() == null) {
      notifyIfDue(rec, latest, exp == null ? null : exp - 30 * 86_400L, now);
      return;
    }
    ObjectNode policy = RotationPolicies.stored(rec);
    for (JsonNode action : policy.path("lifetimeActions")) {
      JsonNode trigger = action.path("trigger");
      Long due = dueTime(trigger, latest);
      if ("Rotate".equals(action.path("action").path("type").asText())) {
        if (due != null && now >= due) {
          rotator.rotate(rec.name(), now);
          return;
        }
      } else {
        notifyIfDue(rec, latest, due, now);
      }
    }
  }

  private void notifyIfDue(KeyRecord rec, KeyVersion latest, Long due, long now) {
    if (due != null && now >= due) {
      events.emitOnce(
          VaultEvents.ObjectType.KEY,
          "NearExpiry",
          rec.name(),
          latest.version(),
          latest.attributes().nbf(),
          latest.attributes().exp());
    }
  }

  /** When a trigger fires for {@code latest}, or null when it cannot (no expiry to count from). */
  private static Long dueTime(JsonNode trigger, KeyVersion latest) {
    if (trigger.hasNonNull("timeAfterCreate")) {
      IsoDuration d = IsoDuration.parse(trigger.get("timeAfterCreate").asText());
      return d == null ? null : latest.attributes().created() + d.seconds();
    }
    if (trigger.hasNonNull("timeBeforeExpiry") && latest.attributes().exp() != null) {
      IsoDuration d = IsoDuration.parse(trigger.get("timeBeforeExpiry").asText());
      return d == null ? null : latest.attributes().exp() - d.seconds();
    }
    return null;
  }
}
