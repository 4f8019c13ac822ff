package dev.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.keys.models.KeyRotationLifetimeAction;
import com.azure.security.keyvault.keys.models.KeyRotationPolicy;
import com.azure.security.keyvault.keys.models.KeyRotationPolicyAction;
import dev.keybridge.management.KeyVaultManager;
import dev.keybridge.management.config.KeyVaultConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --purge-protection --retention-days 7 --time-scale 86400} (one vault day per
 * second): purge refused, a key rotated by its policy on schedule and a deleted secret purged when
 * its retention ends, in real seconds.
 */
class ServeLifecycleTest {
  @TempDir Path dir;

  @Test
  void purgeProtectionRetentionAndScheduledRotationOnAFastClock() throws Exception {
    Path data = dir.resolve("vault");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread server =
        new Thread(
            () ->
                exit.set(
                    Main.run(
                        new String[] {
                          "serve",
                          "--data",
                          data.toString(),
                          "--purge-protection",
                          "--retention-days",
                          "7",
                          "--time-scale",
                          "86400"
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream(), true))),
            "serve-lifecycle");
    server.start();
    try {
      await(() -> out.toString(StandardCharsets.UTF_8).contains("Press Ctrl-C"), server);
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("deleted objects: CustomizedRecoverable, 7 days")
          .contains("clock x86400");
      Path config = data.resolve("keybridge.properties");

      KeyVaultManager manager = new KeyVaultManager(KeyVaultConfig.fromProperties(config));
      Cli.Result created = Cli.run(config, "keys", "create", "fast-key", "--type", "ec");
      assertThat(created.exitCode()).as(created.toString()).isZero();
      manager.updateKeyRotationPolicy(
          "fast-key",
          new KeyRotationPolicy()
              .setExpiresIn("P30D")
              .setLifetimeActions(
                  List.of(
                      new KeyRotationLifetimeAction(KeyRotationPolicyAction.ROTATE)
                          .setTimeAfterCreate("P7D"))));

      Path value = dir.resolve("v.txt");
      Files.writeString(value, "short-lived");
      assertThat(
              Cli.run(config, "secrets", "set", "gone-soon", "--value-file", value.toString())
                  .exitCode())
          .isZero();
      assertThat(Cli.run(config, "secrets", "delete", "gone-soon").exitCode()).isZero();
      Cli.Result purge = Cli.run(config, "secrets", "purge", "gone-soon");
      assertThat(purge.exitCode()).isEqualTo(ExitCode.VAULT_ERROR);
      assertThat(purge.err()).contains("Forbidden").contains("purge protection");

      // 7 vault days are about 7 real seconds: the key rotates, the secret's retention ends
      await(() -> manager.listKeyVersions("fast-key").count() >= 2, server);
      await(() -> !Cli.run(config, "secrets", "deleted").out().contains("gone-soon"), server);
      assertThat(Files.readString(data.resolve("events.log")))
          .contains("Microsoft.KeyVault.KeyNewVersionCreated")
          .contains("Microsoft.KeyVault.SecretNewVersionCreated");
    } finally {
      server.interrupt();
      server.join(30_000);
    }
    assertThat(exit.get()).isEqualTo(ExitCode.OK);
  }

  @Test
  void refusesARetentionOutsideSevenToNinetyDays() {
    Cli.Result result = Cli.run("serve", "--data", dir.toString(), "--retention-days", "5");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("7 to 90");
  }

  private static void await(BooleanSupplier condition, Thread server) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      if (!server.isAlive()) {
        throw new AssertionError("serve ended early");
      }
      Thread.sleep(250);
    }
    throw new AssertionError("condition not met within 90 s");
  }
}
