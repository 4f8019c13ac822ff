package dev.keybridge.localvault.certificates.routes;

import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.certificates.CertificatePolicy;
import dev.keybridge.localvault.certificates.SelfSignedCertificateFactory;
import dev.keybridge.localvault.crypto.KeyMaterial;
import dev.keybridge.localvault.keys.KeyRepository;
import dev.keybridge.localvault.lifecycle.VaultEvents;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A policy's {@code AutoRenew} lifetime action carried out: the next version of a certificate with
 * issuer {@code Self}, made from the certificate's current policy (a new key pair per {@code
 * key_props}, or the current key with {@code reuse_key}), with the tags and {@code enabled} of the
 * version it renews, then {@code Microsoft.KeyVault.CertificateNewVersionCreated}. The local vault
 * asks no CA, so certificates of other issuers are not renewed (their {@code AutoRenew} stays
 * stored); nor is one with a creation in progress, which that creation will renew.
 */
final class CertificateRenewal {
  private final CertificateStore store;
  private final SelfSignedCertificateFactory selfSigned;
  private final VaultEvents events;

  CertificateRenewal(
      CertificateStore store, SelfSignedCertificateFactory selfSigned, VaultEvents events) {
    this.store = store;
    this.selfSigned = selfSigned;
    this.events = events;
  }

  /**
   * Renews {@code rec} if {@code renewed} is still its latest version.
   *
   * @return the new version, or null when nothing was renewed
   */
  CertificateVersion renew(CertificateRecord rec, CertificateVersion renewed, Instant now) {
    CertificatePolicy policy = rec.policy();
    if (!policy.issuer().isSelf()) {
      return null;
    }
    KeyMaterial material = store.keyFor(rec.name(), policy.keyProperties());
    X509Certificate certificate = selfSigned.create(policy, material.keyPair());
    String version = KeyRepository.newVersionId();
    CertificateVersion next;
    try {
      next =
          store
              .database()
              .transaction(
                  c -> {
                    CertificateRecord cur = store.active(rec.name());
                    if (!cur.latest().version().equals(renewed.version())) {
                      return null;
                    }
                    store.checkWritable(rec.name());
                    return store.addVersion(
                        rec.name(),
                        version,
                        policy,
                        List.of(certificate),
                        material,
                        renewed.enabled(),
                        renewed.tags(),
                        now);
                  });
    } catch (VaultError e) {
      // Deleted, or a creation waits for a merge, since the record was read: nothing to renew.
      return null;
    }
    if (next != null) {
      events.emitOnce(
          VaultEvents.ObjectType.CERTIFICATE,
          "NewVersionCreated",
          next.name(),
          next.version(),
          certificate.getNotBefore().toInstant().getEpochSecond(),
          certificate.getNotAfter().toInstant().getEpochSecond());
    }
    return next;
  }
}
