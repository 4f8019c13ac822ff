package dev.keybridge.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.management.KeyVaultClients;
import java.io.InputStream;
import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 8: KeyStore loads whose password is a new bearer token each time (hourly tokens in a
 * long-running server) share one connection: the token is a credential of its own, never part of a
 * pool key, and is dropped with its KeyStore.
 */
class KeyStoreClientLifetimeTest {
  private static final int LOADS = 1_000;
  private static final int MAX_CONNECTIONS = 4;

  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  @Test
  void aThousandLoadsWithAThousandTokensLeaveOnePoolAndReleaseItAfterwards() throws Exception {
    VAULT
        .sdk()
        .keyClient()
        .createEcKey(new CreateEcKeyOptions("lifetime").setCurveName(KeyCurveName.P_256));
    URI url = VAULT.vault().url();
    assertThat(KeyVaultClients.openConnections(url)).isZero();
    AccessLog log = VAULT.accessLog();
    long mark = log.mark();

    List<KeyStore> stores = new ArrayList<>();
    Set<String> tokens = new HashSet<>();
    List<String> fresh = new ArrayList<>();
    for (int i = 0; i < LOADS; i++) {
      fresh.add(VAULT.vault().issueAdminToken());
    }
    for (String token : fresh) {
      tokens.add(token);
      KeyStore store = KeyStore.getInstance("AzureKeyVault", VaultKeyStores.PROVIDER);
      store.load(tokenProperties(), token.toCharArray());
      stores.add(store);
    }
    assertThat(tokens).as("every load had its own token").hasSize(LOADS);
    assertThat(Collections.list(stores.get(LOADS - 1).aliases())).containsExactly("lifetime");

    assertThat(KeyVaultClients.openConnections(url))
        .as("one connection (one okhttp client and pool) for all loads")
        .isEqualTo(1);
    assertThat(KeyVaultClients.openClientSets(url))
        .as("each open KeyStore holds its own token's clients")
        .isEqualTo(LOADS);
    Set<String> vaultConnections = new HashSet<>();
    for (AccessLog.Entry entry : log.since(mark)) {
      if (entry.path().startsWith("/keys") || entry.path().startsWith("/certificates")) {
        vaultConnections.add(entry.conn());
      }
    }
    assertThat(vaultConnections)
        .as("%d listings went over at most the pool's %d TCP connections", LOADS, MAX_CONNECTIONS)
        .hasSizeBetween(1, MAX_CONNECTIONS);

    // The KeyStores go away: their tokens and clients are released, and with the last one the
    // connection is shut down. (Released by a Cleaner after garbage collection: polled.)
    stores.clear();
    awaitDown(() -> KeyVaultClients.openClientSets(url), 0);
    awaitDown(() -> KeyVaultClients.openConnections(url), 0);
    assertThat(KeyVaultClients.openClientSets(url)).isZero();
    assertThat(KeyVaultClients.openConnections(url)).isZero();
  }

  private static void awaitDown(IntSupplier count, int target) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (count.getAsInt() > target && Instant.now().isBefore(deadline)) {
      System.gc();
      Thread.sleep(100);
    }
  }

  private static InputStream tokenProperties() {
    return VaultKeyStores.tokenProperties(
        VAULT, "keybridge.http.max-connections=" + MAX_CONNECTIONS + "\n");
  }
}
