package dev.keybridge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.keystore.key.VaultEcPrivateKey;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.security.Key;
import java.security.KeyStore;
import java.security.Signature;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provider's KeyStore service uses the provider's own configuration on load(null, null). */
class KeyStoreServiceTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  @Test
  void keysFromTheProvidersKeyStoreSignThroughTheProvider() throws Exception {
    TestVaultKeys keys = new TestVaultKeys(VAULT.vault().propertiesFile());
    keys.createEc("from-keystore", "P-384");
    KeyBridgeProvider provider = keys.provider();

    KeyStore store = KeyStore.getInstance("AzureKeyVault", provider);
    store.load(null, null);
    assertThat(Collections.list(store.aliases())).contains("from-keystore");
    Key key = store.getKey("from-keystore", null);
    assertThat(key).isInstanceOf(VaultEcPrivateKey.class);

    Signature signer = Signature.getInstance("SHA384withECDSA", provider);
    signer.initSign((VaultEcPrivateKey) key);
    signer.update(new byte[] {7});
    Signature verifier = Signature.getInstance("SHA384withECDSA", "SunEC");
    verifier.initVerify(((VaultEcPrivateKey) key).publicKey());
    verifier.update(new byte[] {7});
    assertThat(verifier.verify(signer.sign())).isTrue();
  }
}
