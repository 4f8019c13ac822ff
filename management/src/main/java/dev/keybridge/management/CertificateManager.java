package dev.keybridge.management;

import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.models.CertificateContact;
import com.azure.security.keyvault.certificates.models.CertificateIssuer;
import com.azure.security.keyvault.certificates.models.CertificateOperation;
import com.azure.security.keyvault.certificates.models.CertificateProperties;
import com.azure.security.keyvault.certificates.models.DeletedCertificate;
import com.azure.security.keyvault.certificates.models.IssuerProperties;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificateWithPolicy;
import com.azure.security.keyvault.certificates.models.MergeCertificateOptions;
import dev.keybridge.management.certificates.CertificateChains;
import dev.keybridge.management.certificates.CertificateRequest;
import dev.keybridge.management.certificates.CertificateSigningRequest;
import dev.keybridge.management.certificates.VaultCertificate;
import dev.keybridge.management.certificates.VaultCertificateAccess;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Certificates for signing and TLS: create (self-signed or through an external CA's CSR), merge,
 * import, read with the full chain, delete and recover; the vault's issuers and contacts. Failures
 * are {@link KeyVaultException}s naming the operation, the certificate and the vault error code.
 * Thread-safe.
 */
public final class CertificateManager {
  private final KeyVaultClients clients;

  CertificateManager(KeyVaultClients clients) {
    this.clients = clients;
  }

  /**
   * POST /certificates/{name}/create with issuer {@code Self}, waiting until the vault has issued
   * the certificate.
   */
  public VaultCertificate createSelfSignedCertificate(String name, CertificateRequest request) {
    KeyNames.name(name);
    SyncPoller<CertificateOperation, KeyVaultCertificateWithPolicy> poller =
        KeyVaultManager.run(
            "createCertificate",
            name,
            () -> certificates().beginCreateCertificate(name, request.toPolicy("Self")));
    poller.setPollInterval(clients.config().pollInterval());
    PollResponse<CertificateOperation> last =
        KeyVaultManager.run(
            "createCertificate",
            name,
            () -> poller.waitForCompletion(KeyVaultManager.LONG_RUNNING_TIMEOUT));
    if (last.getStatus() != LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
      CertificateOperation operation = last.getValue();
      String code = failureCode(operation);
      String message =
          operation != null && operation.getError() != null
              ? operation.getError().getMessage()
              : "status " + last.getStatus();
      throw new KeyVaultException("createCertificate", name, 0, code, null, message, null);
    }
    return VaultCertificate.of(
        KeyVaultManager.run("createCertificate", name, poller::getFinalResult));
  }

  /**
   * Starts a certificate whose issuer is {@code Unknown} (an external CA) and returns the CSR the
   * vault generated; complete it with {@link #mergeCertificate}.
   */
  public CertificateSigningRequest createCertificateSigningRequest(
      String name, CertificateRequest request) {
    KeyNames.name(name);
    SyncPoller<CertificateOperation, KeyVaultCertificateWithPolicy> poller =
        KeyVaultManager.run(
            "createCertificate",
            name,
            () -> certificates().beginCreateCertificate(name, request.toPolicy("Unknown")));
    CertificateOperation operation =
        KeyVaultManager.run("createCertificate", name, () -> poller.poll().getValue());
    return new CertificateSigningRequest(name, operation.getCsr());
  }

  /** POST /certificates/{name}/pending/merge: the CA-signed chain, leaf first. */
  public VaultCertificate mergeCertificate(String name, List<X509Certificate> chain) {
    KeyNames.name(name);
    List<byte[]> encoded = new ArrayList<>();
    for (X509Certificate certificate : chain) {
      try {
        encoded.add(certificate.getEncoded());
      } catch (CertificateEncodingException e) {
        throw new IllegalArgumentException(
            "cannot encode certificate " + certificate.getSubjectX500Principal(), e);
      }
    }
    return VaultCertificate.of(
        KeyVaultManager.run(
            "mergeCertificate",
            name,
            () ->
                certificates()
                    .mergeCertificate(
                        new MergeCertificateOptions(name, encoded).setEnabled(true))));
  }

  /** POST /certificates/{name}/import of a PKCS#12 file (password may be null or empty). */
  public VaultCertificate importPkcs12(String name, byte[] pkcs12, char[] password) {
    KeyNames.name(name);
    return access().importPkcs12(name, pkcs12, password);
  }

  /** Imports a PEM bundle: the PKCS#8 private key and the certificate chain, leaf first. */
  public VaultCertificate importPem(String name, String pem) {
    KeyNames.name(name);
    return access().importPem(name, pem);
  }

  /** GET /certificates/{name}/: the latest version. */
  public VaultCertificate getCertificate(String name) {
    KeyNames.name(name);
    return access().getCertificate(name, null);
  }

  /** GET /certificates/{name}/{version}. */
  public VaultCertificate getCertificate(String name, String version) {
    KeyNames.name(name);
    KeyNames.version(version);
    return access().getCertificate(name, version);
  }

  /**
   * The full chain of the latest version: the leaf from the certificate, the issuers from the
   * certificate's secret. When the caller has no permission to read the secret (403
   * ForbiddenByRbac) the chain is the leaf alone; any other failure (a disabled secret, a secret
   * without a readable chain, say) is thrown.
   */
  public List<X509Certificate> getCertificateChain(String name) {
    VaultCertificate certificate = getCertificate(name);
    try {
      return access()
          .getChain(certificate.name(), certificate.version(), certificate.x509Certificate());
    } catch (KeyVaultException e) {
      if (CertificateChains.isPermissionDenied(e.statusCode(), e.innerErrorCode())) {
        return List.of(certificate.x509Certificate());
      }
      throw e;
    }
  }

  /** Properties of all certificates, lazily paged. */
  public Stream<CertificateProperties> listCertificates() {
    return access().listCertificates();
  }

  /** DELETE /certificates/{name}, returning the poller that waits for the deletion. */
  public SyncPoller<DeletedCertificate, Void> beginDeleteCertificate(String name) {
    KeyNames.name(name);
    return TranslatingSyncPoller.start(
        () -> certificates().beginDeleteCertificate(name),
        clients.config().pollInterval(),
        "deleteCertificate",
        name);
  }

  /** Deletes a certificate (with its key and secret) and waits for the vault to finish. */
  public DeletedCertificate deleteCertificate(String name) {
    return beginDeleteCertificate(name)
        .waitForCompletion(KeyVaultManager.LONG_RUNNING_TIMEOUT)
        .getValue();
  }

  /** Recovers a deleted certificate and waits until it is readable again. */
  public VaultCertificate recoverDeletedCertificate(String name) {
    KeyNames.name(name);
    KeyVaultCertificateWithPolicy recovered =
        TranslatingSyncPoller.start(
                () -> certificates().beginRecoverDeletedCertificate(name),
                clients.config().pollInterval(),
                "recoverDeletedCertificate",
                name)
            .waitForCompletion(KeyVaultManager.LONG_RUNNING_TIMEOUT)
            .getValue();
    return VaultCertificate.of(recovered);
  }

  /** GET /deletedcertificates/{name}: a deleted (recoverable) certificate. */
  public DeletedCertificate getDeletedCertificate(String name) {
    KeyNames.name(name);
    return KeyVaultManager.run(
        "getDeletedCertificate", name, () -> certificates().getDeletedCertificate(name));
  }

  /** Deleted certificates, lazily paged. */
  public Stream<DeletedCertificate> listDeletedCertificates() {
    return Paging.stream(
        () -> certificates().listDeletedCertificates(), c -> c, "listDeletedCertificates", null);
  }

  /** DELETE /deletedcertificates/{name}. */
  public void purgeDeletedCertificate(String name) {
    KeyNames.name(name);
    KeyVaultManager.run(
        "purgeDeletedCertificate",
        name,
        () -> {
          certificates().purgeDeletedCertificate(name);
          return null;
        });
  }

  /**
   * PUT /certificates/issuers/{name}: creates or replaces an issuer (its password is never read
   * back).
   */
  public CertificateIssuer createIssuer(CertificateIssuer issuer) {
    KeyNames.name(issuer.getName());
    return KeyVaultManager.run(
        "createIssuer", issuer.getName(), () -> certificates().createIssuer(issuer));
  }

  /** GET /certificates/issuers/{name}. */
  public CertificateIssuer getIssuer(String name) {
    KeyNames.name(name);
    return KeyVaultManager.run("getIssuer", name, () -> certificates().getIssuer(name));
  }

  /** PATCH /certificates/issuers/{name}: the properties {@code issuer} sets. */
  public CertificateIssuer updateIssuer(CertificateIssuer issuer) {
    KeyNames.name(issuer.getName());
    return KeyVaultManager.run(
        "updateIssuer", issuer.getName(), () -> certificates().updateIssuer(issuer));
  }

  /** DELETE /certificates/issuers/{name}, returning the deleted issuer. */
  public CertificateIssuer deleteIssuer(String name) {
    KeyNames.name(name);
    return KeyVaultManager.run("deleteIssuer", name, () -> certificates().deleteIssuer(name));
  }

  /** The issuers (name and provider), lazily paged. */
  public Stream<IssuerProperties> listIssuers() {
    return Paging.stream(
        () -> certificates().listPropertiesOfIssuers(), p -> p, "listIssuers", null);
  }

  /** PUT /certificates/contacts: replaces the vault's certificate contacts. */
  public List<CertificateContact> setContacts(List<CertificateContact> contacts) {
    return Paging.stream(() -> certificates().setContacts(contacts), c -> c, "setContacts", null)
        .toList();
  }

  /** GET /certificates/contacts (404 ContactsNotFound when none are set). */
  public List<CertificateContact> listContacts() {
    return Paging.stream(() -> certificates().listContacts(), c -> c, "listContacts", null)
        .toList();
  }

  /** DELETE /certificates/contacts, returning the contacts that were set. */
  public List<CertificateContact> deleteContacts() {
    return Paging.stream(() -> certificates().deleteContacts(), c -> c, "deleteContacts", null)
        .toList();
  }

  /** The vault's error code of a failed certificate operation, or CertificateOperationFailed. */
  static String failureCode(CertificateOperation operation) {
    return operation != null && operation.getError() != null
        ? operation.getError().getCode()
        : "CertificateOperationFailed";
  }

  private VaultCertificateAccess access() {
    return clients.certificateAccess();
  }

  private CertificateClient certificates() {
    return clients.certificates();
  }
}
