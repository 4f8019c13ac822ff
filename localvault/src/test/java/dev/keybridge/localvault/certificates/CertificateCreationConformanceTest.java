package dev.keybridge.localvault.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceModifiedException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.models.CertificateKeyCurveName;
import com.azure.security.keyvault.certificates.models.CertificateKeyType;
import com.azure.security.keyvault.certificates.models.CertificateKeyUsage;
import com.azure.security.keyvault.certificates.models.CertificateOperation;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificateWithPolicy;
import com.azure.security.keyvault.certificates.models.MergeCertificateOptions;
import com.azure.security.keyvault.certificates.models.SubjectAlternativeNames;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm;
import com.azure.security.keyvault.keys.models.KeyProperties;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Creating certificates through the official CertificateClient's pollers: issuer Self (RSA and EC,
 * with the backing key signing through the keys API) and issuer Unknown (CSR, merge with a chain
 * from a test CA, cancel, delete).
 */
class CertificateCreationConformanceTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private final CertificateClient certificates = VAULT.sdk().certificateClient();
  private final KeyClient keys = VAULT.sdk().keyClient();

  private static final byte[] DATA =
      "signed through the certificate's key".getBytes(StandardCharsets.UTF_8);

  private KeyVaultCertificateWithPolicy create(String name, CertificatePolicy policy) {
    SyncPoller<CertificateOperation, KeyVaultCertificateWithPolicy> poller =
        certificates.beginCreateCertificate(name, policy).setPollInterval(Duration.ofMillis(50));
    PollResponse<CertificateOperation> done = poller.waitForCompletion(Duration.ofSeconds(30));
    assertThat(done.getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    assertThat(done.getValue().getTarget()).endsWith("/certificates/" + name);
    return poller.getFinalResult();
  }

  @Test
  void selfSignedRsaCertificateHasItsPolicyAndAKeyThatSigns() throws Exception {
    CertificatePolicy policy =
        new CertificatePolicy("Self", "CN=rsa.example.test")
            .setKeyType(CertificateKeyType.RSA)
            .setKeySize(2048)
            .setSubjectAlternativeNames(
                new SubjectAlternativeNames().setDnsNames(List.of("rsa.example.test")))
            .setKeyUsage(
                CertificateKeyUsage.DIGITAL_SIGNATURE, CertificateKeyUsage.KEY_ENCIPHERMENT)
            .setEnhancedKeyUsage(List.of("1.3.6.1.5.5.7.3.1"))
            .setValidityInMonths(6);

    KeyVaultCertificateWithPolicy cert = create("rsa-cert", policy);

    X509Certificate x509 = CertificateFiles.parse(cert.getCer());
    assertThat(x509.getSubjectX500Principal().getName()).isEqualTo("CN=rsa.example.test");
    assertThat(x509.getIssuerX500Principal()).isEqualTo(x509.getSubjectX500Principal());
    assertThat(x509.getSubjectAlternativeNames()).containsExactly(List.of(2, "rsa.example.test"));
    assertThat(x509.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    x509.verify(x509.getPublicKey());
    String version = cert.getProperties().getVersion();
    assertThat(version).matches("[0-9a-f]{32}");
    assertThat(cert.getKeyId()).endsWith("/keys/rsa-cert/" + version);
    assertThat(cert.getSecretId()).endsWith("/secrets/rsa-cert/" + version);
    assertThat(cert.getPolicy().getSubject()).isEqualTo("CN=rsa.example.test");
    assertThat(cert.getPolicy().getValidityInMonths()).isEqualTo(6);
    assertThat(cert.getPolicy().getIssuerName()).isEqualTo("Self");
    assertThat(cert.getProperties().getExpiresOn().toInstant())
        .isEqualTo(x509.getNotAfter().toInstant());

    KeyVaultKey key = keys.getKey("rsa-cert");
    assertThat(key.getProperties().isManaged()).isTrue();
    assertThat(key.getProperties().getVersion()).isEqualTo(version);
    assertThat(key.getKey().toRsa().getPublic()).isEqualTo(x509.getPublicKey());
    assertThat(keys.listPropertiesOfKeys().stream().filter(k -> k.getName().equals("rsa-cert")))
        .singleElement()
        .extracting(KeyProperties::isManaged)
        .isEqualTo(true);

    byte[] signature =
        VAULT
            .sdk()
            .cryptographyClient(cert.getKeyId())
            .sign(SignatureAlgorithm.RS256, CertificateFiles.sha256(DATA))
            .getSignature();
    assertThat(CertificateFiles.verifies(x509, "RS256", DATA, signature)).isTrue();
  }

  @Test
  void selfSignedEcCertificateSignsWithTheVersionlessKeyId() throws Exception {
    CertificatePolicy policy =
        new CertificatePolicy("Self", "CN=ec.example.test")
            .setKeyType(CertificateKeyType.EC)
            .setKeyCurveName(CertificateKeyCurveName.P_256)
            .setExportable(false);

    KeyVaultCertificateWithPolicy cert = create("ec-cert", policy);

    X509Certificate x509 = CertificateFiles.parse(cert.getCer());
    assertThat(x509.getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(cert.getPolicy().getKeyCurveName()).isEqualTo(CertificateKeyCurveName.P_256);
    assertThat(cert.getPolicy().isExportable()).isFalse();
    String versionless = VAULT.vault().url() + "/keys/ec-cert";
    byte[] signature =
        VAULT
            .sdk()
            .cryptographyClient(versionless)
            .sign(SignatureAlgorithm.ES256, CertificateFiles.sha256(DATA))
            .getSignature();
    assertThat(signature).hasSize(64);
    assertThat(CertificateFiles.verifies(x509, "ES256", DATA, signature)).isTrue();

    KeyVaultSecret secret = VAULT.sdk().secretClient().getSecret("ec-cert");
    KeyStore ks = CertificateFiles.openPkcs12Secret(secret.getValue());
    assertThat(CertificateFiles.privateKeys(ks)).as("not exportable: no private key").isEmpty();
    assertThat(CertificateFiles.certificates(ks)).containsExactly(x509);
  }

  @Test
  void aSecondCreateMakesANewVersionOfCertificateKeyAndSecret() {
    CertificatePolicy policy =
        new CertificatePolicy("Self", "CN=twice")
            .setKeyType(CertificateKeyType.EC)
            .setKeyCurveName(CertificateKeyCurveName.P_384);
    String first = create("twice", policy).getProperties().getVersion();
    String second = create("twice", policy).getProperties().getVersion();

    assertThat(second).isNotEqualTo(first);
    assertThat(keys.getKey("twice").getProperties().getVersion()).isEqualTo(second);
    assertThat(VAULT.sdk().secretClient().getSecret("twice").getProperties().getVersion())
        .isEqualTo(second);
    assertThat(certificates.listPropertiesOfCertificateVersions("twice").stream().count())
        .isEqualTo(2);
  }

  @Test
  void unknownIssuerWaitsForTheMergeOfACaSignedCertificate() throws Exception {
    CertificatePolicy policy =
        new CertificatePolicy("Unknown", "CN=merged.example.test")
            .setKeyType(CertificateKeyType.EC)
            .setKeyCurveName(CertificateKeyCurveName.P_256);
    SyncPoller<CertificateOperation, KeyVaultCertificateWithPolicy> poller =
        certificates
            .beginCreateCertificate("merged", policy)
            .setPollInterval(Duration.ofMillis(50));
    PollResponse<CertificateOperation> pending = poller.poll();
    assertThat(pending.getStatus()).isEqualTo(LongRunningOperationStatus.IN_PROGRESS);
    assertThat(certificates.getCertificatePolicy("merged").getIssuerName()).isEqualTo("Unknown");
    assertThatThrownBy(() -> certificates.getCertificate("merged"))
        .isInstanceOf(ResourceNotFoundException.class);

    JcaPKCS10CertificationRequest csr =
        new JcaPKCS10CertificationRequest(
            new PKCS10CertificationRequest(pending.getValue().getCsr()));
    assertThat(csr.getSubject().toString()).isEqualTo("CN=merged.example.test");
    KeyPair caKeys = TestKeyPairs.get("P-384#merge-ca");
    X509Certificate ca = TestKeyPairs.caCertificate("CN=Merge Test CA", caKeys);
    X509Certificate leaf =
        TestKeyPairs.issue(
            "CN=merged.example.test", csr.getPublicKey(), "CN=Merge Test CA", caKeys, false);

    assertThatThrownBy(
            () ->
                certificates.mergeCertificate(
                    new MergeCertificateOptions("merged", List.of(ca.getEncoded()))))
        .as("the CA certificate does not carry the pending key")
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(400));

    // MergeCertificateOptions keeps 'enabled' in a primitive boolean, so the SDK sends
    // "enabled": false unless it is set; the vault honours what is sent.
    KeyVaultCertificateWithPolicy merged =
        certificates.mergeCertificate(
            new MergeCertificateOptions("merged", List.of(ca.getEncoded(), leaf.getEncoded()))
                .setEnabled(true)
                .setTags(Map.of("source", "ca")));
    assertThat(merged.getProperties().isEnabled()).isTrue();
    assertThat(CertificateFiles.parse(merged.getCer())).isEqualTo(leaf);
    assertThat(merged.getProperties().getTags()).isEqualTo(Map.of("source", "ca"));
    assertThat(poller.waitForCompletion(Duration.ofSeconds(30)).getStatus())
        .isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);

    KeyStore secret =
        CertificateFiles.openPkcs12Secret(
            VAULT.sdk().secretClient().getSecret("merged").getValue());
    assertThat(CertificateFiles.certificates(secret)).containsExactly(leaf, ca);
    assertThat(CertificateFiles.privateKeys(secret)).hasSize(1);
    byte[] signature =
        VAULT
            .sdk()
            .cryptographyClient(merged.getKeyId())
            .sign(SignatureAlgorithm.ES256, CertificateFiles.sha256(DATA))
            .getSignature();
    assertThat(CertificateFiles.verifies(leaf, "ES256", DATA, signature)).isTrue();
  }

  @Test
  void aPendingOperationCanBeCancelledAndDeleted() {
    CertificatePolicy policy =
        new CertificatePolicy("Unknown", "CN=cancelled")
            .setKeyType(CertificateKeyType.EC)
            .setKeyCurveName(CertificateKeyCurveName.P_256);
    certificates.beginCreateCertificate("cancelled", policy).poll();
    assertThatThrownBy(() -> certificates.beginCreateCertificate("cancelled", policy))
        .as("a second create while the first waits for a merge")
        .isInstanceOf(ResourceModifiedException.class);

    CertificateOperation cancelled = certificates.cancelCertificateOperation("cancelled");
    assertThat(cancelled.getStatus()).isEqualTo("cancelled");
    assertThat(cancelled.getCancellationRequested()).isTrue();
    assertThat(certificates.listPropertiesOfCertificates(true, null).stream())
        .anyMatch(p -> p.getName().equals("cancelled"));
    assertThat(certificates.listPropertiesOfCertificates().stream())
        .noneMatch(p -> p.getName().equals("cancelled"));

    CertificateOperation deleted = certificates.deleteCertificateOperation("cancelled");
    assertThat(deleted.getRequestId()).isEqualTo(cancelled.getRequestId());
    assertThatThrownBy(() -> certificates.getCertificateOperation("cancelled").poll())
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> certificates.getCertificatePolicy("cancelled"))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void aPlainKeyMadeWhileTheCertificateWaitsBlocksTheMerge() throws Exception {
    CertificatePolicy policy =
        new CertificatePolicy("Unknown", "CN=raced")
            .setKeyType(CertificateKeyType.EC)
            .setKeyCurveName(CertificateKeyCurveName.P_256);
    byte[] csrDer = certificates.beginCreateCertificate("raced", policy).poll().getValue().getCsr();
    keys.createEcKey(new com.azure.security.keyvault.keys.models.CreateEcKeyOptions("raced"));
    JcaPKCS10CertificationRequest csr =
        new JcaPKCS10CertificationRequest(new PKCS10CertificationRequest(csrDer));
    KeyPair caKeys = TestKeyPairs.get("P-256#raced-ca");
    X509Certificate leaf =
        TestKeyPairs.issue("CN=raced", csr.getPublicKey(), "CN=Raced CA", caKeys, false);

    assertThatThrownBy(
            () ->
                certificates.mergeCertificate(
                    new MergeCertificateOptions("raced", List.of(leaf.getEncoded()))))
        .isInstanceOf(ResourceModifiedException.class);
    assertThat(keys.getKey("raced").getProperties().isManaged()).isNotEqualTo(Boolean.TRUE);
    assertThat(certificates.getCertificateOperation("raced").poll().getValue().getStatus())
        .isEqualTo("inProgress");
  }

  @Test
  void invalidPoliciesAndTakenNamesAreRefused() {
    assertThatThrownBy(
            () ->
                certificates.beginCreateCertificate(
                    "bad-size",
                    new CertificatePolicy("Self", "CN=x")
                        .setKeyType(CertificateKeyType.RSA)
                        .setKeySize(1000)))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> {
              assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
              assertThat(e.getMessage()).contains("key_props.key_size");
            });
    assertThatThrownBy(
            () ->
                certificates.beginCreateCertificate(
                    "bad-issuer", new CertificatePolicy("DigiCert", "CN=x")))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(400));

    keys.createEcKey(new com.azure.security.keyvault.keys.models.CreateEcKeyOptions("plain-key"));
    assertThatThrownBy(
            () ->
                certificates.beginCreateCertificate(
                    "plain-key", new CertificatePolicy("Self", "CN=plain")))
        .as("a key of that name that belongs to no certificate")
        .isInstanceOf(ResourceModifiedException.class);
    assertThatThrownBy(() -> certificates.getCertificate("no-such-cert"))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> certificates.getCertificateVersion("rsa-cert-missing", "0123"))
        .isInstanceOf(ResourceNotFoundException.class);
  }
}
