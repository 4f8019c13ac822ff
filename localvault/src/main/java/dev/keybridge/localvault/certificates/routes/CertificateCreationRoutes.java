package dev.keybridge.localvault.certificates.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.auth.DataActions;
import dev.keybridge.localvault.certificates.CertificateJson;
import dev.keybridge.localvault.certificates.CertificateOperation;
import dev.keybridge.localvault.certificates.CertificatePolicy;
import dev.keybridge.localvault.certificates.CsrFactory;
import dev.keybridge.localvault.certificates.MergeValidator;
import dev.keybridge.localvault.certificates.SelfSignedCertificateFactory;
import dev.keybridge.localvault.crypto.KeyMaterial;
import dev.keybridge.localvault.http.RequestBody;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;
import dev.keybridge.localvault.keys.KeyRepository;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creating certificates through the pending-operation flow: {@code POST
 * /certificates/{name}/create} (202 CertificateOperation), {@code GET|PATCH|DELETE
 * /certificates/{name}/pending} and {@code POST /certificates/{name}/pending/merge} (201
 * CertificateBundle).
 *
 * <p>Issuer {@code Self}: the key pair (per {@code key_props}, or the current key when {@code
 * reuse_key}) and the self-signed certificate are made during the create request and stored with
 * the secret as one version, so the operation is already {@code completed} (with {@code target})
 * when the 202 answer leaves; the SDK's poller finishes on its first poll. Issuer {@code Unknown}:
 * the key pair waits, sealed, with the operation ({@code inProgress}, with the CSR) until a merge
 * brings a certificate for it, or the operation is cancelled or deleted.
 */
final class CertificateCreationRoutes {
  private static final String RETRY_AFTER_SECONDS = "1";

  private final CertificateStore store;
  private final SelfSignedCertificateFactory selfSigned;

  CertificateCreationRoutes(CertificateStore store, SelfSignedCertificateFactory selfSigned) {
    this.store = store;
    this.selfSigned = selfSigned;
  }

  void register(Router router) {
    String c = "/certificates/{name}";
    router.add("POST", c + "/create", DataActions.CERTIFICATES_CREATE, this::create);
    router.add("GET", c + "/pending", DataActions.CERTIFICATES_READ, this::get);
    router.add("PATCH", c + "/pending", DataActions.CERTIFICATES_UPDATE, this::cancel);
    router.add("DELETE", c + "/pending", DataActions.CERTIFICATES_DELETE, this::delete);
    router.add("POST", c + "/pending/merge", DataActions.CERTIFICATES_CREATE, this::merge);
  }

  private VaultResponse create(VaultRequest r) {
    String name = CertificateInput.name(r);
    RequestBody b = r.jsonOrEmpty();
    JsonNode policyJson = CertificateInput.policy(b);
    Boolean enabled = CertificateInput.enabled(b);
    Map<String, String> tags = CertificateInput.tags(b);
    Optional<CertificateRecord> existing =
        store.certificates().record(name).filter(e -> !e.deleted());
    CertificatePolicy policy =
        policyJson != null
            ? CertificatePolicy.fromJson(policyJson)
            : existing
                .map(CertificateRecord::policy)
                .orElseGet(() -> CertificatePolicy.fromJson(null));
    policy = policy.forCreate();
    policy.validateForCreate();
    store.checkWritable(name);
    KeyMaterial material = store.keyFor(name, policy.keyProperties());
    Instant now = r.receivedAt();
    CertificatePolicy stored =
        policy.withTimestamps(existing.map(e -> e.policy().created()).orElse(now), now);
    String version = KeyRepository.newVersionId();
    boolean on = enabled == null || enabled;
    Map<String, String> t = tags == null ? Map.of() : tags;
    // Self-signed: the version is stored now and the operation is complete. Otherwise the
    // operation waits for a merge and keeps the key pair.
    boolean self = policy.issuer().isSelf();
    X509Certificate certificate = self ? selfSigned.create(policy, material.keyPair()) : null;
    // As in Azure, the operation carries the CSR for every issuer, and the 202 shows it as
    // started (inProgress, status_details); a self-signed one is complete at the first poll.
    CertificateOperation started =
        CertificateOperation.start(
            policy.issuer(), CsrFactory.createCsr(policy, material.keyPair()));
    CertificateOperation op = self ? started.complete() : started;
    PendingCertificate pending =
        store
            .database()
            .transaction(
                c -> {
                  store.checkWritable(name);
                  String storedName = store.certificates().savePolicy(name, stored);
                  if (self) {
                    store.addVersion(
                        name, version, stored, List.of(certificate), material, on, t, now);
                  }
                  PendingCertificate p =
                      new PendingCertificate(
                          storedName, version, op, self ? null : material, on, t);
                  store.certificates().savePending(p);
                  return p;
                });
    // As Azure: Location names the operation with the api-version and request id. Azure answers
    // Retry-After: 10, which the SDKs' pollers sleep; the local operation is done at once (or
    // waits for a merge), so 1 second.
    return VaultResponse.json(202, CertificateJson.operation(r.baseUrl(), pending.name(), started))
        .header(
            "Location",
            r.baseUrl()
                + "/certificates/"
                + pending.name()
                + "/pending?api-version="
                + r.query("api-version")
                + "&request_id="
                + started.requestId())
        .header("Retry-After", RETRY_AFTER_SECONDS);
  }

