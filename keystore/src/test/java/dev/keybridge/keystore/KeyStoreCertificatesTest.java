package dev.keybridge.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.models.ImportCertificateOptions;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificateWithPolicy;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import dev.keybridge.keystore.key.VaultEcPrivateKey;
import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.TestPki;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.ProviderException;
import java.security.Signature;
import java.util.Collections;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Certificate aliases: one alias per certificate and its key, the leaf from one certificate GET,
 * the chain from the secret, imports and deletes through the certificate API. Needs the local
 * vault's /certificates and /secrets routes.
 */
class KeyStoreCertificatesTest {
  private static final int KEYS = 100;
  private static final int CERTIFICATES = 30;

  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create()
          .client("reader", "reader-secret", Role.READER)
          .client("crypto-user", "crypto-secret", Role.CRYPTO_USER);

  private static TestPki.Chain chain;
  private static KeyVaultCertificateWithPolicy cert0;

  @BeforeAll
  static void createKeysAndCertificates() throws Exception {
    KeyClient keys = VAULT.sdk().keyClient();
    for (int i = 0; i < KEYS; i++) {
      keys.createEcKey(new CreateEcKeyOptions("key-" + i).setCurveName(KeyCurveName.P_256));
    }
    CertificateClient certificates = VAULT.sdk().certificateClient();
    KeyPair issuerKeys = TestPki.ec("secp256r1");
    chain = TestPki.chainFor(issuerKeys.getPublic(), "cert-0");
    cert0 =
        certificates.importCertificate(
            new ImportCertificateOptions("cert-0", pkcs12(issuerKeys, chain)));
    for (int i = 1; i < CERTIFICATES; i++) {
      KeyPair pair = TestPki.ec("secp256r1");
      TestPki.Chain other = TestPki.chainFor(pair.getPublic(), "cert-" + i);
      certificates.importCertificate(
          new ImportCertificateOptions("cert-" + i, pkcs12(pair, other)));
    }
  }

  @Test
  void loadAndAliasesCostTheKeyAndCertificateListPagesOnly() throws Exception {
    // Other tests of this class may have added entries: count what the vault has now.
    int keys = count(VAULT.sdk().keyClient().listPropertiesOfKeys());
    int certificates = count(VAULT.sdk().certificateClient().listPropertiesOfCertificates());
    long mark = VAULT.accessLog().mark();

    KeyStore store = VaultKeyStores.open(VAULT.vault());

    assertThat(keys).isGreaterThanOrEqualTo(KEYS + CERTIFICATES);
    assertThat(certificates).isGreaterThanOrEqualTo(CERTIFICATES);
    // A certificate and its backing key are one alias.
    assertThat(Collections.list(store.aliases())).hasSize(keys).contains("cert-0", "key-99");
    int keyPages = (keys + 24) / 25;
    int certificatePages = (certificates + 24) / 25;
    assertThat(VaultKeyStores.count(VAULT, mark, "GET", "/keys")).isEqualTo(keyPages);
    assertThat(VaultKeyStores.count(VAULT, mark, "GET", "/certificates"))
        .isEqualTo(certificatePages);
    assertThat(VaultKeyStores.vaultRequests(VAULT, mark)).hasSize(keyPages + certificatePages);
    assertThat(store.getCreationDate("cert-0"))
        .isEqualTo(java.util.Date.from(cert0.getProperties().getCreatedOn().toInstant()));
    assertThat(store.getCertificateAlias(chain.leaf())).isEqualTo("cert-0");
    assertThat(store.isKeyEntry("cert-0")).isTrue();
    assertThat(store.isCertificateEntry("cert-0")).isFalse();
    assertThat(VaultKeyStores.vaultRequests(VAULT, mark)).hasSize(keyPages + certificatePages);
  }

  private static int count(Iterable<?> items) {
    int n = 0;
    for (Object ignored : items) {
      n++;
    }
    return n;
  }

  @Test
  void getCertificateIsTheLeafFromOneCertificateRequestAndNoSecret() throws Exception {
    KeyStore store = VaultKeyStores.open(VAULT.vault());
    long mark = VAULT.accessLog().mark();

    assertThat(store.getCertificate("cert-0")).isEqualTo(chain.leaf());
    assertThat(store.getCertificate("cert-0")).isEqualTo(chain.leaf());

    assertThat(VaultKeyStores.count(VAULT, mark, "GET", "/certificates/cert-0/?")).isEqualTo(1);
    assertThat(VaultKeyStores.count(VAULT, mark, "GET", "/secrets/.*")).isZero();
    assertThat(VaultKeyStores.vaultRequests(VAULT, mark)).hasSize(1);
  }

