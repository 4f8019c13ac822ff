package dev.keybridge.localvault.certificates.routes;

import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.certificates.CertificateKeyProperties;
import dev.keybridge.localvault.certificates.CertificatePolicy;
import dev.keybridge.localvault.certificates.SecretContent;
import dev.keybridge.localvault.crypto.KeyMaterial;
import dev.keybridge.localvault.keys.KeyAttributes;
import dev.keybridge.localvault.keys.KeyRecord;
import dev.keybridge.localvault.keys.KeyRepository;
import dev.keybridge.localvault.keys.KeyVersion;
import dev.keybridge.localvault.secrets.SecretAttributes;
import dev.keybridge.localvault.secrets.SecretRecord;
import dev.keybridge.localvault.secrets.SecretRepository;
import dev.keybridge.localvault.secrets.SecretVersion;
import dev.keybridge.localvault.storage.VaultDatabase;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A certificate together with its key and its secret: one version id for all three, written in one
 * transaction, deleted, recovered and purged together. The key version is {@code managed} (usable
 * for crypto through the keys API, refused for direct update/delete there); the secret version is
 * {@code managed} and holds the chain, plus the private key when the policy makes it exportable.
 */
final class CertificateStore {
  private final CertificateRepository certificates;
  private final KeyRepository keys;
  private final SecretRepository secrets;

  CertificateStore(
      CertificateRepository certificates, KeyRepository keys, SecretRepository secrets) {
    this.certificates = certificates;
    this.keys = keys;
    this.secrets = secrets;
  }

  CertificateRepository certificates() {
    return certificates;
  }

  KeyRepository keys() {
    return keys;
  }

  SecretRepository secrets() {
    return secrets;
  }

  VaultDatabase database() {
    return certificates.database();
  }

  /** The active certificate, possibly still without a version; 404 CertificateNotFound. */
  CertificateRecord activeRecord(String name) {
    return certificates
        .record(name)
        .filter(r -> !r.deleted())
        .orElseThrow(() -> CertificateErrors.notFound(name, null));
  }

  /** The active certificate with at least one version; 404 CertificateNotFound. */
  CertificateRecord active(String name) {
    CertificateRecord r = activeRecord(name);
    if (!r.hasVersions()) {
      throw CertificateErrors.notFound(name, null);
    }
    return r;
  }

  /** The deleted certificate {@code name}; 404 CertificateNotFound. */
  CertificateRecord deleted(String name) {
    return certificates
        .record(name)
        .filter(CertificateRecord::deleted)
        .orElseThrow(
            () ->
                VaultError.notFound(
                    "CertificateNotFound", "Deleted Certificate not found: " + name));
  }

  /**
   * Refuses a new certificate version under {@code name} with 409 {@code Conflict} when the
   * certificate is soft-deleted (inner {@code ObjectIsDeletedButRecoverable}), when a key or secret
   * of that name exists that does not belong to a certificate, or when a creation is waiting for a
   * merge (inner {@code PendingCertificateOperation}).
   */
  void checkWritable(String name) {
    Optional<CertificateRecord> cert = certificates.record(name);
    if (cert.isPresent() && cert.get().deleted()) {
      throw CertificateErrors.deletedButRecoverable("Certificate", name);
    }
    checkKeyAndSecretNames(name);
    Optional<PendingCertificate> pending = certificates.pending(name);
    if (pending.isPresent() && pending.get().inProgress()) {
      throw VaultError.conflict(
          "PendingCertificateOperation",
          "Certificate "
              + name
              + " has a creation in progress; merge, cancel or delete the pending operation"
              + " first.");
    }
  }

  /**
   * 409 {@code Conflict} when a key or secret named {@code name} is soft-deleted or does not belong
   * to a certificate (e.g. a plain key created while a certificate's first version was pending).
   */
  void checkKeyAndSecretNames(String name) {
    Optional<KeyRecord> key = keys.record(name);
    if (key.isPresent() && key.get().deleted()) {
      throw CertificateErrors.deletedButRecoverable("Key", name);
    }
    if (key.isPresent() && !key.get().managed()) {
      throw CertificateErrors.nameTaken("key", name);
    }
    Optional<SecretRecord> secret = secrets.record(name);
    if (secret.isPresent() && secret.get().deleted()) {
      throw CertificateErrors.deletedButRecoverable("Secret", name);
    }
    if (secret.isPresent() && !secret.get().managed()) {
      throw CertificateErrors.nameTaken("secret", name);
    }
  }

  /**
   * The key pair of a new version: the current key of the certificate when {@code reuse_key} is set
   * and its type still fits, else a fresh one per {@code key_props}.
   */
  KeyMaterial keyFor(String name, CertificateKeyProperties props) {
    if (props.reuseKey()) {
      Optional<KeyMaterial> current =
          keys.active(name)
              .filter(k -> k.managed())
              .map(k -> k.latest().material())
              .filter(m -> m.isEc() == props.isEc() && m.keySize() == props.keySize());
      if (current.isPresent()) {
        return current.get();
      }
    }
    return KeyMaterial.generate(
        props.kty(), props.isEc() ? null : props.keySize(), null, props.curve());
  }

