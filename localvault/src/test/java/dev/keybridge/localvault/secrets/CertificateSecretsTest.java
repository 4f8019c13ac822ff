package dev.keybridge.localvault.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.models.CertificateContentType;
import com.azure.security.keyvault.certificates.models.CertificateKeyCurveName;
import com.azure.security.keyvault.certificates.models.CertificateKeyType;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificateWithPolicy;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.RawVaultHttp;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The secrets API as the certificates use it, through the official SecretClient: values, versions,
 * listing, the deleted view, and the refusal to change a certificate's secret directly.
 */
class CertificateSecretsTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private final CertificateClient certificates = VAULT.sdk().certificateClient();
  private final SecretClient secrets = VAULT.sdk().secretClient();

  private KeyVaultCertificateWithPolicy create(String name, CertificateContentType type) {
    return certificates
        .beginCreateCertificate(
            name,
            new CertificatePolicy("Self", "CN=" + name)
                .setKeyType(CertificateKeyType.EC)
                .setKeyCurveName(CertificateKeyCurveName.P_256)
                .setContentType(type))
        .setPollInterval(Duration.ofMillis(50))
        .getFinalResult();
  }

  @Test
  void secretsOfCertificateVersionsAreListedAndReadByVersion() {
    String v1 = create("pem-cert", CertificateContentType.PEM).getProperties().getVersion();
    String v2 = create("pem-cert", CertificateContentType.PEM).getProperties().getVersion();

    List<SecretProperties> versions =
        secrets.listPropertiesOfSecretVersions("pem-cert").stream().collect(Collectors.toList());
    assertThat(versions).extracting(SecretProperties::getVersion).containsExactly(v1, v2);
    assertThat(versions).allSatisfy(p -> assertThat(p.isManaged()).isTrue());
    assertThat(versions)
        .allSatisfy(p -> assertThat(p.getContentType()).isEqualTo("application/x-pem-file"));

    KeyVaultSecret first = secrets.getSecret("pem-cert", v1);
    KeyVaultSecret latest = secrets.getSecret("pem-cert");
    assertThat(first.getProperties().getVersion()).isEqualTo(v1);
    assertThat(latest.getProperties().getVersion()).isEqualTo(v2);
    assertThat(first.getValue())
        .startsWith("-----BEGIN PRIVATE KEY-----")
        .isNotEqualTo(latest.getValue());
    assertThat(latest.getProperties().getKeyId()).endsWith("/keys/pem-cert/" + v2);
    assertThat(latest.getProperties().getExpiresOn()).isNotNull();

    assertThat(secrets.listPropertiesOfSecrets().stream().map(SecretProperties::getName))
        .contains("pem-cert");
  }

  @Test
  void aCertificatesSecretIsDeletedAndRecoveredOnlyWithItsCertificate() {
    create("tied", CertificateContentType.PKCS12);

    assertThatThrownBy(() -> secrets.beginDeleteSecret("tied"))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403));
    certificates
        .beginDeleteCertificate("tied")
        .setPollInterval(Duration.ofMillis(50))
        .waitForCompletion(Duration.ofSeconds(30));

    assertThat(secrets.getDeletedSecret("tied").getRecoveryId()).endsWith("/deletedsecrets/tied");
    assertThat(secrets.listDeletedSecrets().stream()).anyMatch(d -> d.getName().equals("tied"));
    assertThatThrownBy(() -> secrets.beginRecoverDeletedSecret("tied"))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403));
    assertThatThrownBy(() -> secrets.purgeDeletedSecret("tied"))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403));
    assertThat(secrets.getDeletedSecret("tied").getProperties().isManaged()).isTrue();
  }

  @Test
  void missingSecretsAndBadNamesGetKeyVaultErrors() {
    assertThatThrownBy(() -> secrets.getSecret("nothing-here"))
        .isInstanceOf(ResourceNotFoundException.class);
    RawVaultHttp http = VAULT.http();
    String token = http.adminToken();
    RawVaultHttp.Response missingVersion =
        http.send("GET", "/secrets/nothing-here/0123?api-version=7.6", token, null);
    assertThat(missingVersion.status()).isEqualTo(404);
    assertThat(missingVersion.errorCode()).isEqualTo("SecretNotFound");
    RawVaultHttp.Response badName =
        http.send("GET", "/secrets/bad_name?api-version=7.6", token, null);
    assertThat(badName.status()).isEqualTo(400);
    assertThat(badName.errorCode()).isEqualTo("BadParameter");
  }
}
