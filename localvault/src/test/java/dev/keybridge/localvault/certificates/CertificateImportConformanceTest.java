package dev.keybridge.localvault.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.models.CertificateContentType;
import com.azure.security.keyvault.certificates.models.CertificateKeyType;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import com.azure.security.keyvault.certificates.models.ImportCertificateOptions;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificateWithPolicy;
import com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Importing PKCS#12 and PEM certificates through the official CertificateClient, and what the
 * certificate's secret then holds as the SecretClient and the JDK's KeyStore read it.
 */
class CertificateImportConformanceTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final byte[] DATA = "imported key signs".getBytes(StandardCharsets.UTF_8);

  private static KeyPair caKeys;
  private static X509Certificate ca;
  private static KeyPair rsaKeys;
  private static X509Certificate rsaLeaf;
  private static KeyPair ecKeys;
  private static X509Certificate ecLeaf;

  private final CertificateClient certificates = VAULT.sdk().certificateClient();
  private final SecretClient secrets = VAULT.sdk().secretClient();

  @BeforeAll
  static void chains() throws Exception {
    caKeys = TestKeyPairs.get("P-384#import-ca");
    ca = TestKeyPairs.caCertificate("CN=Import Test CA", caKeys);
    rsaKeys = TestKeyPairs.get("RSA-2048");
    rsaLeaf =
        TestKeyPairs.issue(
            "CN=rsa.import.test", rsaKeys.getPublic(), "CN=Import Test CA", caKeys, false);
    ecKeys = TestKeyPairs.get("P-256#import");
    ecLeaf =
        TestKeyPairs.issue(
            "CN=ec.import.test", ecKeys.getPublic(), "CN=Import Test CA", caKeys, false);
  }

  @Test
  void importsAPasswordProtectedPkcs12AndDerivesThePolicy() throws Exception {
    byte[] pfx = CertificateFiles.pkcs12(rsaKeys, List.of(rsaLeaf, ca), "pfx-pass");

    KeyVaultCertificateWithPolicy cert =
        certificates.importCertificate(
            new ImportCertificateOptions("imp-p12", pfx)
                .setPassword("pfx-pass")
                .setTags(Map.of("origin", "pkcs12")));

    assertThat(CertificateFiles.parse(cert.getCer())).isEqualTo(rsaLeaf);
    assertThat(cert.getProperties().getTags()).isEqualTo(Map.of("origin", "pkcs12"));
    CertificatePolicy policy = cert.getPolicy();
    assertThat(policy.getIssuerName()).isEqualTo("Unknown");
    assertThat(policy.getSubject()).isEqualTo("CN=rsa.import.test");
    assertThat(policy.getKeyType()).isEqualTo(CertificateKeyType.RSA);
    assertThat(policy.getKeySize()).isEqualTo(2048);
    assertThat(policy.getContentType()).isEqualTo(CertificateContentType.PKCS12);

    assertThat(VAULT.sdk().keyClient().getKey("imp-p12").getKey().toRsa().getPublic())
        .isEqualTo(rsaKeys.getPublic());
    byte[] signature =
        VAULT
            .sdk()
            .cryptographyClient(cert.getKeyId())
            .sign(SignatureAlgorithm.RS256, CertificateFiles.sha256(DATA))
            .getSignature();
    assertThat(CertificateFiles.verifies(rsaLeaf, "RS256", DATA, signature)).isTrue();

    KeyVaultSecret secret = secrets.getSecret("imp-p12");
    assertThat(secret.getProperties().getContentType()).isEqualTo("application/x-pkcs12");
    assertThat(secret.getProperties().isManaged()).isTrue();
    assertThat(secret.getProperties().getKeyId()).isEqualTo(cert.getKeyId());
    assertThat(secret.getProperties().getVersion()).isEqualTo(cert.getProperties().getVersion());
    KeyStore ks = CertificateFiles.openPkcs12Secret(secret.getValue());
    assertThat(CertificateFiles.certificates(ks)).containsExactly(rsaLeaf, ca);
    assertThat(CertificateFiles.privateKeys(ks))
        .singleElement()
        .satisfies(k -> assertThat(k.getEncoded()).isEqualTo(rsaKeys.getPrivate().getEncoded()));
  }

  @Test
  void importsPemTextWhenThePolicySaysPem() throws Exception {
    String pem = CertificateFiles.pem(ecKeys.getPrivate(), List.of(ecLeaf, ca));

    KeyVaultCertificateWithPolicy cert =
        certificates.importCertificate(
            new ImportCertificateOptions("imp-pem", pem.getBytes(StandardCharsets.US_ASCII))
                .setPolicy(
                    new CertificatePolicy("Unknown", "CN=ec.import.test")
                        .setContentType(CertificateContentType.PEM)));

    assertThat(CertificateFiles.parse(cert.getCer())).isEqualTo(ecLeaf);
    assertThat(cert.getPolicy().getContentType()).isEqualTo(CertificateContentType.PEM);
    assertThat(cert.getPolicy().getKeyType()).isEqualTo(CertificateKeyType.EC);
    KeyVaultSecret secret = secrets.getSecret("imp-pem", cert.getProperties().getVersion());
    assertThat(secret.getProperties().getContentType()).isEqualTo("application/x-pem-file");
    String value = secret.getValue();
    assertThat(value).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(value.split("-----BEGIN CERTIFICATE-----", -1)).hasSize(3);
    assertThat(value)
        .contains(
            java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(ecKeys.getPrivate().getEncoded()));
  }

  @Test
  void aNonExportablePolicyKeepsThePrivateKeyOutOfTheSecret() throws Exception {
    byte[] pfx = CertificateFiles.pkcs12(ecKeys, List.of(ecLeaf), "");

    KeyVaultCertificateWithPolicy cert =
        certificates.importCertificate(
            new ImportCertificateOptions("imp-noexport", pfx)
                .setPolicy(new CertificatePolicy("Unknown", "CN=x").setExportable(false)));

    assertThat(cert.getPolicy().isExportable()).isFalse();
    KeyStore ks = CertificateFiles.openPkcs12Secret(secrets.getSecret("imp-noexport").getValue());
    assertThat(CertificateFiles.privateKeys(ks)).isEmpty();
    assertThat(CertificateFiles.certificates(ks)).containsExactly(ecLeaf);
  }

  @Test
  void badImportsAreRefusedWith400() throws Exception {
    byte[] pfx = CertificateFiles.pkcs12(rsaKeys, List.of(rsaLeaf), "right");
    assertThatThrownBy(
            () ->
                certificates.importCertificate(
                    new ImportCertificateOptions("imp-bad", pfx).setPassword("wrong")))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> {
              assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
              assertThat(e.getMessage()).contains("pwd");
            });
    assertThatThrownBy(
            () ->
                certificates.importCertificate(
                    new ImportCertificateOptions(
                            "imp-bad",
                            CertificateFiles.pem(rsaKeys.getPrivate(), List.of(ecLeaf))
                                .getBytes(StandardCharsets.US_ASCII))
                        .setPolicy(
                            new CertificatePolicy("Unknown", "CN=x")
                                .setContentType(CertificateContentType.PEM))))
        .as("the certificate is not the private key's")
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(400));
    assertThatThrownBy(() -> certificates.getCertificate("imp-bad"))
        .isInstanceOf(com.azure.core.exception.ResourceNotFoundException.class);
  }
}
