package dev.keybridge.management.http;

import static dev.keybridge.management.VaultFixtures.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.security.keyvault.keys.models.KeyCurveName;
import dev.keybridge.localvault.LocalVault;
import dev.keybridge.localvault.network.FaultRates;
import dev.keybridge.localvault.network.NetworkConditions;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.management.KeyVaultClients;
import dev.keybridge.management.KeyVaultErrors;
import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.KeyVaultManager;
import dev.keybridge.management.VaultFixtures;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.management.keys.KeyOptions;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * What the one pipeline retries, what it never retries, and the deadline of each operation, against
 * real local vaults over HTTPS: a vault that is down, one that stalls, one that always fails or
 * throttles, an untrusted certificate and a host that does not exist.
 */
// JVM-wide measures (heap, threads, time limits): alone, not beside other test classes
@Isolated
class FailuresAndDeadlinesTest {
  /** Failed operations of the leak check; the harness runs 10,000 (docs/failures.md). */
  private static final int FAILED_OPERATIONS =
      Integer.getInteger("keybridge.failures.operations", 300);

  @TempDir Path dir;

  private LocalVault start(String name, NetworkConditions network) {
    return LocalVault.builder().dataDir(dir.resolve(name)).network(network).build().start();
  }

  /** The configuration of a vault that was started once and is stopped now: nothing listens. */
  private KeyVaultConfig stoppedVault() {
    try (LocalVault vault = start("stopped", NetworkConditions.NONE)) {
      return VaultFixtures.adminConfig(vault);
    }
  }

  @Test
  void vaultDownFailsWithinTheConnectWindowNamingTheUrl() {
    KeyVaultConfig config = stoppedVault();
    KeyVaultManager manager = new KeyVaultManager(config);
    long start = System.nanoTime();
    KeyVaultException failure =
        catchThrowableOfType(() -> manager.getKey("any"), KeyVaultException.class);
    Duration took = since(start);

    assertThat(took)
        .as("default settings: refused connections retried for 1 s")
        .isLessThan(Duration.ofSeconds(3));
    assertThat(failure.errorCode()).isEqualTo(KeyVaultErrors.VAULT_UNREACHABLE);
    assertThat(failure.getMessage())
        .contains("GET " + config.vaultUrl() + "/keys/any")
        .contains("connection refused")
        .doesNotContain("ConnectException")
        .contains("gave up");
    VaultUnreachableException cause = find(failure, VaultUnreachableException.class);
    assertThat(cause.attempts()).as("refused connections are retried").isGreaterThanOrEqualTo(2);
  }

  @Test
  void aStalledResponseEndsAtTheDeadlineAndReleasesTheCaller() throws Exception {
    try (LocalVault vault =
        start(
            "stall",
            NetworkConditions.NONE
                .withFaults(FaultRates.parse("stall=100%"))
                .withStall(Duration.ofSeconds(5))
                .withFaultsSkipAuth(true))) {
      KeyVaultConfig config =
          VaultFixtures.adminConfig(vault).toBuilder()
              .operationTimeout(Duration.ofMillis(1500))
              .build();
      KeyVaultClients clients = KeyVaultClients.of(config);
      assertDeadline(config, () -> new KeyVaultManager(clients).getKey("stalled"), "GET");
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(new byte[1]);
      String keyId = config.vaultUrl() + "/keys/stalled/0123456789abcdef0123456789abcdef";
      assertDeadline(config, () -> clients.crypto().sign(keyId, "ES256", digest), "POST");
      assertDeadline(
          config,
          () ->
              KeyVaultErrors.translate(
                  catchThrowableOfType(
                      () -> clients.keysAsync().getKey("stalled-async").block(),
                      RuntimeException.class),
                  "getKey",
                  "stalled-async"),
          "GET");
    }
  }

  private static void assertDeadline(KeyVaultConfig config, Supplier<?> operation, String method) {
    long start = System.nanoTime();
    Object result;
    try {
      result = operation.get();
    } catch (KeyVaultException e) {
      result = e;
    }
    Duration took = since(start);
    assertThat(result).isInstanceOf(KeyVaultException.class);
    KeyVaultException failure = (KeyVaultException) result;
    assertThat(failure.errorCode()).isEqualTo(KeyVaultErrors.DEADLINE_EXCEEDED);
    assertThat(failure.getMessage())
        .contains(method + " " + config.vaultUrl() + "/keys/stalled")
        .contains(
            "no answer within the deadline of 1.50 s (keybridge.http.timeout) after 1 attempt")
        .contains("last cause:");
    assertThat(took)
        .isGreaterThanOrEqualTo(Duration.ofMillis(1400))
        .isLessThan(Duration.ofSeconds(4));
    assertThat(find(failure, VaultDeadlineExceededException.class)).isNotNull();
  }

