package dev.keybridge.localvault.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.models.CertificateKeyCurveName;
import com.azure.security.keyvault.certificates.models.CertificateKeyType;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import com.azure.security.keyvault.certificates.models.ImportCertificateOptions;
import com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.SdkClients;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Azure's built-in roles on the certificates API: the Certificates Officer manages certificates but
 * cannot read secret values, the Certificate User reads certificates and secret values, the Reader
 * reads metadata only, the Crypto User signs with a certificate's key but cannot read the
 * certificate.
 */
class CertificateRbacTest {
  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create()
          .client("officer", "officer-secret", Role.CERTIFICATES_OFFICER)
          .client("cert-user", "cert-user-secret", Role.CERTIFICATE_USER)
          .client("reader", "reader-secret", Role.READER)
          .client("crypto", "crypto-secret", Role.CRYPTO_USER);

  private static byte[] pfx;

  @BeforeAll
  static void certificate() throws Exception {
    KeyPair keys = TestKeyPairs.get("P-256#rbac");
    pfx = CertificateFiles.pkcs12(keys, List.of(TestKeyPairs.caCertificate("CN=rbac", keys)), "");
  }

  private static void assertForbidden(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> {
              assertThat(e.getResponse().getStatusCode()).isEqualTo(403);
              assertThat(e.getMessage()).contains("ForbiddenByRbac");
            });
  }

  @Test
  void certificatesOfficerManagesCertificatesButReadsNoSecretValue() {
    SdkClients officer = VAULT.sdk("officer", "officer-secret");
    CertificateClient certs = officer.certificateClient();
    var poller =
        certs
            .beginCreateCertificate(
                "officer-made",
                new CertificatePolicy("Self", "CN=officer")
                    .setKeyType(CertificateKeyType.EC)
                    .setKeyCurveName(CertificateKeyCurveName.P_256))
            .setPollInterval(Duration.ofMillis(50));
    assertThat(poller.waitForCompletion(Duration.ofSeconds(30)).getStatus())
        .isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    assertThat(certs.importCertificate(new ImportCertificateOptions("officer-imp", pfx)))
        .isNotNull();

    assertForbidden(() -> officer.secretClient().getSecret("officer-made"));
    assertForbidden(() -> officer.keyClient().getKey("officer-made"));

    certs
        .beginDeleteCertificate("officer-imp")
        .setPollInterval(Duration.ofMillis(50))
        .waitForCompletion(Duration.ofSeconds(30));
    certs.purgeDeletedCertificate("officer-imp");
  }

  @Test
  void certificateUserReadsCertificatesAndSecretValuesOnly() {
    VAULT
        .sdk()
        .certificateClient()
        .importCertificate(new ImportCertificateOptions("for-user", pfx));
    SdkClients user = VAULT.sdk("cert-user", "cert-user-secret");

    assertThat(user.certificateClient().getCertificate("for-user").getPolicy()).isNotNull();
    assertThat(user.secretClient().getSecret("for-user").getValue()).isNotEmpty();
    assertThat(user.keyClient().getKey("for-user").getProperties().isManaged()).isTrue();

    assertForbidden(
        () ->
            user.certificateClient()
                .importCertificate(new ImportCertificateOptions("user-imp", pfx)));
    assertForbidden(() -> user.certificateClient().beginDeleteCertificate("for-user"));
  }

  @Test
  void readerSeesMetadataButNoSecretValue() {
    VAULT
        .sdk()
        .certificateClient()
        .importCertificate(new ImportCertificateOptions("for-reader", pfx));
    SdkClients reader = VAULT.sdk("reader", "reader-secret");

    assertThat(reader.certificateClient().getCertificate("for-reader").getCer()).isNotEmpty();
    assertThat(reader.certificateClient().listPropertiesOfCertificates().stream())
        .anyMatch(p -> p.getName().equals("for-reader"));
    SecretClient secrets = reader.secretClient();
    assertThat(secrets.listPropertiesOfSecrets().stream().map(SecretProperties::getName))
        .contains("for-reader");
    assertForbidden(() -> secrets.getSecret("for-reader"));
    assertForbidden(
        () ->
            reader
                .certificateClient()
                .importCertificate(new ImportCertificateOptions("reader-imp", pfx)));
  }

  @Test
  void cryptoUserSignsWithTheCertificateKeyButCannotReadTheCertificate() {
    String kid =
        VAULT
            .sdk()
            .certificateClient()
            .importCertificate(new ImportCertificateOptions("for-crypto", pfx))
            .getKeyId();
    SdkClients crypto = VAULT.sdk("crypto", "crypto-secret");

    assertThat(
            crypto
                .cryptographyClient(kid)
                .sign(SignatureAlgorithm.ES256, new byte[32])
                .getSignature())
        .hasSize(64);
    assertForbidden(() -> crypto.certificateClient().getCertificate("for-crypto"));
    assertForbidden(() -> crypto.secretClient().getSecret("for-crypto"));
  }
}
