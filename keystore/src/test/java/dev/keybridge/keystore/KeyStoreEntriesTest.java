package dev.keybridge.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import com.azure.security.keyvault.keys.models.CreateOctKeyOptions;
import com.azure.security.keyvault.keys.models.CreateRsaKeyOptions;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import dev.keybridge.keystore.key.VaultEcPrivateKey;
import dev.keybridge.keystore.key.VaultKey;
import dev.keybridge.keystore.key.VaultKeys;
import dev.keybridge.keystore.key.VaultRsaPrivateKey;
import dev.keybridge.keystore.key.VaultSecretKey;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.MutableClock;
import dev.keybridge.management.KeyVaultClients;
import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.keys.VaultCurve;
import java.math.BigInteger;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** getKey and the other entry reads: types, public keys, versions, caching, disabled keys. */
class KeyStoreEntriesTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static KeyVaultKey rsa;
  private static Map<VaultCurve, KeyVaultKey> ec;
  private static KeyVaultKey aes;

  @BeforeAll
  static void createKeys() {
    KeyClient keys = VAULT.sdk().keyClient();
    rsa = keys.createRsaKey(new CreateRsaKeyOptions("rsa").setKeySize(2048));
    ec = new java.util.EnumMap<>(VaultCurve.class);
    for (VaultCurve curve : VaultCurve.values()) {
      ec.put(
          curve,
          keys.createEcKey(
              new CreateEcKeyOptions("ec-" + curve.vaultName().replace("-", "").toLowerCase())
                  .setCurveName(KeyCurveName.fromString(curve.vaultName()))));
    }
    aes =
        keys.createOctKey(
            new CreateOctKeyOptions("aes")
                .setKeySize(128)
                .setTags(Map.of(VaultKeys.AES_KEY_SIZE_TAG, "128")));
  }

  @Test
  void getKeyReturnsHandlesWhosePublicKeysAreTheOnesTheSdkReturns() throws Exception {
    KeyStore store = VaultKeyStores.open(VAULT.vault());
    var crypto = KeyVaultClients.of(VaultKeyStores.config(VAULT.vault())).crypto();

    VaultRsaPrivateKey rsaHandle = (VaultRsaPrivateKey) store.getKey("rsa", null);
    assertThat(rsaHandle.keyId()).isEqualTo(rsa.getId());
    assertThat(rsaHandle.publicKey().getModulus())
        .isEqualTo(new BigInteger(1, rsa.getKey().getN()));
    assertThat(rsaHandle.publicKey().getPublicExponent())
        .isEqualTo(new BigInteger(1, rsa.getKey().getE()));
    assertThat(((RSAKey) rsaHandle).getModulus()).isEqualTo(rsaHandle.publicKey().getModulus());
    assertThat(rsaHandle.keyType()).isEqualTo("RSA");
    assertThat(rsaHandle.crypto())
        .as("the handle's crypto is over the configuration's shared clients")
        .isEqualTo(crypto);
    assertOpaque(rsaHandle);

    for (Map.Entry<VaultCurve, KeyVaultKey> entry : ec.entrySet()) {
      JsonWebKey jwk = entry.getValue().getKey();
      VaultEcPrivateKey handle = (VaultEcPrivateKey) store.getKey(entry.getValue().getName(), null);
      assertThat(handle.keyId()).isEqualTo(entry.getValue().getId());
      assertThat(handle.curve()).isEqualTo(entry.getKey().vaultName());
      assertThat(handle.publicKey().getW().getAffineX()).isEqualTo(new BigInteger(1, jwk.getX()));
      assertThat(handle.publicKey().getW().getAffineY()).isEqualTo(new BigInteger(1, jwk.getY()));
      assertThat(((ECKey) handle).getParams()).isEqualTo(handle.publicKey().getParams());
      assertThat(VaultCurve.of(handle.getParams())).contains(entry.getKey());
      assertOpaque(handle);
    }

    VaultSecretKey aesHandle = (VaultSecretKey) store.getKey("aes", null);
    assertThat(aesHandle.keyId()).isEqualTo(aes.getId());
    assertThat(aesHandle.keySize()).isEqualTo(128);
    assertThat(aesHandle.keyType()).isEqualTo("oct");
    assertOpaque(aesHandle);
  }

  @Test
  void handlesSignThroughTheVault() throws Exception {
    KeyStore store = VaultKeyStores.open(VAULT.vault());
    VaultEcPrivateKey handle = (VaultEcPrivateKey) store.getKey("ec-p256", null);
    byte[] digest = MessageDigest.getInstance("SHA-256").digest("data".getBytes());

    byte[] signature = handle.crypto().sign(handle.keyId(), "ES256", digest);

    java.security.Signature verifier =
        java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(handle.publicKey());
    verifier.update("data".getBytes());
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void aliasSlashVersionPinsAVersionWhileTheBareAliasIsTheLatest() throws Exception {
    KeyClient keys = VAULT.sdk().keyClient();
    KeyVaultKey first =
        keys.createEcKey(new CreateEcKeyOptions("rotated").setCurveName(KeyCurveName.P_256));
    KeyVaultKey second =
        keys.createEcKey(new CreateEcKeyOptions("rotated").setCurveName(KeyCurveName.P_256));
    KeyStore store = VaultKeyStores.open(VAULT.vault());
    String pinned = "rotated/" + first.getProperties().getVersion();

    assertThat(((VaultKey) store.getKey("rotated", null)).keyId()).isEqualTo(second.getId());
    assertThat(((VaultKey) store.getKey(pinned, null)).keyId()).isEqualTo(first.getId());
    assertThat(store.containsAlias(pinned)).isTrue();
    assertThat(store.isKeyEntry(pinned)).isTrue();
    assertThat(store.getCreationDate(pinned))
        .isEqualTo(java.util.Date.from(first.getProperties().getCreatedOn().toInstant()));
    assertThat(Collections.list(store.aliases())).contains("rotated").doesNotContain(pinned);

    String missing = "rotated/0123456789abcdef0123456789abcdef";
    assertThat(store.containsAlias(missing)).isFalse();
    assertThat(store.getKey(missing, null)).isNull();
    assertThat(store.getCertificateChain(missing)).isNull();
  }

  @Test
  void aSecondGetKeyWithinTheTtlMakesNoRequestAndOneAfterIt() throws Exception {
    MutableClock clock = new MutableClock();
    KeyStore store =
        VaultKeyStores.open(
            KeyVaultLoadStoreParameter.builder(VaultKeyStores.config(VAULT.vault()))
                .cacheTtl(Duration.ofMinutes(10))
                .clock(clock)
                .build());
    long mark = VAULT.accessLog().mark();

    Object first = store.getKey("rsa", null);
    clock.advance(Duration.ofMinutes(9));
    Object second = store.getKey("rsa", null);

    assertThat(second).isSameAs(first);
    assertThat(VaultKeyStores.count(VAULT, mark, "GET", "/keys/rsa/")).isEqualTo(1);

    clock.advance(Duration.ofMinutes(1));
    assertThat(store.getKey("rsa", null)).isEqualTo(first);
    assertThat(VaultKeyStores.count(VAULT, mark, "GET", "/keys/rsa/")).isEqualTo(2);
    assertThat(VaultKeyStores.count(VAULT, mark, "GET", "/keys")).isEqualTo(1);
  }

  @Test
  void aZeroTtlFetchesOnEveryCallButKeepsTheLoadListing() throws Exception {
    KeyStore store =
        VaultKeyStores.open(
            KeyVaultLoadStoreParameter.builder(VaultKeyStores.config(VAULT.vault()))
                .cacheTtl(Duration.ZERO)
                .build());
    long mark = VAULT.accessLog().mark();

    store.getKey("rsa", null);
    store.getKey("rsa", null);
    store.size();

    assertThat(VaultKeyStores.count(VAULT, mark, "GET", "/keys/rsa/")).isEqualTo(2);
    assertThat(VaultKeyStores.count(VAULT, mark, "GET", "/keys")).isZero();
  }

  @Test
  void keyOnlyAliasesHaveNoCertificateAndCostNothingForIt() throws Exception {
    KeyStore store = VaultKeyStores.open(VAULT.vault());
    long mark = VAULT.accessLog().mark();

    assertThat(store.getCertificate("rsa")).isNull();
    assertThat(store.getCertificateChain("rsa")).isNull();
    assertThat(VaultKeyStores.vaultRequests(VAULT, mark)).isEmpty();

    KeyStore.Entry entry = store.getEntry("rsa", null);
    assertThat(entry)
        .isInstanceOfSatisfying(
            KeyOnlyEntry.class,
            e -> assertThat(((VaultKey) e.getPrivateKey()).keyId()).isEqualTo(rsa.getId()));
    assertThat(store.entryInstanceOf("rsa", KeyStore.PrivateKeyEntry.class)).isFalse();
    assertThat(store.getEntry("aes", new KeyStore.PasswordProtection(new char[0])))
        .isInstanceOf(KeyStore.SecretKeyEntry.class);
    assertThat(store.getEntry("no-such-key", null)).isNull();
  }

  @Test
  void aDisabledKeyStillGivesAHandleAndTheVaultRefusesItsUse() throws Exception {
    KeyClient keys = VAULT.sdk().keyClient();
    KeyVaultKey created =
        keys.createEcKey(new CreateEcKeyOptions("disabled").setCurveName(KeyCurveName.P_256));
    keys.updateKeyProperties(created.getProperties().setEnabled(false));
    KeyStore store = VaultKeyStores.open(VAULT.vault());

    VaultEcPrivateKey handle = (VaultEcPrivateKey) store.getKey("disabled", null);

    assertThat(handle.keyId()).isEqualTo(created.getId());
    assertThatThrownBy(() -> handle.crypto().sign(handle.keyId(), "ES256", new byte[32]))
        .isInstanceOfSatisfying(
            KeyVaultException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(403);
              assertThat(e.innerErrorCode()).isEqualTo("KeyDisabled");
            });
  }

  private static void assertOpaque(java.security.Key key) {
    assertThat(key.getEncoded()).isNull();
    assertThat(key.getFormat()).isNull();
  }
}
