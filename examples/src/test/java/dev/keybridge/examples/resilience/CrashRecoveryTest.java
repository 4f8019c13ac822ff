package dev.keybridge.examples.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.keys.models.KeyCurveName;
import dev.keybridge.examples.JdkTools;
import dev.keybridge.management.KeyVaultManager;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.management.keys.KeyOptions;
import dev.keybridge.management.keys.KeyUpdate;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local vault killed with SIGKILL while concurrent writers create, import, rotate and re-tag
 * keys, then restarted on the same folder and port: every write the vault acknowledged is there and
 * usable, and SQLite's {@code PRAGMA integrity_check} passes after every kill. CI size: {@value
 * #CI_KILLS} kills; the harness ({@code scripts/resilience.sh}) runs 20.
 */
class CrashRecoveryTest {
  static final int CI_KILLS = 5;
  private static final int KILLS = Integer.getInteger("keybridge.crash.kills", CI_KILLS);
  private static final int WRITERS = 4;

  @TempDir Path dir;

  /** An acknowledged key: its versions and the highest acknowledged value of tag {@code n}. */
  private record Acked(List<String> versions, long tag) {}

  private final Map<String, Acked> acked = new ConcurrentHashMap<>();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong unacknowledged = new AtomicLong();

  @Test
  void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
    Path data = dir.resolve("vault");
    int port = freePort();
    Process vault = serve(data, port);
    KeyVaultConfig config = KeyVaultConfig.fromProperties(data.resolve("keybridge.properties"));
    KeyVaultManager manager = new KeyVaultManager(config);
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      Thread thread = new Thread(() -> write(manager, writer, running), "writer-" + w);
      thread.start();
      writers.add(thread);
    }
    try {
      for (int kill = 1; kill <= KILLS; kill++) {
        awaitWrites(acknowledged.get() + 2L * WRITERS);
        Thread.sleep(ThreadLocalRandom.current().nextLong(0, 300)); // mid-write, at a random time
        vault.destroyForcibly(); // SIGKILL
        assertThat(vault.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(vault.exitValue()).as("killed by signal 9").isEqualTo(137);
        assertThat(integrityCheck(data)).as("after kill %d", kill).isEqualTo("ok");
        vault = serve(data, port);
      }
      Thread.sleep(500);
    } finally {
      running.set(false);
      for (Thread thread : writers) {
        thread.join(60_000);
      }
    }
    try {
      verifyEveryAcknowledgedWrite(manager);
    } finally {
      vault.destroy(); // SIGTERM: the shutdown hook stops the vault
      vault.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(integrityCheck(data)).isEqualTo("ok");
    System.out.println(
        "crash: kills="
            + KILLS
            + " acknowledged writes="
            + acknowledged.get()
            + " unacknowledged (failed while down)="
            + unacknowledged.get()
            + " lost writes=0 keys="
            + acked.size());
  }

  /** One writer: its own keys, so its acknowledged tags are the latest it sent. */
  private void write(KeyVaultManager manager, int writer, AtomicBoolean running) {
    long counter = 0;
    while (running.get()) {
      counter++;
      String name = "crash-w" + writer + "-k" + (counter % 6);
      try {
        Acked known = acked.get(name);
        int op = known == null ? (int) (counter % 2) : ThreadLocalRandom.current().nextInt(4);
        switch (op) {
          case 0 -> record(name, manager.createEcKey(name, KeyCurveName.P_256, options(counter)));
          case 1 -> {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            record(name, manager.importKey(name, generator.generateKeyPair(), options(counter)));
          }
          case 2 -> record(name, manager.rotateKey(name));
          default -> {
            var updated =
                manager.updateKeyProperties(
                    name,
                    null,
                    KeyUpdate.builder().tags(Map.of("n", Long.toString(counter))).build());
            long sent = counter;
            acked.computeIfPresent(
                name, (n, a) -> new Acked(a.versions(), Math.max(a.tag(), sent)));
            assertThat(updated.name()).isEqualTo(name);
          }
        }
        acknowledged.incrementAndGet();
      } catch (RuntimeException | java.security.GeneralSecurityException e) {
        unacknowledged.incrementAndGet(); // the vault was down or died mid-request
      }
    }
  }

  /**
   * Waits until the writers have {@code count} acknowledged writes: they run against this vault.
   */
  private void awaitWrites(long count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (acknowledged.get() < count) {
      assertThat(System.nanoTime()).as("writers make progress").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static KeyOptions options(long counter) {
    return KeyOptions.builder().tag("n", Long.toString(counter)).build();
  }

  private void record(String name, Object key) {
    var vaultKey = (dev.keybridge.management.keys.KeyBundle) key;
    long tag = Long.parseLong(vaultKey.properties().getTags().getOrDefault("n", "0"));
    acked.merge(
        name,
        new Acked(List.of(vaultKey.version()), tag),
        (old, added) -> {
          List<String> versions = new ArrayList<>(old.versions());
          versions.addAll(added.versions());
          return new Acked(versions, Math.max(old.tag(), added.tag()));
        });
  }

  private void verifyEveryAcknowledgedWrite(KeyVaultManager manager) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(new byte[] {42});
    assertThat(acked).as("writes were acknowledged").isNotEmpty();
    for (Map.Entry<String, Acked> entry : acked.entrySet()) {
      String name = entry.getKey();
      for (String version : entry.getValue().versions()) {
        var key = manager.getKey(name, version);
        assertThat(key.version()).isEqualTo(version);
        byte[] signature = manager.clients().crypto().sign(key.id(), "ES256", digest);
        PublicKey publicKey = key.publicKey().orElseThrow();
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format", "SunEC");
        verifier.initVerify(publicKey);
        verifier.update(new byte[] {42});
        assertThat(verifier.verify(signature)).as(name + "/" + version + " signs").isTrue();
      }
      var latest = manager.getKey(name);
      long stored = Long.parseLong(latest.properties().getTags().getOrDefault("n", "0"));
      assertThat(stored).as("tag n of " + name).isGreaterThanOrEqualTo(entry.getValue().tag());
    }
  }

  private static String integrityCheck(Path data) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("vault.db"));
        ResultSet result = db.createStatement().executeQuery("PRAGMA integrity_check")) {
      return result.next() ? result.getString(1) : "no answer";
    }
  }

  /** {@code keybridge serve} as a child process, once it listens. */
  private Process serve(Path data, int port) throws Exception {
    Path output = Files.createTempFile(dir, "serve-", ".log");
    Process process =
        new ProcessBuilder(
                JdkTools.java(),
                "-jar",
                JdkTools.cliJar().toString(),
                "serve",
                "--data",
                data.toString(),
                "--port",
                Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      String printed = Files.readString(output);
      if (printed.contains("Press Ctrl-C to stop.")) {
        return process;
      }
      if (!process.isAlive()) {
        throw new AssertionError("serve exited: " + printed);
      }
      Thread.sleep(100);
    }
    process.destroyForcibly();
    throw new AssertionError("serve did not start: " + Files.readString(output));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
