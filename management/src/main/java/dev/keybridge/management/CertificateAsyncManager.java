package dev.keybridge.management;

import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.security.keyvault.certificates.CertificateAsyncClient;
import com.azure.security.keyvault.certificates.models.CertificateProperties;
import com.azure.security.keyvault.certificates.models.DeletedCertificate;
import com.azure.security.keyvault.certificates.models.ImportCertificateOptions;
import com.azure.security.keyvault.certificates.models.MergeCertificateOptions;
import dev.keybridge.management.certificates.CertificateChains;
import dev.keybridge.management.certificates.CertificateRequest;
import dev.keybridge.management.certificates.CertificateSigningRequest;
import dev.keybridge.management.certificates.VaultCertificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import reactor.core.publisher.Mono;

/** The asynchronous certificate operations, mirroring {@link CertificateManager}. */
public final class CertificateAsyncManager {
  private final KeyVaultClients clients;

  CertificateAsyncManager(KeyVaultClients clients) {
    this.clients = clients;
  }

  /**
   * As {@link CertificateManager#createSelfSignedCertificate}, without blocking; the future fails
   * with a {@link KeyVaultException}.
   */
  public CompletableFuture<VaultCertificate> createSelfSignedCertificate(
      String name, CertificateRequest request) {
    KeyNames.name(name);
    return KeyVaultAsyncManager.run(
        "createCertificate",
        name,
        () ->
            certificates()
                .beginCreateCertificate(name, request.toPolicy("Self"))
                .setPollInterval(clients.config().pollInterval())
                .last()
                .timeout(KeyVaultManager.LONG_RUNNING_TIMEOUT)
                .flatMap(
                    last -> {
                      if (last.getStatus() != LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
                        return Mono.error(
                            new KeyVaultException(
                                "createCertificate",
                                name,
                                0,
                                CertificateManager.failureCode(last.getValue()),
                                null,
                                "status " + last.getStatus(),
                                null));
                      }
                      return last.getFinalResult();
                    })
                .map(VaultCertificate::of));
  }

  /**
   * As {@link CertificateManager#createCertificateSigningRequest}, without blocking; the future
   * fails with a {@link KeyVaultException}.
   */
  public CompletableFuture<CertificateSigningRequest> createCertificateSigningRequest(
      String name, CertificateRequest request) {
    KeyNames.name(name);
    return KeyVaultAsyncManager.run(
        "createCertificate",
        name,
        () ->
            certificates()
                .beginCreateCertificate(name, request.toPolicy("Unknown"))
                .next()
                .map(
                    response -> new CertificateSigningRequest(name, response.getValue().getCsr())));
  }

  /**
   * As {@link CertificateManager#mergeCertificate}, without blocking; the future fails with a
   * {@link KeyVaultException}.
   */
  public CompletableFuture<VaultCertificate> mergeCertificate(
      String name, List<X509Certificate> chain) {
    KeyNames.name(name);
    List<byte[]> encoded = new ArrayList<>();
    for (X509Certificate certificate : chain) {
      try {
        encoded.add(certificate.getEncoded());
      } catch (CertificateEncodingException e) {
        throw new IllegalArgumentException(
            "cannot encode " + certificate.getSubjectX500Principal(), e);
      }
    }
    return KeyVaultAsyncManager.run(
        "mergeCertificate",
        name,
        () ->
            certificates()
                .mergeCertificate(new MergeCertificateOptions(name, encoded).setEnabled(true))
                .map(VaultCertificate::of));
  }

