package dev.keybridge.localvault.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.ResourceNotFoundException;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.models.AdministratorContact;
import com.azure.security.keyvault.certificates.models.CertificateContact;
import com.azure.security.keyvault.certificates.models.CertificateIssuer;
import com.azure.security.keyvault.certificates.models.IssuerProperties;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.RawVaultHttp;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Certificate issuers (CRUD, list) and contacts round-trip through the official client. */
class IssuersAndContactsTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private final CertificateClient certificates = VAULT.sdk().certificateClient();

  @Test
  void issuersRoundTripWithoutEverReturningThePassword() {
    CertificateIssuer created =
        certificates.createIssuer(
            new CertificateIssuer("digicert-prod", "DigiCert")
                .setAccountId("acct-42")
                .setPassword("issuer-password-value")
                .setOrganizationId("org-7")
                .setAdministratorContacts(
                    List.of(
                        new AdministratorContact()
                            .setFirstName("Ada")
                            .setLastName("Lovelace")
                            .setEmail("ada@example.com")
                            .setPhone("555-0100")))
                .setEnabled(true));
    assertThat(created.getName()).isEqualTo("digicert-prod");
    assertThat(created.getProvider()).isEqualTo("DigiCert");
    assertThat(created.getAccountId()).isEqualTo("acct-42");
    assertThat(created.getPassword()).isNull();
    assertThat(created.getOrganizationId()).isEqualTo("org-7");
    assertThat(created.getAdministratorContacts())
        .extracting(AdministratorContact::getEmail)
        .containsExactly("ada@example.com");
    assertThat(created.isEnabled()).isTrue();
    assertThat(created.getCreatedOn()).isNotNull();

    CertificateIssuer fetched = certificates.getIssuer("digicert-prod");
    assertThat(fetched.getAccountId()).isEqualTo("acct-42");
    CertificateIssuer updated = certificates.updateIssuer(fetched.setEnabled(false));
    assertThat(updated.isEnabled()).isFalse();
    assertThat(updated.getProvider()).isEqualTo("DigiCert");

    certificates.createIssuer(new CertificateIssuer("other-ca", "OneCertV2-PrivateCA"));
    assertThat(
            certificates.listPropertiesOfIssuers().stream()
                .map(IssuerProperties::getName)
                .collect(Collectors.toList()))
        .containsExactly("digicert-prod", "other-ca");

    RawVaultHttp http = VAULT.http();
    String raw =
        http.send(
                "GET",
                "/certificates/issuers/digicert-prod?api-version=7.6",
                http.adminToken(),
                null)
            .body();
    assertThat(raw).doesNotContain("issuer-password-value").doesNotContain("pwd");

    assertThat(certificates.deleteIssuer("other-ca").getName()).isEqualTo("other-ca");
    assertThatThrownBy(() -> certificates.getIssuer("other-ca"))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("CertificateIssuerNotFound");
  }

  @Test
  void contactsAreSetListedAndDeleted() {
    // the SDK's setContacts is a lazy PagedIterable: the PUT goes out when it is iterated
    assertThat(
            certificates
                .setContacts(
                    List.of(
                        new CertificateContact().setEmail("pki@example.com").setName("PKI team"),
                        new CertificateContact()
                            .setEmail("oncall@example.com")
                            .setPhone("555-0199")))
                .stream()
                .count())
        .isEqualTo(2);
    assertThat(
            certificates.listContacts().stream()
                .map(CertificateContact::getEmail)
                .collect(Collectors.toList()))
        .containsExactly("pki@example.com", "oncall@example.com");
    assertThat(
            certificates.deleteContacts().stream()
                .map(CertificateContact::getName)
                .collect(Collectors.toList()))
        .contains("PKI team");
    assertThatThrownBy(() -> certificates.listContacts().stream().count())
        .isInstanceOf(ResourceNotFoundException.class);
  }
}
