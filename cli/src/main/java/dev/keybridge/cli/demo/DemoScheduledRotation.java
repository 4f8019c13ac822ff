package dev.keybridge.cli.demo;

import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyRotationLifetimeAction;
import com.azure.security.keyvault.keys.models.KeyRotationPolicy;
import com.azure.security.keyvault.keys.models.KeyRotationPolicyAction;
import dev.keybridge.localvault.LocalVault;
import dev.keybridge.localvault.lifecycle.ScaledClock;
import dev.keybridge.management.KeyVaultManager;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.management.keys.KeyOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The demo step {@code demo --time-scale N}: a second local vault (in {@code DIR/scheduled}, so the
 * main vault's certificates keep real time) whose clock runs N times faster; a key with the policy
 * "rotate 7 days after creation" is rotated by the vault on schedule, and the event appears in its
 * {@code events.log}.
 */
final class DemoScheduledRotation {
  private static final String KEY = "demo-scheduled";
  private static final long POLICY_DAYS = 7;

  private DemoScheduledRotation() {}

  /** Runs the step; returns its detail line. */
  static String run(Path dataDir, double timeScale) throws IOException, InterruptedException {
    Path dir = dataDir.resolve("scheduled");
    try (LocalVault vault =
        LocalVault.builder()
            .dataDir(dir)
            .clock(new ScaledClock(Clock.systemUTC(), timeScale))
            .tokenClock(Clock.systemUTC())
            .build()
            .start()) {
      KeyVaultManager manager =
          new KeyVaultManager(KeyVaultConfig.fromProperties(vault.propertiesFile()));
      if (manager.listKeyNames().noneMatch(KEY::equalsIgnoreCase)) {
        manager.createEcKey(KEY, KeyCurveName.P_256, KeyOptions.builder().build());
      }
      long versionsBefore = manager.listKeyVersions(KEY).count();
      manager.updateKeyRotationPolicy(
          KEY,
          new KeyRotationPolicy()
              .setExpiresIn("P28D")
              .setLifetimeActions(
                  List.of(
                      new KeyRotationLifetimeAction(KeyRotationPolicyAction.ROTATE)
                          .setTimeAfterCreate("P" + POLICY_DAYS + "D"))));
      long started = System.nanoTime();
      Duration expected = Duration.ofMillis((long) (POLICY_DAYS * 86_400_000L / timeScale));
      long deadline = started + expected.multipliedBy(3).plusSeconds(30).toNanos();
      while (manager.listKeyVersions(KEY).count() <= versionsBefore) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the vault did not rotate " + KEY + " within " + expected.multipliedBy(3));
        }
        Thread.sleep(200);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      boolean logged =
          Files.readString(vault.eventsLogFile())
              .contains("\"eventType\":\"Microsoft.KeyVault.KeyNewVersionCreated\"");
      return String.format(
          java.util.Locale.ROOT,
          "%s rotated by its policy (%d vault days) after %.1f s at x%.0f%s",
          KEY,
          POLICY_DAYS,
          seconds,
          timeScale,
          logged ? "; KeyNewVersionCreated in scheduled/events.log" : "");
    }
  }
}
