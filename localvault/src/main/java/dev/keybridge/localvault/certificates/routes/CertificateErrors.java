package dev.keybridge.localvault.certificates.routes;

import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.keys.KeyInput;

/** The Key Vault errors of the certificates API, with the service's codes and wording. */
final class CertificateErrors {
  private CertificateErrors() {}

  /** 404 {@code CertificateNotFound} for a name, or a name and version. */
  static VaultError notFound(String name, String version) {
    String id =
        version == null || version.isEmpty() ? name : name + "/" + KeyInput.printable(version);
    return VaultError.notFound(
        "CertificateNotFound",
        "A certificate with (name/id) "
            + id
            + " was not found in this key vault. If you recently deleted this certificate you"
            + " may be able to recover it using the correct recovery command.");
  }

  /** 404 {@code PendingCertificateNotFound}: no creation operation under the name. */
  static VaultError pendingNotFound(String name) {
    return VaultError.notFound(
        "PendingCertificateNotFound", "Pending certificate not found: " + name);
  }

  /** 409 {@code Conflict}, inner {@code ObjectIsDeletedButRecoverable}. */
  static VaultError deletedButRecoverable(String kind, String name) {
    return VaultError.conflict(
        "ObjectIsDeletedButRecoverable",
        kind
            + " "
            + name
            + " is currently in a deleted but recoverable state, and its name cannot be reused;"
            + " in this state, the "
            + kind.toLowerCase(java.util.Locale.ROOT)
            + " can only be recovered or purged.");
  }

  /** 409 {@code Conflict}: a key or secret of the name exists that backs no certificate. */
  static VaultError nameTaken(String kind, String name) {
    return VaultError.conflict(
        "NameInUse",
        "A "
            + kind
            + " named "
            + name
            + " already exists and does not belong to a certificate; a certificate shares its"
            + " name with its key and its secret, so choose another name.");
  }
}
