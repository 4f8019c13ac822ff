package dev.keybridge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.keys.models.KeyRotationLifetimeAction;
import com.azure.security.keyvault.keys.models.KeyRotationPolicy;
import com.azure.security.keyvault.keys.models.KeyRotationPolicyAction;
import dev.keybridge.keystore.KeyVaultLoadStoreParameter;
import dev.keybridge.keystore.key.VaultEcPrivateKey;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A running application follows a scheduled rotation: a KeyStore alias without a version signs with
 * the new version once the KeyStore's refresh interval ({@code keybridge.keystore.cache-ttl}) has
 * passed, {@code alias/version} stays pinned, and signatures made before still verify.
 */
class RotationFollowTest {
  private static final MutableClock VAULT_CLOCK = new MutableClock();

  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create()
          .clock(VAULT_CLOCK)
          .configure(b -> b.tokenClock(Clock.systemUTC()));

  private static final byte[] DATA = "release 1.2.3".getBytes(StandardCharsets.UTF_8);

  @Test
  void anUnversionedAliasFollowsTheRotationWithinTheRefreshInterval() throws Exception {
    TestVaultKeys keys = new TestVaultKeys(VAULT.vault().propertiesFile());
    keys.createEc("signing", "P-256");
    keys.keys()
        .updateKeyRotationPolicy(
            "signing",
            new KeyRotationPolicy()
                .setExpiresIn("P90D")
                .setLifetimeActions(
                    List.of(
                        new KeyRotationLifetimeAction(KeyRotationPolicyAction.ROTATE)
                            .setTimeAfterCreate("P30D"))));
    KeyBridgeProvider provider = keys.provider();
    MutableClock appClock = new MutableClock();
    KeyStore store = KeyStore.getInstance("AzureKeyVault", provider);
    store.load(
        KeyVaultLoadStoreParameter.builder(keys.config())
            .cacheTtl(Duration.ofMinutes(1))
            .clock(appClock)
            .build());

    VaultEcPrivateKey before = (VaultEcPrivateKey) store.getKey("signing", null);
    byte[] oldSignature = sign(provider, before);

    VAULT_CLOCK.advance(Duration.ofDays(31));
    VAULT.vault().runScheduledTasks();
    assertThat(keys.keys().listPropertiesOfKeyVersions("signing").stream().count()).isEqualTo(2);

    // within the refresh interval the application still uses the version it has
    assertThat(((VaultEcPrivateKey) store.getKey("signing", null)).version())
        .isEqualTo(before.version());

    appClock.advance(Duration.ofSeconds(61));
    VaultEcPrivateKey after = (VaultEcPrivateKey) store.getKey("signing", null);
    assertThat(after.version()).isNotEqualTo(before.version());
    assertThat(after.version())
        .isEqualTo(keys.keys().getKey("signing").getProperties().getVersion());
    assertThat(after.publicKey()).isNotEqualTo(before.publicKey());

    byte[] newSignature = sign(provider, after);
    assertThat(verify(after, newSignature)).isTrue();
    assertThat(verify(before, oldSignature)).as("signatures made before still verify").isTrue();
    assertThat(verify(after, oldSignature)).isFalse();

    VaultEcPrivateKey pinned =
        (VaultEcPrivateKey) store.getKey("signing/" + before.version(), null);
    assertThat(pinned.version()).isEqualTo(before.version());
    assertThat(verify(pinned, sign(provider, pinned))).isTrue();
  }

  private static byte[] sign(KeyBridgeProvider provider, VaultEcPrivateKey key) throws Exception {
    Signature signer = Signature.getInstance("SHA256withECDSA", provider);
    signer.initSign(key);
    signer.update(DATA);
    return signer.sign();
  }

  private static boolean verify(VaultEcPrivateKey key, byte[] signature) throws Exception {
    Signature verifier = Signature.getInstance("SHA256withECDSA", "SunEC");
    verifier.initVerify(key.publicKey());
    verifier.update(DATA);
    return verifier.verify(signature);
  }
}
