package dev.keybridge.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.keybridge.localvault.Flavor;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /rng through the sync and async facades and VaultCrypto (a Managed HSM feature). */
class RandomBytesTest {
  @RegisterExtension
  static final LocalVaultExtension HSM = LocalVaultExtension.create().flavor(Flavor.MANAGED_HSM);

  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  @Test
  void managedHsmServesRandomBytes() throws Exception {
    KeyVaultManager manager = new KeyVaultManager(VaultFixtures.adminConfig(HSM.vault()));
    byte[] a = manager.getRandomBytes(32);
    byte[] b =
        new KeyVaultAsyncManager(manager.clients()).getRandomBytes(32).get(30, TimeUnit.SECONDS);
    byte[] c = manager.clients().crypto().randomBytes(128);
    assertThat(a).hasSize(32).isNotEqualTo(b);
    assertThat(c).hasSize(128);
    assertThatThrownBy(() -> manager.getRandomBytes(129))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aVaultRefusesRandomBytes() {
    KeyVaultManager manager = new KeyVaultManager(VaultFixtures.adminConfig(VAULT.vault()));
    Throwable sync = catchThrowable(() -> manager.getRandomBytes(8));
    assertThat(sync).isInstanceOf(KeyVaultException.class);
    assertThat(((KeyVaultException) sync).errorCode()).isEqualTo("BadParameter");
    assertThat(((KeyVaultException) sync).operation()).isEqualTo("getRandomBytes");
    Throwable async =
        catchThrowable(
            () ->
                new KeyVaultAsyncManager(manager.clients())
                    .getRandomBytes(8)
                    .get(30, TimeUnit.SECONDS));
    assertThat(async)
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(KeyVaultException.class);
    Throwable crypto = catchThrowable(() -> manager.clients().crypto().randomBytes(8));
    assertThat(((KeyVaultException) crypto).statusCode()).isEqualTo(400);
  }
}
