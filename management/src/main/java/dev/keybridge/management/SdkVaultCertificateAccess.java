package dev.keybridge.management;

import com.azure.core.http.rest.PagedResponse;
import com.azure.security.keyvault.certificates.CertificateAsyncClient;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.models.CertificateProperties;
import com.azure.security.keyvault.certificates.models.ImportCertificateOptions;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificate;
import com.azure.security.keyvault.keys.KeyAsyncClient;
import com.azure.security.keyvault.keys.models.KeyProperties;
import com.azure.security.keyvault.secrets.SecretAsyncClient;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import dev.keybridge.management.certificates.CertificateChains;
import dev.keybridge.management.certificates.VaultCertificate;
import dev.keybridge.management.certificates.VaultCertificateAccess;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@link VaultCertificateAccess} through the official SDK's certificate, secret and (for the
 * listing) key clients, all on one credential's pipeline over the shared connection. Errors are
 * translated in one place ({@link KeyVaultErrors}).
 */
final class SdkVaultCertificateAccess implements VaultCertificateAccess {
  private static final String CHAIN_OPERATION = "getCertificateChain";

  private final Supplier<CertificateClient> certificates;
  private final Supplier<CertificateAsyncClient> certificatesAsync;
  private final Supplier<SecretClient> secrets;
  private final Supplier<SecretAsyncClient> secretsAsync;
  private final Supplier<KeyAsyncClient> keysAsync;

  SdkVaultCertificateAccess(
      Supplier<CertificateClient> certificates,
      Supplier<CertificateAsyncClient> certificatesAsync,
      Supplier<SecretClient> secrets,
      Supplier<SecretAsyncClient> secretsAsync,
      Supplier<KeyAsyncClient> keysAsync) {
    this.certificates = certificates;
    this.certificatesAsync = certificatesAsync;
    this.secrets = secrets;
    this.secretsAsync = secretsAsync;
    this.keysAsync = keysAsync;
  }

  @Override
  public VaultCertificate getCertificate(String name, String version) {
    String label = label(name, version);
    CertificateClient client = certificates.get();
    KeyVaultCertificate certificate =
        KeyVaultManager.run(
            "getCertificate",
            label,
            () ->
                version == null
                    ? client.getCertificate(name)
                    : client.getCertificateVersion(name, version));
    return parsed("getCertificate", label, certificate);
  }

  @Override
  public CompletableFuture<VaultCertificate> getCertificateAsync(String name, String version) {
    String label = label(name, version);
    CertificateAsyncClient client = certificatesAsync.get();
    return KeyVaultAsyncManager.run(
        "getCertificate",
        label,
        () ->
            (version == null
                    ? client.getCertificate(name).map(KeyVaultCertificate.class::cast)
                    : client.getCertificateVersion(name, version))
                .map(certificate -> parsed("getCertificate", label, certificate)));
  }

  @Override
  public List<X509Certificate> getChain(String name, String version, X509Certificate leaf) {
    String label = label(name, version);
    SecretClient client = secrets.get();
    KeyVaultSecret secret =
        KeyVaultManager.run(CHAIN_OPERATION, label, () -> client.getSecret(name, version));
    return CertificateChains.order(leaf, certificatesOf(label, secret));
  }

  @Override
  public CompletableFuture<List<X509Certificate>> getChainAsync(
      String name, String version, X509Certificate leaf) {
    String label = label(name, version);
    SecretAsyncClient client = secretsAsync.get();
    return KeyVaultAsyncManager.run(
        CHAIN_OPERATION,
        label,
        () ->
            client
                .getSecret(name, version)
                .map(secret -> CertificateChains.order(leaf, certificatesOf(label, secret))));
  }