  /** The operation; while it is in progress with Retry-After, as Azure's (1 s here, see create). */
  private VaultResponse get(VaultRequest r) {
    PendingCertificate p = pending(r);
    VaultResponse answer = VaultResponse.ok(CertificateResponses.operation(p, r.baseUrl()));
    return p.operation().status().isTerminal()
        ? answer
        : answer.header("Retry-After", RETRY_AFTER_SECONDS);
  }

  /** {@code {"cancellation_requested": true}} cancels a waiting operation (409 once it ended). */
  private VaultResponse cancel(VaultRequest r) {
    CertificateInput.name(r);
    Boolean cancel = r.json().bool("cancellation_requested");
    PendingCertificate p =
        store
            .database()
            .transaction(
                c -> {
                  PendingCertificate cur = pending(r);
                  if (cancel == null || !cancel) {
                    return cur;
                  }
                  PendingCertificate next = cur.with(cur.operation().cancel());
                  store.certificates().savePending(next);
                  return next;
                });
    return VaultResponse.ok(CertificateResponses.operation(p, r.baseUrl()));
  }

  /**
   * Drops the operation (and its waiting key pair); a certificate that never got a version
   * disappears with it.
   */
  private VaultResponse delete(VaultRequest r) {
    String name = CertificateInput.name(r);
    PendingCertificate p =
        store
            .database()
            .transaction(
                c -> {
                  PendingCertificate cur = pending(r);
                  store.certificates().deletePending(name);
                  if (!store.activeRecord(name).hasVersions()) {
                    store.certificates().purge(name);
                  }
                  return cur;
                });
    return VaultResponse.ok(CertificateResponses.operation(p, r.baseUrl()));
  }

  /**
   * {@code {"x5c": [base64 DER...], "attributes"?, "tags"?}}: the certificate for the pending key
   * (any order; its issuers follow it in the secret) becomes the new version.
   */
  private VaultResponse merge(VaultRequest r) {
    String name = CertificateInput.name(r);
    RequestBody b = r.json();
    Boolean enabled = CertificateInput.enabled(b);
    Map<String, String> tags = CertificateInput.tags(b);
    PendingCertificate cur = pending(r);
    requireWaiting(cur);
    List<X509Certificate> chain =
        MergeValidator.validate(b.node().get("x5c"), cur.material().publicKey());
    Instant now = r.receivedAt();
    CertificateRecord rec =
        store
            .database()
            .transaction(
                c -> {
                  PendingCertificate p = pending(r);
                  requireWaiting(p);
                  if (!p.operation().requestId().equals(cur.operation().requestId())) {
                    throw VaultError.conflict(
                        null, "The pending operation of certificate " + name + " changed.");
                  }
                  store.checkKeyAndSecretNames(name);
                  CertificatePolicy policy = store.activeRecord(name).policy();
                  store.addVersion(
                      name,
                      p.version(),
                      policy,
                      chain,
                      p.material(),
                      enabled != null ? enabled : p.enabled(),
                      tags != null ? tags : p.tags(),
                      now);
                  store.certificates().savePending(p.with(p.operation().complete()));
                  return store.active(name);
                });
    return VaultResponse.json(
        201, CertificateResponses.bundle(store, rec, rec.latest(), r.baseUrl()));
  }

  /** The operation of an active certificate (a deleted one keeps its finished operation hidden). */
  private PendingCertificate pending(VaultRequest r) {
    String name = CertificateInput.name(r);
    boolean deleted =
        store.certificates().record(name).map(CertificateRecord::deleted).orElse(false);
    return store
        .certificates()
        .pending(name)
        .filter(p -> !deleted)
        .orElseThrow(() -> CertificateErrors.pendingNotFound(name));
  }

  private static void requireWaiting(PendingCertificate p) {
    if (!p.inProgress() || p.material() == null) {
      throw VaultError.conflict(
          null,
          "The certificate operation of "
              + p.name()
              + " is "
              + p.operation().status().wireName()
              + "; only an operation in progress accepts a merge.");
    }
  }
}
