package dev.keybridge.localvault.secrets;

import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.keys.KeyInput;

/** Finding secrets for requests, with Key Vault's 404 and 403 errors. */
final class SecretLookup {
  private final SecretRepository repo;

  SecretLookup(SecretRepository repo) {
    this.repo = repo;
  }

  SecretRepository repository() {
    return repo;
  }

  /** Checks a secret name (400 BadParameter for an invalid one). */
  static String name(String name) {
    return KeyInput.name(name, "secret");
  }

  /** The active secret {@code name} or 404 SecretNotFound. */
  SecretRecord active(String name) {
    return repo.active(name).orElseThrow(() -> notFound(name, null));
  }

  /** A version ("" = latest) of the active secret {@code name}, or 404 SecretNotFound. */
  SecretVersion version(String name, String version) {
    return active(name).version(version).orElseThrow(() -> notFound(name, version));
  }

  /** The deleted secret {@code name}, or 404 SecretNotFound ("Deleted Secret not found"). */
  SecretRecord deleted(String name) {
    return repo.deleted(name)
        .orElseThrow(
            () -> VaultError.notFound("SecretNotFound", "Deleted Secret not found: " + name));
  }

  /**
   * 403 {@code Forbidden} (inner {@code SecretManagedByKeyVault}, Key Vault's code) for direct
   * changes to the secret of a certificate: setting, updating, deleting, recovering, purging or
   * backing it up goes through the certificates API.
   */
  static void refuseManaged(SecretRecord r, String operation) {
    if (r.managed()) {
      throw VaultError.forbidden(
          "SecretManagedByKeyVault",
          "Operation \""
              + operation
              + "\" is not allowed as this object's lifetime is managed by Key Vault: secret "
              + r.name()
              + " backs a certificate; use the certificates API.");
    }
  }

  /**
   * Refuses a new version under {@code name} when the name is soft-deleted (409 {@code Conflict},
   * inner {@code ObjectIsDeletedButRecoverable}) or its secret backs a certificate (403, see {@link
   * #refuseManaged}).
   */
  void checkWritableName(String name, String operation) {
    repo.record(name)
        .ifPresent(
            r -> {
              if (r.deleted()) {
                throw VaultError.conflict(
                    "ObjectIsDeletedButRecoverable",
                    "Secret "
                        + name
                        + " is currently in a deleted but recoverable state, and its name cannot be"
                        + " reused; in this state, the secret can only be recovered or purged.");
              }
              refuseManaged(r, operation);
            });
  }

  static VaultError notFound(String name, String version) {
    String id =
        version == null || version.isEmpty() ? name : name + "/" + KeyInput.printable(version);
    return VaultError.notFound(
        "SecretNotFound",
        "A secret with (name/id) "
            + id
            + " was not found in this key vault. If you recently deleted this secret you may be"
            + " able to recover it using the correct recovery command.");
  }
}