  @Override
  public CompletableFuture<VersionChain> getLatestChainAsync(String name, byte[] leafThumbprint) {
    SecretAsyncClient client = secretsAsync.get();
    byte[] wanted = leafThumbprint.clone();
    return KeyVaultAsyncManager.run(
        CHAIN_OPERATION,
        name,
        () ->
            client
                .getSecret(name)
                .map(
                    secret -> {
                      String version = secret.getProperties().getVersion();
                      List<X509Certificate> certificates =
                          certificatesOf(label(name, version), secret);
                      for (X509Certificate certificate : certificates) {
                        if (Arrays.equals(CertificateChains.thumbprint(certificate), wanted)) {
                          return new VersionChain(
                              version, CertificateChains.order(certificate, certificates));
                        }
                      }
                      throw new KeyVaultException(
                          CHAIN_OPERATION,
                          label(name, version),
                          200,
                          LEAF_NOT_IN_SECRET,
                          null,
                          "the certificate's secret holds no certificate with the listed thumbprint"
                              + " (a newer version?)",
                          null);
                    }));
  }

  /**
   * Every certificate of a certificate's secret; an unreadable one is {@link #CHAIN_UNREADABLE}.
   */
  private static List<X509Certificate> certificatesOf(String label, KeyVaultSecret secret) {
    try {
      return CertificateChains.fromSecret(
          secret.getProperties().getContentType(), secret.getValue());
    } catch (GeneralSecurityException e) {
      throw new KeyVaultException(
          CHAIN_OPERATION,
          label,
          200,
          CHAIN_UNREADABLE,
          null,
          "cannot read the certificate chain from its secret: " + e.getMessage(),
          e);
    }
  }

  @Override
  public Stream<CertificateProperties> listCertificates() {
    return Paging.stream(
        () -> certificates.get().listPropertiesOfCertificates(), p -> p, "listCertificates", null);
  }

  @Override
  public Listing listKeysAndCertificates() {
    CompletableFuture<Void> firstKeyPage = new CompletableFuture<>();
    CompletableFuture<List<KeyProperties>> keyList =
        keysAsync
            .get()
            .listPropertiesOfKeys()
            .byPage()
            .doOnNext(page -> firstKeyPage.complete(null))
            .doFinally(signal -> firstKeyPage.complete(null))
            .concatMapIterable(PagedResponse::getValue)
            .collectList()
            .toFuture();
    firstKeyPage.join();
    CompletableFuture<List<CertificateProperties>> certificateList =
        keyList.isCompletedExceptionally()
            ? CompletableFuture.completedFuture(List.of())
            : certificatesAsync.get().listPropertiesOfCertificates().collectList().toFuture();
    List<KeyProperties> keys;
    try {
      keys = keyList.join();
    } catch (RuntimeException e) {
      throw KeyVaultErrors.translate(e, "listKeys", null);
    }
    try {
      return new Listing(keys, certificateList.join(), null);
    } catch (RuntimeException e) {
      return new Listing(keys, List.of(), KeyVaultErrors.translate(e, "listCertificates", null));
    }
  }

  @Override
  public VaultCertificate importPkcs12(String name, byte[] pkcs12, char[] password) {
    return imported(name, CertificateImports.pkcs12(name, pkcs12, password));
  }

  @Override
  public VaultCertificate importPem(String name, String pem) {
    return imported(name, CertificateImports.pem(name, pem));
  }

  private VaultCertificate imported(String name, ImportCertificateOptions options) {
    CertificateClient client = certificates.get();
    return parsed(
        "importCertificate",
        name,
        KeyVaultManager.run("importCertificate", name, () -> client.importCertificate(options)));
  }

  @Override
  public void deleteCertificate(String name) {
    CertificateClient client = certificates.get();
    KeyVaultManager.run("deleteCertificate", name, () -> client.beginDeleteCertificate(name));
  }

  /** The certificate with its parsed leaf; a missing or unreadable {@code cer} is a failure. */
  private static VaultCertificate parsed(
      String operation, String label, KeyVaultCertificate certificate) {
    byte[] cer = certificate.getCer();
    if (cer == null || cer.length == 0) {
      throw new KeyVaultException(
          operation,
          label,
          200,
          CERTIFICATE_WITHOUT_CER,
          null,
          "the vault returned the certificate without its DER (cer)",
          null);
    }
    try {
      return VaultCertificate.of(certificate);
    } catch (IllegalArgumentException e) {
      throw new KeyVaultException(
          operation, label, 200, CERTIFICATE_UNPARSEABLE, null, e.getMessage(), e);
    }
  }

  private static String label(String name, String version) {
    return version == null ? name : name + "/" + version;
  }
}
