package dev.keybridge.management.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.security.keyvault.certificates.models.CertificateContact;
import com.azure.security.keyvault.certificates.models.CertificateIssuer;
import com.azure.security.keyvault.certificates.models.IssuerProperties;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.management.CertificateManager;
import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.KeyVaultManager;
import dev.keybridge.management.VaultFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issuers and contacts through {@link CertificateManager}, against the local vault. */
class CertificateIssuersContactsTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private final CertificateManager certificates =
      new KeyVaultManager(VaultFixtures.adminConfig(VAULT.vault())).certificates();

  @Test
  void issuersAndContactsRoundTrip() {
    CertificateIssuer created =
        certificates.createIssuer(
            new CertificateIssuer("corp-ca", "OneCertV2-PrivateCA").setAccountId("acct"));
    assertThat(created.getProvider()).isEqualTo("OneCertV2-PrivateCA");
    assertThat(certificates.getIssuer("corp-ca").getAccountId()).isEqualTo("acct");
    assertThat(certificates.updateIssuer(created.setEnabled(false)).isEnabled()).isFalse();
    assertThat(certificates.listIssuers().map(IssuerProperties::getName))
        .containsExactly("corp-ca");
    assertThat(certificates.deleteIssuer("corp-ca").getName()).isEqualTo("corp-ca");
    assertThatThrownBy(() -> certificates.getIssuer("corp-ca"))
        .isInstanceOfSatisfying(
            KeyVaultException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.errorCode()).isEqualTo("CertificateIssuerNotFound");
            });

    assertThat(
            certificates.setContacts(
                List.of(new CertificateContact().setEmail("pki@example.com").setName("PKI"))))
        .extracting(CertificateContact::getEmail)
        .containsExactly("pki@example.com");
    assertThat(certificates.listContacts())
        .extracting(CertificateContact::getName)
        .containsExactly("PKI");
    assertThat(certificates.deleteContacts()).hasSize(1);
    assertThatThrownBy(certificates::listContacts)
        .isInstanceOfSatisfying(
            KeyVaultException.class, e -> assertThat(e.errorCode()).isEqualTo("ContactsNotFound"));
  }
}