  /**
   * As {@link CertificateManager#importPkcs12}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public CompletableFuture<VaultCertificate> importPkcs12(
      String name, byte[] pkcs12, char[] password) {
    KeyNames.name(name);
    ImportCertificateOptions options = CertificateImports.pkcs12(name, pkcs12, password);
    return KeyVaultAsyncManager.run(
        "importCertificate",
        name,
        () -> certificates().importCertificate(options).map(VaultCertificate::of));
  }

  /**
   * As {@link CertificateManager#importPem}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public CompletableFuture<VaultCertificate> importPem(String name, String pem) {
    KeyNames.name(name);
    ImportCertificateOptions options = CertificateImports.pem(name, pem);
    return KeyVaultAsyncManager.run(
        "importCertificate",
        name,
        () -> certificates().importCertificate(options).map(VaultCertificate::of));
  }

  /**
   * As {@link CertificateManager#getCertificate}, without blocking; the future fails with a {@link
   * KeyVaultException}.
   */
  public CompletableFuture<VaultCertificate> getCertificate(String name) {
    KeyNames.name(name);
    return clients.certificateAccess().getCertificateAsync(name, null);
  }

  /**
   * The full chain (leaf, then issuers from the secret; the leaf alone if the secret is forbidden).
   */
  public CompletableFuture<List<X509Certificate>> getCertificateChain(String name) {
    return getCertificate(name)
        .thenCompose(
            certificate ->
                clients
                    .certificateAccess()
                    .getChainAsync(name, certificate.version(), certificate.x509Certificate())
                    .exceptionally(
                        failure -> {
                          Throwable cause =
                              failure.getCause() != null ? failure.getCause() : failure;
                          if (cause instanceof KeyVaultException kve
                              && CertificateChains.isPermissionDenied(
                                  kve.statusCode(), kve.innerErrorCode())) {
                            return List.of(certificate.x509Certificate());
                          }
                          throw cause instanceof RuntimeException re
                              ? re
                              : new KeyVaultException(
                                  "getCertificateChain",
                                  name,
                                  0,
                                  KeyVaultErrors.CLIENT_ERROR,
                                  null,
                                  String.valueOf(cause),
                                  cause);
                        }));
  }

  /**
   * As {@link CertificateManager#listCertificates}, without blocking; the future fails with a
   * {@link KeyVaultException}.
   */
  public Flow.Publisher<CertificateProperties> listCertificates() {
    return Paging.publisher(
        () -> certificates().listPropertiesOfCertificates(), p -> p, "listCertificates", null);
  }

  /**
   * As {@link CertificateManager#deleteCertificate}, without blocking; the future fails with a
   * {@link KeyVaultException}.
   */
  public CompletableFuture<DeletedCertificate> deleteCertificate(String name) {
    KeyNames.name(name);
    return KeyVaultAsyncManager.run(
        "deleteCertificate",
        name,
        () ->
            certificates()
                .beginDeleteCertificate(name)
                .setPollInterval(clients.config().pollInterval())
                .last()
                .timeout(KeyVaultManager.LONG_RUNNING_TIMEOUT)
                .map(response -> response.getValue()));
  }

  /**
   * As {@link CertificateManager#recoverDeletedCertificate}, without blocking; the future fails
   * with a {@link KeyVaultException}.
   */
  public CompletableFuture<VaultCertificate> recoverDeletedCertificate(String name) {
    KeyNames.name(name);
    return KeyVaultAsyncManager.run(
        "recoverDeletedCertificate",
        name,
        () ->
            certificates()
                .beginRecoverDeletedCertificate(name)
                .setPollInterval(clients.config().pollInterval())
                .last()
                .timeout(KeyVaultManager.LONG_RUNNING_TIMEOUT)
                .map(response -> VaultCertificate.of(response.getValue())));
  }

  /**
   * As {@link CertificateManager#purgeDeletedCertificate}, without blocking; the future fails with
   * a {@link KeyVaultException}.
   */
  public CompletableFuture<Void> purgeDeletedCertificate(String name) {
    KeyNames.name(name);
    return KeyVaultAsyncManager.run(
        "purgeDeletedCertificate", name, () -> certificates().purgeDeletedCertificate(name));
  }

  private CertificateAsyncClient certificates() {
    return clients.certificatesAsync();
  }
}