  @Test
  void anUntrustedCertificateFailsAtOnceWithoutRetry() {
    try (LocalVault vault = start("untrusted", NetworkConditions.NONE)) {
      KeyVaultConfig config =
          VaultFixtures.adminConfig(vault).toBuilder().trustCaFile(null).build();
      KeyVaultManager manager = new KeyVaultManager(config);
      long start = System.nanoTime();
      KeyVaultException failure =
          catchThrowableOfType(() -> manager.getKey("any"), KeyVaultException.class);
      assertThat(since(start)).isLessThan(Duration.ofSeconds(1));
      assertThat(failure.errorCode()).isEqualTo(KeyVaultErrors.VAULT_UNREACHABLE);
      assertThat(failure.getMessage())
          .contains("GET " + config.vaultUrl() + "/keys/any")
          .contains("not retried; 1 attempt");
    }
  }

  @Test
  void anUnknownHostFailsAtOnceWithoutRetry() {
    KeyVaultConfig config =
        KeyVaultConfig.builder()
            .vaultUrl("https://keybridge-no-such-vault.invalid")
            .token("not-a-real-token")
            .build();
    KeyVaultManager manager = new KeyVaultManager(config);
    long start = System.nanoTime();
    KeyVaultException failure =
        catchThrowableOfType(() -> manager.getKey("any"), KeyVaultException.class);
    assertThat(since(start)).isLessThan(Duration.ofSeconds(1));
    assertThat(failure.errorCode()).isEqualTo(KeyVaultErrors.VAULT_UNREACHABLE);
    assertThat(failure.getMessage())
        .contains("GET https://keybridge-no-such-vault.invalid/keys/any")
        .contains("unknown host")
        .doesNotContain("UnknownHostException")
        .contains("not retried; 1 attempt");
  }

  @Test
  void clientErrorsAreNeverRetried() {
    try (LocalVault vault = start("notfound", NetworkConditions.NONE)) {
      KeyVaultManager manager = new KeyVaultManager(VaultFixtures.adminConfig(vault));
      String existing = name("dup");
      manager.createEcKey(existing, KeyCurveName.P_256, KeyOptions.defaults());
      AccessLog log = AccessLog.of(vault);
      long mark = log.mark();
      long start = System.nanoTime();
      KeyVaultException notFound =
          catchThrowableOfType(() -> manager.getKey("nope"), KeyVaultException.class);
      assertThat(since(start)).isLessThan(Duration.ofSeconds(1));
      assertThat(notFound.statusCode()).isEqualTo(404);
      assertThat(log.count(mark, "GET", "/keys/nope/?")).isEqualTo(1);
      var key = manager.getKey(existing);
      manager.updateKeyProperties(
          existing, null, dev.keybridge.management.keys.KeyUpdate.builder().enabled(false).build());
      byte[] digest = new byte[32];
      long signMark = log.mark();
      KeyVaultException forbidden =
          catchThrowableOfType(
              () -> manager.clients().crypto().sign(key.id(), "ES256", digest),
              KeyVaultException.class);
      assertThat(forbidden.statusCode()).as(String.valueOf(forbidden)).isEqualTo(403);
      assertThat(forbidden.innerErrorCode()).isEqualTo("KeyDisabled");
      assertThat(log.count(signMark, "POST", "/keys/" + existing + "/.*/sign")).isEqualTo(1);
    }
  }

  @Test
  void serverFailuresAreRetriedUpToMaxRetriesThenReported() {
    try (LocalVault vault =
        start(
            "always503",
            NetworkConditions.NONE
                .withFaults(FaultRates.parse("503=100%"))
                .withFaultsSkipAuth(true))) {
      KeyVaultConfig config =
          VaultFixtures.adminConfig(vault).toBuilder()
              .maxRetries(2)
              .retryDelays(Duration.ofMillis(20), Duration.ofMillis(50))
              .build();
      AccessLog log = AccessLog.of(vault);
      long mark = log.mark();
      KeyVaultException failure =
          catchThrowableOfType(
              () -> new KeyVaultManager(config).getKey("k503"), KeyVaultException.class);
      assertThat(failure.statusCode()).isEqualTo(503);
      assertThat(failure.errorCode()).isEqualTo("ServiceUnavailable");
      assertThat(log.count(mark, "GET", "/keys/k503/?")).as("1 attempt + 2 retries").isEqualTo(3);
    }
  }

