package dev.keybridge.management;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.management.crypto.VaultCrypto;
import dev.keybridge.management.keys.KeyBundle;
import dev.keybridge.management.keys.KeyOptions;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #3 acceptance 3: 32 threads signing through one configuration share its one HTTP client:
 * all succeed and the vault sees no more TCP connections for them than the configured pool.
 */
class SharedConnectionPoolTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final int THREADS = 32;
  private static final int SIGNATURES_PER_THREAD = 8;
  private static final int POOL = 4;

  @Test
  void thirtyTwoThreadsUseAtMostThePool() throws Exception {
    KeyVaultConfig config =
        VaultFixtures.adminConfig(VAULT.vault()).toBuilder().maxConnections(POOL).build();
    KeyVaultClients clients = KeyVaultClients.of(config);
    KeyVaultClients again =
        KeyVaultClients.of(
            VaultFixtures.adminConfig(VAULT.vault()).toBuilder().maxConnections(POOL).build());
    assertThat(again.keys())
        .as("equal configurations share one set of clients")
        .isSameAs(clients.keys());
    assertThat(again.okHttpClient()).isSameAs(clients.okHttpClient());
    assertThat(clients.okHttpClient().dispatcher().getMaxRequestsPerHost()).isEqualTo(POOL);

    KeyBundle key =
        new KeyVaultManager(clients)
            .createEcKey(
                VaultFixtures.name("pool"),
                com.azure.security.keyvault.keys.models.KeyCurveName.P_256,
                KeyOptions.defaults());
    VaultCrypto crypto = clients.crypto();
    byte[] message = "concurrent".getBytes();
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(message);

    AccessLog log = VAULT.accessLog();
    long mark = log.mark();
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<byte[]>>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      results.add(
          threads.submit(
              () -> {
                start.await();
                List<byte[]> signatures = new ArrayList<>();
                for (int i = 0; i < SIGNATURES_PER_THREAD; i++) {
                  signatures.add(crypto.sign(key.id(), "ES256", digest));
                }
                return signatures;
              }));
    }
    start.countDown();
    threads.shutdown();
    assertThat(threads.awaitTermination(120, TimeUnit.SECONDS)).isTrue();

    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    for (Future<List<byte[]>> result : results) {
      for (byte[] signature : result.get()) {
        verifier.initVerify(key.publicKey().orElseThrow());
        verifier.update(message);
        assertThat(verifier.verify(signature)).isTrue();
      }
    }
    List<AccessLog.Entry> signs =
        log.since(mark).stream()
            .filter(e -> e.path().endsWith("/sign"))
            .collect(Collectors.toList());
    assertThat(signs.stream().filter(e -> e.status() == 200))
        .hasSize(THREADS * SIGNATURES_PER_THREAD);
    // Besides the successes, only the challenge protocol's unauthenticated first requests (401,
    // no client) may appear: one per thread at most, before the challenge is cached.
    List<AccessLog.Entry> others = signs.stream().filter(e -> e.status() != 200).toList();
    assertThat(others)
        .allMatch(e -> e.status() == 401 && e.client() == null, "only challenge probes");
    assertThat(others).hasSizeLessThanOrEqualTo(THREADS);
    // Every request of this configuration (token requests included) shares the pool.
    Set<String> connections =
        log.since(mark).stream().map(AccessLog.Entry::conn).collect(Collectors.toSet());
    assertThat(connections).hasSizeBetween(1, POOL);
  }
}