  @Test
  void getCertificateChainAddsTheIntermediatesFromTheSecret() throws Exception {
    KeyStore store = VaultKeyStores.open(VAULT.vault());
    long mark = VAULT.accessLog().mark();

    assertThat(store.getCertificateChain("cert-0")).containsExactly(chain.toArray());
    // one request: the latest secret, its leaf found by the listing's thumbprint
    assertThat(VaultKeyStores.count(VAULT, mark, "GET", "/secrets/cert-0/.*")).isEqualTo(1);
    assertThat(VaultKeyStores.vaultRequests(VAULT, mark)).hasSize(1);

    String pinned = "cert-0/" + cert0.getProperties().getVersion();
    assertThat(store.getCertificate(pinned)).isEqualTo(chain.leaf());
    VaultEcPrivateKey key = (VaultEcPrivateKey) store.getKey("cert-0", null);
    assertThat(key.keyId()).endsWith("/keys/cert-0/" + cert0.getProperties().getVersion());
    assertThat(store.getEntry("cert-0", null))
        .isInstanceOfSatisfying(
            KeyStore.PrivateKeyEntry.class,
            e -> assertThat(e.getCertificateChain()).containsExactly(chain.toArray()));
  }

  @Test
  void aCallerWhoCannotReadTheSecretGetsTheLeafAlone() throws Exception {
    KeyStore store =
        VaultKeyStores.open(
            KeyVaultLoadStoreParameter.of(
                VaultKeyStores.config(VAULT.vault(), "reader", "reader-secret")));

    assertThat(store.getCertificateChain("cert-0")).containsExactly(chain.leaf());
  }

  @Test
  void aCallerWithoutCertificateRightsSeesCertificateKeysAndAPreciseErrorForTheirCertificate()
      throws Exception {
    KeyStore store =
        VaultKeyStores.open(
            KeyVaultLoadStoreParameter.of(
                VaultKeyStores.config(VAULT.vault(), "crypto-user", "crypto-secret")));

    assertThat(store.containsAlias("cert-0")).isTrue();
    assertThat(store.getKey("cert-0", null)).isInstanceOf(VaultEcPrivateKey.class);
    assertThatThrownBy(() -> store.getCertificate("cert-0"))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("getCertificate on 'cert-0' failed: Forbidden")
        .hasMessageContaining("(HTTP 403)");
  }

  @Test
  void setKeyEntryWithAChainImportsACertificateWhoseKeySigns() throws Exception {
    KeyStore store = VaultKeyStores.open(VAULT.vault());
    KeyPair software = TestPki.ec("secp256r1");
    TestPki.Chain newChain = TestPki.chainFor(software.getPublic(), "imported");
    long mark = VAULT.accessLog().mark();

    store.setKeyEntry("imported-cert", software.getPrivate(), null, newChain.toArray());

    assertThat(VaultKeyStores.count(VAULT, mark, "POST", "/certificates/imported-cert/import"))
        .isEqualTo(1);
    assertThat(store.containsAlias("imported-cert")).isTrue();
    assertThat(store.getCertificateChain("imported-cert")).containsExactly(newChain.toArray());
    VaultEcPrivateKey key = (VaultEcPrivateKey) store.getKey("imported-cert", null);
    byte[] data = "signed by an imported certificate key".getBytes();
    byte[] signature =
        key.crypto().sign(key.keyId(), "ES256", MessageDigest.getInstance("SHA-256").digest(data));
    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(newChain.leaf());
    verifier.update(data);
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void deleteEntryOfACertificateDeletesTheCertificate() throws Exception {
    KeyPair pair = TestPki.ec("secp256r1");
    VAULT
        .sdk()
        .certificateClient()
        .importCertificate(
            new ImportCertificateOptions(
                "doomed-cert", pkcs12(pair, TestPki.chainFor(pair.getPublic(), "doomed"))));
    KeyStore store = VaultKeyStores.open(VAULT.vault());
    long mark = VAULT.accessLog().mark();

    store.deleteEntry("doomed-cert");

    assertThat(VaultKeyStores.count(VAULT, mark, "DELETE", "/certificates/doomed-cert"))
        .isEqualTo(1);
    assertThat(VaultKeyStores.count(VAULT, mark, "DELETE", "/keys/.*")).isZero();
    assertThat(store.containsAlias("doomed-cert")).isFalse();
    assertThat(VAULT.sdk().certificateClient().getDeletedCertificate("doomed-cert").getRecoveryId())
        .endsWith("/deletedcertificates/doomed-cert");
  }

  private static byte[] pkcs12(KeyPair pair, TestPki.Chain chain) throws Exception {
    return TestPki.pkcs12(pair, chain);
  }
}