  @Test
  void retryAfterIsHonouredAndCappedByMaxDelay() {
    try (LocalVault vault =
        start(
            "always429",
            NetworkConditions.NONE
                .withFaults(FaultRates.parse("429=100%"))
                .withRetryAfter(Duration.ofSeconds(1))
                .withFaultsSkipAuth(true))) {
      KeyVaultConfig honoured = VaultFixtures.adminConfig(vault).toBuilder().maxRetries(1).build();
      long start = System.nanoTime();
      KeyVaultException throttled =
          catchThrowableOfType(
              () -> new KeyVaultManager(honoured).getKey("k429"), KeyVaultException.class);
      assertThat(throttled.statusCode()).isEqualTo(429);
      assertThat(throttled.errorCode()).isEqualTo("Throttled");
      assertThat(since(start))
          .as("waited Retry-After: 1")
          .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }
    try (LocalVault vault =
        start(
            "slow429",
            NetworkConditions.NONE
                .withFaults(FaultRates.parse("429=100%"))
                .withRetryAfter(Duration.ofSeconds(60))
                .withFaultsSkipAuth(true))) {
      KeyVaultConfig capped =
          VaultFixtures.adminConfig(vault).toBuilder()
              .maxRetries(2)
              .retryDelays(Duration.ofMillis(100), Duration.ofMillis(200))
              .build();
      AccessLog log = AccessLog.of(vault);
      long mark = log.mark();
      long start = System.nanoTime();
      KeyVaultException throttled =
          catchThrowableOfType(
              () -> new KeyVaultManager(capped).getKey("k429"), KeyVaultException.class);
      assertThat(throttled.statusCode()).isEqualTo(429);
      assertThat(since(start))
          .as("Retry-After: 60 capped at 200 ms")
          .isLessThan(Duration.ofSeconds(10));
      assertThat(log.count(mark, "GET", "/keys/k429/?")).isEqualTo(3);
    }
  }

  @Test
  void occasionalFaultsAreAbsorbed() throws Exception {
    try (LocalVault vault =
        start(
            "faulty",
            NetworkConditions.NONE.withFaults(
                FaultRates.parse("503=20%,429=10%,500=5%,reset=5%")))) {
      KeyVaultConfig config =
          VaultFixtures.adminConfig(vault).toBuilder()
              .maxRetries(8)
              .retryDelays(Duration.ofMillis(10), Duration.ofMillis(100))
              .build();
      KeyVaultManager manager = new KeyVaultManager(config);
      var key = manager.createEcKey(name("absorb"), KeyCurveName.P_256, KeyOptions.defaults());
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(new byte[] {1});
      for (int i = 0; i < 40; i++) {
        byte[] signature = manager.clients().crypto().sign(key.id(), "ES256", digest);
        assertThat(signature).hasSize(64);
        assertThat(manager.getKey(key.name()).id()).isEqualTo(key.id());
      }
    }
  }

  @Test
  void failedOperationsLeaveNoThreadsOrConnectionsBehind() {
    KeyVaultConfig config =
        stoppedVault().toBuilder().connectRetryWindow(Duration.ZERO).maxRetries(0).build();
    KeyVaultManager manager = new KeyVaultManager(config);
    OkHttpClient okHttp = manager.clients().okHttpClient();
    for (int i = 0; i < 20; i++) {
      catchThrowableOfType(() -> manager.getKey("warm-up"), KeyVaultException.class);
    }
    int threadsBefore = Thread.activeCount();
    long heapBefore = usedHeap();
    for (int i = 0; i < FAILED_OPERATIONS; i++) {
      String name = "down-" + (i % 10);
      KeyVaultException failure =
          catchThrowableOfType(() -> manager.getKey(name), KeyVaultException.class);
      assertThat(failure.errorCode()).isEqualTo(KeyVaultErrors.VAULT_UNREACHABLE);
    }
    long heapGrowth = usedHeap() - heapBefore;
    System.out.println(
        "failures: failed operations="
            + FAILED_OPERATIONS
            + " new threads="
            + (Thread.activeCount() - threadsBefore)
            + " pooled connections="
            + okHttp.connectionPool().connectionCount()
            + " heap growth="
            + (heapGrowth >> 10)
            + " KiB");
    assertThat(Thread.activeCount() - threadsBefore).as("new threads").isLessThan(8);
    assertThat(okHttp.dispatcher().runningCallsCount()).isZero();
    assertThat(okHttp.dispatcher().queuedCallsCount()).isZero();
    assertThat(okHttp.connectionPool().connectionCount()).isZero();
    assertThat(heapGrowth).as("heap growth").isLessThan(64L << 20);
  }

  private static long usedHeap() {
    System.gc();
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in " + failure);
  }
}
