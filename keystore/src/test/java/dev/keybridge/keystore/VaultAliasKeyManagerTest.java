package dev.keybridge.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.models.CertificateKeyCurveName;
import com.azure.security.keyvault.certificates.models.CertificateKeyType;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificateWithPolicy;
import dev.keybridge.keystore.key.VaultPrivateKey;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The key manager chooses the alias's current version per handshake (pinned, so chain and key of
 * one handshake belong together), follows a new version after the KeyStore's TTL, and presents
 * nothing for other key types or aliases.
 */
class VaultAliasKeyManagerTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final CertificatePolicy POLICY =
      new CertificatePolicy("Self", "CN=km-ec")
          .setKeyType(CertificateKeyType.EC)
          .setKeyCurveName(CertificateKeyCurveName.P_256)
          .setValidityInMonths(12);

  @Test
  void choosesThePinnedCurrentVersionAndFollowsANewOneAfterTheTtl() throws Exception {
    CertificateClient certificates = VAULT.sdk().certificateClient();
    KeyVaultCertificateWithPolicy v1 = create(certificates);
    MutableClock clock = new MutableClock();
    KeyStore store =
        VaultKeyStores.open(
            KeyVaultLoadStoreParameter.builder(VaultKeyStores.config(VAULT.vault()))
                .cacheTtl(Duration.ofMinutes(1))
                .clock(clock)
                .build());
    VaultAliasKeyManager manager = new VaultAliasKeyManager(store, "km-ec");

    String first = manager.chooseServerAlias("EC", null, null);
    assertThat(first).isEqualTo("km-ec/" + v1.getProperties().getVersion());
    assertThat(manager.getServerAliases("EC", null)).containsExactly(first);
    assertThat(manager.chooseServerAlias("RSA", null, null)).isNull();
    assertThat(manager.chooseClientAlias(new String[] {"RSA", "EC"}, null, null)).isEqualTo(first);
    assertThat(manager.getCertificateChain(first)[0]).isEqualTo(x509(v1));
    PrivateKey key = manager.getPrivateKey(first);
    assertThat(key).isInstanceOf(VaultPrivateKey.class);
    assertThat(((VaultPrivateKey) key).publicKey()).isEqualTo(x509(v1).getPublicKey());
    assertThat(manager.getCertificateChain("other")).isNull();
    assertThat(manager.getPrivateKey("other")).isNull();

    KeyVaultCertificateWithPolicy v2 = create(certificates);
    assertThat(manager.chooseServerAlias("EC", null, null)).as("within the TTL").isEqualTo(first);

    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    String second = manager.chooseServerAlias("EC", null, null);
    assertThat(second).isEqualTo("km-ec/" + v2.getProperties().getVersion());
    assertThat(manager.getCertificateChain(second)[0]).isEqualTo(x509(v2));
    assertThat(((VaultPrivateKey) manager.getPrivateKey(second)).publicKey())
        .isEqualTo(x509(v2).getPublicKey());
    // A handshake that chose the first version before the refresh still gets its own pair.
    assertThat(manager.getCertificateChain(first)[0]).isEqualTo(x509(v1));
    assertThat(((VaultPrivateKey) manager.getPrivateKey(first)).publicKey())
        .isEqualTo(x509(v1).getPublicKey());
  }

  private static KeyVaultCertificateWithPolicy create(CertificateClient certificates) {
    return certificates
        .beginCreateCertificate("km-ec", POLICY)
        .setPollInterval(Duration.ofMillis(50))
        .getFinalResult();
  }

  private static X509Certificate x509(KeyVaultCertificateWithPolicy c) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(c.getCer()));
  }
}
