package dev.keybridge.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.keystore.key.VaultSecretKey;
import dev.keybridge.localvault.Flavor;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.management.crypto.VaultCrypto;
import java.security.KeyStore;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** AES keys imported into a Managed HSM through the KeyStore work in the vault. */
class KeyStoreManagedHsmTest {
  @RegisterExtension
  static final LocalVaultExtension VAULT = LocalVaultExtension.create().flavor(Flavor.MANAGED_HSM);

  @Test
  void importedAesKeysEncryptInTheHsmAndDecryptWithTheJdk() throws Exception {
    KeyStore store = VaultKeyStores.open(VAULT.vault());
    for (int bits : new int[] {128, 256}) {
      byte[] material = new byte[bits / 8];
      new SecureRandom().nextBytes(material);
      SecretKeySpec software = new SecretKeySpec(material, "AES");
      String alias = "aes-" + bits;

      store.setKeyEntry(alias, software, null, null);
      VaultSecretKey handle = (VaultSecretKey) store.getKey(alias, null);
      byte[] plaintext = ("secret for " + alias).getBytes();
      VaultCrypto.SymmetricResult sealed =
          handle.crypto().encrypt(handle.keyId(), "A" + bits + "GCM", plaintext, null, null);

      assertThat(handle.keySize()).isEqualTo(bits);
      assertThat(handle.keyType()).startsWith("oct");
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, software, new GCMParameterSpec(128, sealed.iv()));
      byte[] joined = new byte[sealed.ciphertext().length + sealed.tag().length];
      System.arraycopy(sealed.ciphertext(), 0, joined, 0, sealed.ciphertext().length);
      System.arraycopy(sealed.tag(), 0, joined, sealed.ciphertext().length, sealed.tag().length);
      assertThat(cipher.doFinal(joined)).isEqualTo(plaintext);
      assertThat(store.getEntry(alias, null)).isInstanceOf(KeyStore.SecretKeyEntry.class);
    }
  }
}
