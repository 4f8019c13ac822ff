package dev.keybridge.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyProperties;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Load and every listing question over 120 keys cost the list pages and nothing more. */
class KeyStoreListingTest {
  private static final int KEYS = 120;

  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final Map<String, Date> CREATED = new HashMap<>();

  @BeforeAll
  static void createKeys() {
    KeyClient keys = VAULT.sdk().keyClient();
    for (int i = 0; i < KEYS; i++) {
      keys.createEcKey(
          new CreateEcKeyOptions(String.format("key-%03d", i)).setCurveName(KeyCurveName.P_256));
    }
    for (KeyProperties key : keys.listPropertiesOfKeys()) {
      CREATED.put(key.getName(), Date.from(key.getCreatedOn().toInstant()));
    }
  }

  @Test
  void loadAndAliasesCostOnlyTheListPages() throws Exception {
    long mark = VAULT.accessLog().mark();

    KeyStore store = VaultKeyStores.open(VAULT.vault());
    List<String> aliases = Collections.list(store.aliases());

    assertThat(aliases).hasSize(KEYS).contains("key-000", "key-119");
    int keyPages = (KEYS + 24) / 25;
    assertThat(VaultKeyStores.count(VAULT, mark, "GET", "/keys")).isEqualTo(keyPages);
    assertThat(VaultKeyStores.count(VAULT, mark, "GET", "/keys/.+")).isZero();
    // No certificates: one (empty, or 404 while the vault has no certificate API) page.
    assertThat(VaultKeyStores.count(VAULT, mark, "GET", "/certificates")).isEqualTo(1);
    assertThat(VaultKeyStores.vaultRequests(VAULT, mark)).hasSize(keyPages + 1);
  }

  @Test
  void listingQuestionsAreAnsweredWithoutRequests() throws Exception {
    KeyStore store = VaultKeyStores.open(VAULT.vault());
    long mark = VAULT.accessLog().mark();

    assertThat(store.size()).isEqualTo(KEYS);
    for (String alias : CREATED.keySet()) {
      assertThat(store.containsAlias(alias)).isTrue();
      assertThat(store.isKeyEntry(alias)).isTrue();
      assertThat(store.isCertificateEntry(alias)).isFalse();
      assertThat(store.getCreationDate(alias)).isEqualTo(CREATED.get(alias));
      assertThat(store.getCertificate(alias)).isNull();
    }
    assertThat(store.containsAlias("KEY-007")).isTrue();
    assertThat(store.containsAlias("no-such-key")).isFalse();
    assertThat(store.getKey("no-such-key", null)).isNull();
    assertThat(store.getCreationDate("not a name")).isNull();

    assertThat(VaultKeyStores.vaultRequests(VAULT, mark)).isEmpty();
  }
}
