package dev.keybridge.examples.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.keys.models.KeyCurveName;
import dev.keybridge.examples.ExampleVault;
import dev.keybridge.examples.ServedRequests;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.management.KeyVaultManager;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.management.keys.KeyOptions;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Key rotation through the facade and what it does to signatures made before and after. */
class KeyRotationExampleTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static KeyVaultManager manager;

  @BeforeAll
  static void createKeys() throws Exception {
    manager = new KeyVaultManager(KeyVaultConfig.fromProperties(VAULT.vault().propertiesFile()));
    manager.createRsaKey("release-rsa", 2048, KeyOptions.defaults());
    manager.createEcKey("release-ec", KeyCurveName.P_256, KeyOptions.defaults());
    ExampleVault.installProvider();
  }

  @ParameterizedTest
  @ValueSource(strings = {"release-rsa", "release-ec"})
  void oldSignaturesKeepVerifyingWithTheirVersionAndNewOnesUseTheNewVersion(String keyName)
      throws Exception {
    KeyStore vault = ExampleVault.open(VAULT.vault().propertiesFile()).keyStore();
    String before = manager.getKey(keyName).version();
    AccessLog log = VAULT.accessLog();
    long mark = log.mark();

    KeyRotationExample.Outcome outcome =
        KeyRotationExample.rotateAndCompare(
            manager, vault, keyName, "release 1.0".getBytes(StandardCharsets.UTF_8));

    String after = manager.getKey(keyName).version();
    assertThat(after).isNotEqualTo(before);
    String keys = VAULT.vault().url() + "/keys/" + keyName + "/";
    assertThat(outcome.oldKeyId()).isEqualTo(keys + before);
    assertThat(outcome.newKeyId()).isEqualTo(keys + after);
    assertThat(outcome.oldSignatureVerifiesWithOldVersion()).isTrue();
    assertThat(outcome.oldSignatureVerifiesWithNewVersion()).isFalse();
    assertThat(outcome.newSignatureVerifiesWithNewVersion()).isTrue();
    assertThat(outcome.oldVersionStillSigns()).isTrue();
    assertThat(ServedRequests.count(log, mark, "POST", "/keys/" + keyName + "/rotate"))
        .isEqualTo(1);
    assertThat(ServedRequests.count(log, mark, "POST", "/keys/" + keyName + "/" + before + "/sign"))
        .isEqualTo(2);
    assertThat(ServedRequests.count(log, mark, "POST", "/keys/" + keyName + "/" + after + "/sign"))
        .isEqualTo(1);
    assertThat(manager.listKeyVersions(keyName).count()).isEqualTo(2);
  }
}
