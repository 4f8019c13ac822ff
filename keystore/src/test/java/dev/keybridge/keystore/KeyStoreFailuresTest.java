package dev.keybridge.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import dev.keybridge.localvault.http.RequestInterceptor;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.MutableClock;
import dev.keybridge.management.KeyVaultErrors;
import dev.keybridge.management.KeyVaultException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.ProviderException;
import java.security.UnrecoverableKeyException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A vault that stops answering: every KeyStore call says so, none returns null or empty. */
class KeyStoreFailuresTest {
  // One vault per test method: each test stops it.
  @RegisterExtension final LocalVaultExtension vault = LocalVaultExtension.create();

  @Test
  void readsAgainstAStoppedVaultFailWithVaultUnreachable() throws Exception {
    vault
        .sdk()
        .keyClient()
        .createEcKey(new CreateEcKeyOptions("k1").setCurveName(KeyCurveName.P_256));
    MutableClock clock = new MutableClock();
    KeyStore store =
        VaultKeyStores.open(
            KeyVaultLoadStoreParameter.builder(VaultKeyStores.config(vault.vault()))
                .cacheTtl(Duration.ofMinutes(5))
                .clock(clock)
                .build());

    vault.vault().close();

    assertThatThrownBy(() -> store.getKey("k1", null))
        .isInstanceOf(UnrecoverableKeyException.class)
        .hasMessageContaining("getKey on 'k1' failed: " + KeyVaultErrors.VAULT_UNREACHABLE)
        .cause()
        .isInstanceOf(KeyVaultException.class);
    assertThatThrownBy(() -> store.containsAlias("k1/0123456789abcdef0123456789abcdef"))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining(KeyVaultErrors.VAULT_UNREACHABLE);
    assertThatThrownBy(() -> store.deleteEntry("k1"))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("deleteKey on 'k1' failed: " + KeyVaultErrors.VAULT_UNREACHABLE);
    // The listing is still fresh: answered without the vault.
    assertThat(store.containsAlias("k1")).isTrue();

    clock.advance(Duration.ofMinutes(5));
    assertThatThrownBy(store::size)
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("listKeys failed: " + KeyVaultErrors.VAULT_UNREACHABLE);
    assertThatThrownBy(store::aliases).isInstanceOf(ProviderException.class);
  }

  @Test
  void aRefusedKeyGetIsAnUnrecoverableKeyExceptionWithTheVaultErrorCode() throws Exception {
    vault
        .sdk()
        .keyClient()
        .createEcKey(new CreateEcKeyOptions("k1").setCurveName(KeyCurveName.P_256));
    KeyStore store = VaultKeyStores.open(vault.vault());
    vault
        .vault()
        .addInterceptor(
            new RequestInterceptor() {
              @Override
              public VaultResponse beforeHandling(VaultRequest request) {
                return request.method().equals("GET") && request.path().startsWith("/keys/k1")
                    ? VaultResponse.error(403, "Forbidden", "ForbiddenByRbac", "injected refusal")
                    : null;
              }
            });

    assertThatThrownBy(() -> store.getKey("k1", null))
        .isInstanceOf(UnrecoverableKeyException.class)
        .hasMessage(
            "getKey on 'k1' failed: Forbidden/ForbiddenByRbac (HTTP 403): injected refusal");
  }

  @Test
  void aKeyDeletedSinceTheListingIsAbsentNotAnError() throws Exception {
    vault
        .sdk()
        .keyClient()
        .createEcKey(new CreateEcKeyOptions("k1").setCurveName(KeyCurveName.P_256));
    KeyStore store = VaultKeyStores.open(vault.vault());
    vault.sdk().keyClient().beginDeleteKey("k1").waitForCompletion();

    assertThat(store.getKey("k1", null)).isNull();
    assertThat(store.getEntry("k1", null)).isNull();
  }

  @Test
  void loadingAStoppedVaultFailsWithAnIoException() {
    var config = VaultKeyStores.config(vault.vault());
    vault.vault().close();

    assertThatThrownBy(() -> VaultKeyStores.open(KeyVaultLoadStoreParameter.of(config)))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("listKeys failed: " + KeyVaultErrors.VAULT_UNREACHABLE);
  }
}
