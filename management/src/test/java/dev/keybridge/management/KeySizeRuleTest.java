package dev.keybridge.management;

import static dev.keybridge.management.VaultFixtures.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.security.keyvault.keys.models.CreateOctKeyOptions;
import dev.keybridge.localvault.Flavor;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.management.keys.KeyBundle;
import dev.keybridge.management.keys.KeyOptions;
import dev.keybridge.management.keys.KeySizes;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sync and the async facade read a key's size by the same rule ({@link KeySizes}): an oct-HSM
 * key made by another tool (the plain SDK, so without keybridge's size tag) is known only from
 * {@code attributes.key_size}, which the SDK model drops.
 */
class KeySizeRuleTest {
  @RegisterExtension
  static final LocalVaultExtension HSM = LocalVaultExtension.create().flavor(Flavor.MANAGED_HSM);

  private static KeyVaultManager sync;
  private static KeyVaultAsyncManager async;

  @BeforeAll
  static void managers() {
    sync = new KeyVaultManager(VaultFixtures.adminConfig(HSM.vault()));
    async = new KeyVaultAsyncManager(sync.clients());
  }

  @Test
  void anUntaggedOctKeysSizeComesFromTheVaultsReportBothWays() throws Exception {
    String name = name("sdk-aes128");
    sync.clients()
        .keys()
        .createOctKey(new CreateOctKeyOptions(name).setKeySize(128).setHardwareProtected(true));

    KeyBundle viaSync = sync.getKey(name);
    KeyBundle viaAsync = async.getKey(name).get(60, TimeUnit.SECONDS);
    KeyBundle byVersion =
        async.getKey(name, viaSync.properties().getVersion()).get(60, TimeUnit.SECONDS);

    Map<String, String> tags = viaSync.properties().getTags();
    assertThat(tags == null ? Map.of() : tags).doesNotContainKey(KeySizes.TAG);
    assertThat(viaSync.reportedKeySize()).contains(128);
    assertThat(viaAsync.reportedKeySize()).contains(128);
    assertThat(viaSync.keySize()).isEqualTo(128);
    assertThat(viaAsync.keySize()).isEqualTo(128);
    assertThat(byVersion.keySize()).isEqualTo(128);
    assertThat(byVersion.id()).isEqualTo(viaSync.id());
  }

  @Test
  void aFacadeMadeOctKeyReadsTheSameSizeBothWays() throws Exception {
    String name = name("facade-aes192");
    async
        .createOctKey(name, 192, KeyOptions.builder().hardwareProtected(true).build())
        .get(60, TimeUnit.SECONDS);

    assertThat(sync.getKey(name).keySize()).isEqualTo(192);
    assertThat(async.getKey(name).get(60, TimeUnit.SECONDS).keySize()).isEqualTo(192);
  }

  @Test
  void aMissingKeyFailsTheFutureWithTheVaultsCode() {
    assertThatThrownBy(() -> async.getKey(name("absent")).get(60, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            KeyVaultException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("KeyNotFound");
              assertThat(e.statusCode()).isEqualTo(404);
            });
  }
}
