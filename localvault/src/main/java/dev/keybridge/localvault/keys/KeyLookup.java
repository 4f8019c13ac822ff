package dev.keybridge.localvault.keys;

import dev.keybridge.localvault.VaultError;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Finding keys for requests, with Key Vault's 404 and 409 errors. */
final class KeyLookup {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyRepository repo;

  KeyLookup(KeyRepository repo) {
    this.repo = repo;
  }

  KeyRepository repository() {
    return repo;
  }

  /** The active key {@code name} or 404 KeyNotFound. */
  KeyRecord active(String name) {
    return repo.active(name).orElseThrow(() -> notFound(name, null));
  }

  /** A version ("" = latest) of the active key {@code name}, or 404 KeyNotFound. */
  KeyVersion version(String name, String version) {
    return active(name).version(version).orElseThrow(() -> notFound(name, version));
  }

  /** The deleted key {@code name}, or 404 KeyNotFound ("Deleted Key not found"). */
  KeyRecord deleted(String name) {
    return repo.deleted(name)
        .orElseThrow(() -> VaultError.notFound("KeyNotFound", "Deleted Key not found: " + name));
  }

  /**
   * Refuses to create, import or restore under a name that is soft-deleted (409
   * ObjectIsDeletedButRecoverable) or whose key backs a certificate.
   */
  void checkWritableName(String name) {
    repo.record(name)
        .ifPresent(
            r -> {
              if (r.deleted()) {
                throw VaultError.conflict(
                    "ObjectIsDeletedButRecoverable",
                    "Key "
                        + name
                        + " is currently in a deleted but recoverable state, and its name cannot be"
                        + " reused; in this state, the key can only be recovered or purged.");
              }
              if (r.managed()) {
                throw VaultError.conflict(
                    "ManagedKey",
                    "Key "
                        + name
                        + " backs a certificate; create a new certificate version instead.");
              }
            });
  }

  /** 403 for direct changes to a certificate's key. */
  static void refuseManaged(KeyRecord r, String operation) {
    if (r.managed()) {
      throw VaultError.forbidden(
          "ManagedKey",
          "Operation "
              + operation
              + " is not allowed on key "
              + r.name()
              + " because it backs a certificate; use the certificates API.");
    }
  }

  static VaultError notFound(String name, String version) {
    String id = version == null || version.isEmpty() ? name : name + "/" + version;
    return VaultError.notFound(
        "KeyNotFound",
        "A key with (name/id) "
            + KeyInput.printable(id)
            + " was not found in this key vault. If you recently deleted this key you may be able"
            + " to recover it using the correct recovery command.");
  }

  /** A new 32-character lower-case hex version id. */
  static String newVersionId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
