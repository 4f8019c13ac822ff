package dev.keybridge.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import dev.keybridge.keystore.key.VaultEcPrivateKey;
import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.config.KeyVaultConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

// sets JVM-wide system properties in a test: alone, not beside other test classes
@Isolated
class KeyStoreLoadingTest {
  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create().client("secrets-only", "secrets-secret", Role.SECRETS_USER);

  @BeforeAll
  static void createKey() {
    VAULT
        .sdk()
        .keyClient()
        .createEcKey(new CreateEcKeyOptions("k1").setCurveName(KeyCurveName.P_256));
  }

  @Test
  void loadsFromAKeybridgePropertiesStreamAsKeytoolPassesIt() throws Exception {
    KeyStore store = KeyStore.getInstance("AzureKeyVault", VaultKeyStores.PROVIDER);
    try (InputStream in = Files.newInputStream(VAULT.vault().propertiesFile())) {
      store.load(in, "ignored-storepass".toCharArray());
    }

    assertThat(Collections.list(store.aliases())).containsExactly("k1");
    assertThat(store.getKey("k1", null)).isInstanceOf(VaultEcPrivateKey.class);
  }

  @Test
  void loadsFromAKeyVaultLoadStoreParameter() throws Exception {
    KeyStore store =
        VaultKeyStores.open(KeyVaultLoadStoreParameter.of(VaultKeyStores.config(VAULT.vault())));

    assertThat(store.containsAlias("k1")).isTrue();
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void loadWithoutArgumentsUsesTheProvidersConfiguration() throws Exception {
    KeyVaultConfig config = VaultKeyStores.config(VAULT.vault());
    KeyStore viaStream = VaultKeyStores.wrap(new VaultKeyStoreSpi(() -> config));
    KeyStore viaParameter = VaultKeyStores.wrap(new VaultKeyStoreSpi(() -> config));

    viaStream.load(null, null);
    viaParameter.load(null);

    assertThat(Collections.list(viaStream.aliases())).containsExactly("k1");
    assertThat(Collections.list(viaParameter.aliases())).containsExactly("k1");
  }

  @Test
  void noArgumentConstructorReadsTheEnvironmentConfiguration() throws Exception {
    Properties file = new Properties();
    try (InputStream in = Files.newInputStream(VAULT.vault().propertiesFile())) {
      file.load(in);
    }
    Properties saved = (Properties) System.getProperties().clone();
    try {
      file.forEach((name, value) -> System.setProperty((String) name, (String) value));
      KeyStore store = VaultKeyStores.wrap(new VaultKeyStoreSpi());

      store.load(null, null);

      assertThat(Collections.list(store.aliases())).containsExactly("k1");
    } finally {
      System.setProperties(saved);
    }
  }

  @Test
  void passwordIsTheBearerTokenWhenTheMethodIsToken() throws Exception {
    String token = VaultKeyStores.adminToken(VAULT);
    KeyStore store = KeyStore.getInstance("AzureKeyVault", VaultKeyStores.PROVIDER);

    store.load(tokenProperties(), token.toCharArray());

    assertThat(Collections.list(store.aliases())).containsExactly("k1");
  }

  @Test
  void aWrongTokenFailsLikeAWrongKeystorePassword() throws Exception {
    KeyStore store = KeyStore.getInstance("AzureKeyVault", VaultKeyStores.PROVIDER);

    assertThatThrownBy(() -> store.load(tokenProperties(), "not-a-token".toCharArray()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("listKeys failed: ")
        .hasMessageContaining("(HTTP 401)")
        .hasCauseInstanceOf(UnrecoverableKeyException.class);
  }

  @Test
  void aClientWithoutKeyRightsFailsToLoadWithTheVaultErrorCode() throws Exception {
    KeyVaultConfig config = VaultKeyStores.config(VAULT.vault(), "secrets-only", "secrets-secret");

    assertThatThrownBy(() -> VaultKeyStores.open(KeyVaultLoadStoreParameter.of(config)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("listKeys failed: Forbidden")
        .hasMessageContaining("(HTTP 403)")
        .cause()
        .isInstanceOfSatisfying(
            KeyVaultException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
  }

  @Test
  void badPropertiesAndForeignParametersAreRefused() throws Exception {
    KeyStore store = KeyStore.getInstance("AzureKeyVault", VaultKeyStores.PROVIDER);
    InputStream noUrl =
        new ByteArrayInputStream("keybridge.auth.method=token\n".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> store.load(noUrl, null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("keybridge.vault.url");
    assertThatThrownBy(
            () ->
                store.load(
                    new KeyStore.LoadStoreParameter() {
                      @Override
                      public KeyStore.ProtectionParameter getProtectionParameter() {
                        return null;
                      }
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KeyVaultLoadStoreParameter");
    assertThatThrownBy(() -> store.aliases()).isInstanceOf(java.security.KeyStoreException.class);
  }

  @Test
  void probeRecognisesKeybridgeProperties() throws Exception {
    VaultKeyStoreSpi spi = new VaultKeyStoreSpi();
    try (InputStream in = Files.newInputStream(VAULT.vault().propertiesFile())) {
      assertThat(spi.engineProbe(in)).isTrue();
    }
    assertThat(spi.engineProbe(new ByteArrayInputStream("a=b\n".getBytes(StandardCharsets.UTF_8))))
        .isFalse();
  }

  private static InputStream tokenProperties() {
    return VaultKeyStores.tokenProperties(VAULT, "keybridge.retry.max-retries=0\n");
  }
}
