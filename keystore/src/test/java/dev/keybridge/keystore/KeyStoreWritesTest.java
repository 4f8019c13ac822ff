package dev.keybridge.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import dev.keybridge.keystore.key.VaultEcPrivateKey;
import dev.keybridge.keystore.key.VaultKey;
import dev.keybridge.keystore.key.VaultRsaPrivateKey;
import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.TestPki;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Collections;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** setKeyEntry imports usable keys; deleteEntry soft-deletes; refusals are precise. */
class KeyStoreWritesTest {
  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create().client("reader", "reader-secret", Role.READER);

  private static final byte[] DATA = "keybridge".getBytes();

  @Test
  void anImportedRsaKeySignsInTheVaultAndVerifiesWithTheJdk() throws Exception {
    KeyPair software = TestPki.rsa(2048);
    KeyStore store = VaultKeyStores.open(VAULT.vault());

    store.setEntry("imported-rsa", new KeyOnlyEntry(software.getPrivate()), null);
    long mark = VAULT.accessLog().mark();
    VaultRsaPrivateKey handle = (VaultRsaPrivateKey) store.getKey("imported-rsa", null);

    assertThat(handle.getModulus()).isEqualTo(((RSAPublicKey) software.getPublic()).getModulus());
    assertThat(store.containsAlias("imported-rsa")).isTrue();
    assertThat(VaultKeyStores.vaultRequests(VAULT, mark)).isEmpty();
    byte[] signature =
        handle
            .crypto()
            .sign(handle.keyId(), "RS256", MessageDigest.getInstance("SHA-256").digest(DATA));
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(software.getPublic());
    verifier.update(DATA);
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void importedEcKeysOnP256AndSecp256k1SignInTheVault() throws Exception {
    KeyStore store = VaultKeyStores.open(VAULT.vault());
    KeyPair p256 = TestPki.ec("secp256r1");
    KeyPairGenerator bc = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
    bc.initialize(new ECGenParameterSpec("secp256k1"));
    KeyPair k256 = bc.generateKeyPair();

    store.setEntry("imported-p256", new KeyOnlyEntry(p256.getPrivate()), null);
    store.setEntry("imported-p256k", new KeyOnlyEntry(k256.getPrivate()), null);

    VaultEcPrivateKey p256Handle = (VaultEcPrivateKey) store.getKey("imported-p256", null);
    VaultEcPrivateKey k256Handle = (VaultEcPrivateKey) store.getKey("imported-p256k", null);
    assertThat(p256Handle.publicKey().getW()).isEqualTo(((ECPublicKey) p256.getPublic()).getW());
    assertThat(k256Handle.curve()).isEqualTo("P-256K");
    assertThat(k256Handle.publicKey().getW()).isEqualTo(((ECPublicKey) k256.getPublic()).getW());
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(DATA);
    assertThat(
            verifies(
                "SHA256withECDSAinP1363Format",
                null,
                p256.getPublic(),
                p256Handle.crypto().sign(p256Handle.keyId(), "ES256", digest)))
        .isTrue();
    assertThat(
            verifies(
                "SHA256withPLAIN-ECDSA",
                new BouncyCastleProvider(),
                k256.getPublic(),
                k256Handle.crypto().sign(k256Handle.keyId(), "ES256K", digest)))
        .isTrue();
  }

  @Test
  void theSpiImportsAPrivateKeyWithoutChainWhenCalledDirectly() throws Exception {
    var config = VaultKeyStores.config(VAULT.vault());
    VaultKeyStoreSpi spi = new VaultKeyStoreSpi(() -> config);
    spi.engineLoad(null, null);
    KeyPair software = TestPki.ec("secp384r1");

    spi.engineSetKeyEntry("via-spi", software.getPrivate(), null, null);

    VaultEcPrivateKey handle = (VaultEcPrivateKey) spi.engineGetKey("via-spi", null);
    assertThat(handle.curve()).isEqualTo("P-384");
    assertThat(handle.publicKey().getW()).isEqualTo(((ECPublicKey) software.getPublic()).getW());
  }

  @Test
  void importingAgainAddsAVersionAndKeepsTheOldOnePinned() throws Exception {
    KeyStore store = VaultKeyStores.open(VAULT.vault());
    store.setEntry("versioned", new KeyOnlyEntry(TestPki.ec("secp256r1").getPrivate()), null);
    VaultKey first = (VaultKey) store.getKey("versioned", null);

    store.setEntry("versioned", new KeyOnlyEntry(TestPki.ec("secp256r1").getPrivate()), null);
    VaultKey second = (VaultKey) store.getKey("versioned", null);

    assertThat(second.version()).isNotEqualTo(first.version());
    assertThat(store.getKey("versioned/" + first.version(), null)).isEqualTo(first);
    assertThat(VAULT.sdk().keyClient().getKey("versioned").getId()).isEqualTo(second.keyId());
  }

  @Test
  void deleteEntrySoftDeletesWithoutWaitingForThePoller() throws Exception {
    KeyClient keys = VAULT.sdk().keyClient();
    keys.createEcKey(new CreateEcKeyOptions("doomed").setCurveName(KeyCurveName.P_256));
    KeyStore store = VaultKeyStores.open(VAULT.vault());
    long mark = VAULT.accessLog().mark();

    store.deleteEntry("doomed");

    assertThat(VaultKeyStores.count(VAULT, mark, "DELETE", "/keys/doomed")).isEqualTo(1);
    assertThat(VaultKeyStores.count(VAULT, mark, "GET", "/deletedkeys/.*")).isZero();
    assertThat(store.containsAlias("doomed")).isFalse();
    assertThat(Collections.list(store.aliases())).doesNotContain("doomed");
    assertThat(store.getKey("doomed", null)).isNull();
    assertThat(keys.getDeletedKey("doomed").getRecoveryId()).endsWith("/deletedkeys/doomed");
  }

  @Test
  void refusedWritesSayWhy() throws Exception {
    KeyStore store = VaultKeyStores.open(VAULT.vault());
    KeyPair software = TestPki.ec("secp256r1");
    var certificate = TestPki.selfSigned(software, "trusted");

    assertThatThrownBy(() -> store.setCertificateEntry("trusted", certificate))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("does not store trusted certificates");
    assertThatThrownBy(
            () -> store.setEntry("bad name", new KeyOnlyEntry(software.getPrivate()), null))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("is not a Key Vault name");
    assertThatThrownBy(() -> store.deleteEntry("versioned/0123456789abcdef0123456789abcdef"))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("with all its versions");
    assertThatThrownBy(() -> store.deleteEntry("never-existed"))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("No entry 'never-existed'");
    assertThatThrownBy(() -> store.setKeyEntry("k", new byte[16], null))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("pass the key itself");
    store.setEntry("handle-source", new KeyOnlyEntry(software.getPrivate()), null);
    java.security.Key handle = store.getKey("handle-source", null);
    assertThatThrownBy(
            () -> store.setEntry("copy", new KeyOnlyEntry((java.security.PrivateKey) handle), null))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("already lives in the vault");
  }

  @Test
  void aReaderCanReadButItsWritesFailWithTheVaultErrorCode() throws Exception {
    VAULT
        .sdk()
        .keyClient()
        .createEcKey(new CreateEcKeyOptions("readable").setCurveName(KeyCurveName.P_256));
    KeyStore store =
        VaultKeyStores.open(
            KeyVaultLoadStoreParameter.of(
                VaultKeyStores.config(VAULT.vault(), "reader", "reader-secret")));

    assertThat(store.getKey("readable", null)).isInstanceOf(VaultEcPrivateKey.class);
    assertThatThrownBy(
            () ->
                store.setEntry(
                    "by-reader", new KeyOnlyEntry(TestPki.ec("secp256r1").getPrivate()), null))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("importKey on 'by-reader' failed: Forbidden")
        .hasMessageContaining("(HTTP 403)");
    assertThatThrownBy(() -> store.deleteEntry("readable"))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("deleteKey on 'readable' failed: Forbidden");
    assertThat(store.containsAlias("readable")).isTrue();
  }

  private static boolean verifies(
      String algorithm, java.security.Provider provider, java.security.PublicKey key, byte[] sig)
      throws Exception {
    Signature verifier =
        provider == null
            ? Signature.getInstance(algorithm)
            : Signature.getInstance(algorithm, provider);
    verifier.initVerify(key);
    verifier.update(DATA);
    return verifier.verify(sig);
  }
}
