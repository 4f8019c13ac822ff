package dev.keybridge.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import dev.keybridge.keystore.key.VaultEcPrivateKey;
import dev.keybridge.keystore.key.VaultKey;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One loaded KeyStore shared by 32 threads. */
class KeyStoreConcurrencyTest {
  private static final int THREADS = 32;
  private static final int KEYS = 8;

  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  @BeforeAll
  static void createKeys() {
    KeyClient keys = VAULT.sdk().keyClient();
    for (int i = 0; i < KEYS; i++) {
      keys.createEcKey(new CreateEcKeyOptions("k" + i).setCurveName(KeyCurveName.P_256));
    }
  }

  @Test
  void thirtyTwoThreadsGettingOneKeyShareOneRequestAndOneHandle() throws Exception {
    KeyStore store = VaultKeyStores.open(VAULT.vault());
    long mark = VAULT.accessLog().mark();

    List<Key> keys = runConcurrently(i -> store.getKey("k0", null));

    assertThat(new HashSet<>(keys)).hasSize(1);
    assertThat(keys.get(0)).isInstanceOf(VaultEcPrivateKey.class);
    assertThat(VaultKeyStores.count(VAULT, mark, "GET", "/keys/k0/")).isEqualTo(1);
  }

  @Test
  void thirtyTwoThreadsOverEightAliasesMixingReadsGetEveryKeyOnce() throws Exception {
    KeyStore store = VaultKeyStores.open(VAULT.vault());
    long mark = VAULT.accessLog().mark();

    List<Key> keys =
        runConcurrently(
            i -> {
              String alias = "k" + (i % KEYS);
              assertThat(store.containsAlias(alias)).isTrue();
              assertThat(store.getCertificate(alias)).isNull();
              Key key = store.getKey(alias, null);
              assertThat(((VaultKey) key).name()).isEqualTo(alias);
              return key;
            });

    Set<String> ids = new HashSet<>();
    keys.forEach(k -> ids.add(((VaultKey) k).keyId()));
    assertThat(ids).hasSize(KEYS);
    assertThat(VaultKeyStores.count(VAULT, mark, "GET", "/keys/k[0-9]/")).isEqualTo(KEYS);
  }

  private interface Task {
    Key run(int index) throws Exception;
  }

  private static List<Key> runConcurrently(Task task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CyclicBarrier start = new CyclicBarrier(THREADS);
    try {
      List<Future<Key>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  return task.run(index);
                }));
      }
      List<Key> results = new ArrayList<>();
      for (Future<Key> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
