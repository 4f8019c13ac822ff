package dev.keybridge.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import dev.keybridge.keystore.key.VaultPrivateKey;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.ProviderException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bare key aliases with a chain from a chain file (the jarsigner case). */
class KeyStoreChainFileTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  @TempDir static Path dir;
  private static TestPki.Chain chain;
  private static Path chainFile;

  @BeforeAll
  static void createKeysAndChain() throws Exception {
    KeyClient keys = VAULT.sdk().keyClient();
    keys.createEcKey(new CreateEcKeyOptions("signer").setCurveName(KeyCurveName.P_256));
    keys.createEcKey(new CreateEcKeyOptions("other").setCurveName(KeyCurveName.P_256));
    VaultPrivateKey signer =
        (VaultPrivateKey) VaultKeyStores.open(VAULT.vault()).getKey("signer", null);
    chain = TestPki.chainFor(signer.publicKey(), "signer");
    chainFile = dir.resolve("chain.pem");
    Files.writeString(chainFile, pem(chain.leaf()) + pem(chain.intermediate()) + pem(chain.root()));
  }

  @Test
  void theGeneralChainFileBelongsToTheKeyItsLeafCertifies() throws Exception {
    KeyStore store =
        VaultKeyStores.open(
            KeyVaultLoadStoreParameter.builder(VaultKeyStores.config(VAULT.vault()))
                .chainFile(chainFile)
                .build());

    assertThat(store.getCertificateChain("signer")).containsExactly(chain.toArray());
    assertThat(store.getCertificate("signer")).isEqualTo(chain.leaf());
    assertThat(store.getEntry("signer", null)).isInstanceOf(KeyStore.PrivateKeyEntry.class);
    assertThat(store.getCertificateChain("other")).isNull();
    assertThat(store.getEntry("other", null)).isInstanceOf(KeyOnlyEntry.class);
  }

  @Test
  void theChainFilePropertyIsUsedFromAPropertiesStream() throws Exception {
    String properties =
        Files.readString(VAULT.vault().propertiesFile())
            + "\nkeybridge.keystore.chain-file="
            + chainFile.toAbsolutePath().toString().replace('\\', '/')
            + "\n";
    KeyStore store = KeyStore.getInstance("AzureKeyVault", VaultKeyStores.PROVIDER);

    store.load(
        new java.io.ByteArrayInputStream(properties.getBytes(StandardCharsets.ISO_8859_1)), null);

    assertThat(store.getCertificateChain("signer")).containsExactly(chain.toArray());
  }

  @Test
  void aChainBoundToAnAliasIsReturnedForItAndRefusedForAnotherKey() throws Exception {
    KeyStore store =
        VaultKeyStores.open(
            KeyVaultLoadStoreParameter.builder(VaultKeyStores.config(VAULT.vault()))
                .chainFile("signer", chainFile)
                .chainFile("other", chainFile)
                .build());

    assertThat(store.getCertificateChain("signer")).containsExactly(chain.toArray());
    assertThat(store.getCertificateAlias(chain.leaf())).isEqualTo("signer");
    assertThatThrownBy(() -> store.getCertificateChain("other"))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("bound to alias 'other'")
        .hasMessageContaining("is not for vault key");
  }

  @Test
  void unreadableChainFilesAreRefusedByTheBuilder() {
    assertThatThrownBy(
            () ->
                KeyVaultLoadStoreParameter.builder(VaultKeyStores.config(VAULT.vault()))
                    .chainFile(dir.resolve("missing.pem"))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chainFile: not a readable file");
    assertThatThrownBy(
            () ->
                KeyVaultLoadStoreParameter.builder(VaultKeyStores.config(VAULT.vault()))
                    .chainFile("not/an alias", chainFile)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a Key Vault name");
  }

  private static String pem(X509Certificate certificate) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }
}