  /**
   * Stores a new version: the managed key (material, nbf/exp from the certificate), the managed
   * secret (content per the policy) and the certificate, under the name as first created. The
   * certificate row must exist ({@link CertificateRepository#savePolicy}); call inside a
   * transaction after {@link #checkWritable} (the pending operation of a merge aside).
   */
  CertificateVersion addVersion(
      String name,
      String version,
      CertificatePolicy policy,
      List<X509Certificate> chain,
      KeyMaterial material,
      boolean enabled,
      Map<String, String> tags,
      Instant now) {
    return database()
        .transaction(
            c -> {
              String stored = certificates.record(name).orElseThrow().name();
              X509Certificate leaf = chain.get(0);
              long nbf = leaf.getNotBefore().toInstant().getEpochSecond();
              long exp = leaf.getNotAfter().toInstant().getEpochSecond();
              long at = now.getEpochSecond();
              keys.addVersion(
                  new KeyVersion(
                      stored,
                      version,
                      material.kty(),
                      material.defaultKeyOps(),
                      new KeyAttributes(enabled, nbf, exp, at, at, false),
                      Map.of(),
                      null,
                      true,
                      material));
              String value =
                  SecretContent.build(
                      policy.contentType(),
                      chain,
                      material.keyPair().getPrivate(),
                      policy.keyProperties().exportable());
              secrets.addVersion(
                  new SecretVersion(
                      stored,
                      version,
                      value,
                      policy.contentType().mediaType(),
                      SecretAttributes.created(enabled, nbf, exp, at),
                      Map.of(),
                      true));
              CertificateVersion v =
                  new CertificateVersion(
                      stored, version, chain, policy.contentType(), enabled, now, now, tags);
              certificates.addVersion(v);
              return v;
            });
  }

  /**
   * Changes {@code enabled} and tags of a version; {@code enabled} also applies to the key and
   * secret version, so a disabled certificate can neither sign nor be read as a secret.
   */
  CertificateVersion update(
      CertificateVersion v, Boolean enabled, Map<String, String> tags, Instant now) {
    boolean on = enabled != null ? enabled : v.enabled();
    CertificateVersion next = v.with(on, now, tags != null ? tags : v.tags());
    return database()
        .transaction(
            c -> {
              certificates.updateVersion(next);
              if (on != v.enabled()) {
                long at = now.getEpochSecond();
                keys.record(v.name())
                    .flatMap(k -> k.version(v.version()))
                    .filter(KeyVersion::managed)
                    .ifPresent(
                        k -> {
                          KeyAttributes a = k.attributes();
                          keys.updateVersion(
                              k.with(
                                  k.keyOps(),
                                  a.withUpdate(on, a.nbf(), a.exp(), a.exportable(), at),
                                  k.tags(),
                                  k.releasePolicy()));
                        });
                secrets
                    .record(v.name())
                    .flatMap(s -> s.version(v.version()))
                    .filter(SecretVersion::managed)
                    .ifPresent(
                        s ->
                            secrets.updateVersion(
                                s.with(s.attributes().withEnabled(on, at), s.tags())));
              }
              return next;
            });
  }

  /**
   * Soft-deletes the certificate with its key and secret. An operation still in progress (and its
   * key material) is dropped; a finished one stays, so that a recovered certificate answers with
   * {@code pending} as Azure's does.
   */
  CertificateRecord delete(String name, Instant now) {
    return database()
        .transaction(
            c -> {
              active(name);
              long at = now.getEpochSecond();
              certificates.softDelete(name, at);
              if (certificates.pending(name).filter(PendingCertificate::inProgress).isPresent()) {
                certificates.deletePending(name);
              }
              if (keys.active(name).filter(KeyRecord::managed).isPresent()) {
                keys.softDelete(name, at);
              }
              if (secrets.active(name).filter(SecretRecord::managed).isPresent()) {
                secrets.softDelete(name, at);
              }
              return certificates.record(name).orElseThrow();
            });
  }

  /** Brings a deleted certificate back with its key and secret. */
  CertificateRecord recover(String name) {
    return database()
        .transaction(
            c -> {
              deleted(name);
              certificates.recover(name);
              if (keys.deleted(name).filter(KeyRecord::managed).isPresent()) {
                keys.recover(name);
              }
              if (secrets.deleted(name).filter(SecretRecord::managed).isPresent()) {
                secrets.recover(name);
              }
              return certificates.record(name).orElseThrow();
            });
  }

  /** Removes a deleted certificate, its key and its secret for good. */
  void purge(String name) {
    database()
        .transaction(
            c -> {
              deleted(name);
              dev.keybridge.localvault.PurgeRules.checkPurgeAllowed(c);
              purgeAll(name);
              return null;
            });
  }

  /** Purges every deleted certificate whose scheduled purge date has come. */
  void purgeExpired(Instant now) {
    database()
        .transaction(
            c -> {
              for (String lc : certificates.expired(now.getEpochSecond())) {
                purgeAll(lc);
              }
              return null;
            });
  }

  private void purgeAll(String name) {
    certificates.purge(name);
    if (keys.deleted(name).filter(KeyRecord::managed).isPresent()) {
      keys.purge(name);
    }
    if (secrets.deleted(name).filter(SecretRecord::managed).isPresent()) {
      secrets.purge(name);
    }
  }
}
