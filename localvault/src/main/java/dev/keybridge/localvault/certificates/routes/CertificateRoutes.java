package dev.keybridge.localvault.certificates.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.auth.DataActions;
import dev.keybridge.localvault.certificates.CertificateImport;
import dev.keybridge.localvault.certificates.CertificatePolicy;
import dev.keybridge.localvault.certificates.ImportedCertificate;
import dev.keybridge.localvault.crypto.KeyMaterial;
import dev.keybridge.localvault.http.ListPages;
import dev.keybridge.localvault.http.RequestBody;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;
import dev.keybridge.localvault.keys.KeyRepository;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Certificate routes: import, get (latest, version, empty version), update (enabled, tags, policy),
 * list ({@code includePending}) and list versions. Creation and its pending operation, the policy,
 * and deletion have their own route classes.
 */
final class CertificateRoutes {
  private final CertificateStore store;

  CertificateRoutes(CertificateStore store) {
    this.store = store;
  }

  void register(Router router) {
    String c = "/certificates/{name}";
    router.add("POST", c + "/import", DataActions.CERTIFICATES_IMPORT, this::importCertificate);
    router.add("GET", c, DataActions.CERTIFICATES_READ, this::get);
    router.add("GET", c + "/{version?}", DataActions.CERTIFICATES_READ, this::get);
    router.add("PATCH", c, DataActions.CERTIFICATES_UPDATE, this::update);
    router.add("PATCH", c + "/{version?}", DataActions.CERTIFICATES_UPDATE, this::update);
    router.add("GET", "/certificates", DataActions.CERTIFICATES_READ, this::list);
    router.add("GET", c + "/versions", DataActions.CERTIFICATES_READ, this::versions);
  }

  /**
   * {@code POST /certificates/{name}/import}: PKCS#12 (base64) or PEM, with {@code pwd}. Without a
   * policy the certificate keeps its current policy (adjusted to the imported certificate) or gets
   * one derived from the certificate; a policy without {@code secret_props.contentType} keeps the
   * format the value came in.
   */
  private VaultResponse importCertificate(VaultRequest r) {
    String name = CertificateInput.name(r);
    RequestBody b = r.json();
    String value = b.string("value");
    String password = b.string("pwd");
    JsonNode policyJson = CertificateInput.policy(b);
    Boolean enabled = CertificateInput.enabled(b);
    Map<String, String> tags = CertificateInput.tags(b);
    ImportedCertificate imported = CertificateImport.parse(value, password);
    Optional<CertificateRecord> existing =
        store.certificates().record(name).filter(e -> !e.deleted());
    CertificatePolicy policy;
    if (policyJson != null) {
      policy = CertificatePolicy.fromJson(policyJson).describing(imported.leaf());
      if (!policyJson.path("secret_props").path("contentType").isTextual()) {
        policy =
            new CertificatePolicy(
                policy.keyProperties(),
                imported.contentType(),
                policy.x509Properties(),
                policy.lifetimeActions(),
                policy.issuer(),
                policy.enabled(),
                null,
                null);
      }
    } else if (existing.isPresent()) {
      policy = existing.get().policy().describing(imported.leaf());
    } else {
      policy = CertificatePolicy.fromCertificate(imported.leaf(), imported.contentType());
    }
    KeyMaterial material =
        KeyMaterial.fromKeyPair(imported.keyPair(), policy.keyProperties().hsm());
    store.checkWritable(name);
    Instant now = r.receivedAt();
    CertificatePolicy stored =
        policy.withTimestamps(existing.map(e -> e.policy().created()).orElse(now), now);
    String version = KeyRepository.newVersionId();
    CertificateRecord rec =
        store
            .database()
            .transaction(
                c -> {
                  store.checkWritable(name);
                  store.certificates().savePolicy(name, stored);
                  store.addVersion(
                      name,
                      version,
                      stored,
                      imported.chain(),
                      material,
                      enabled == null || enabled,
                      tags == null ? Map.of() : tags,
                      now);
                  return store.active(name);
                });
    return VaultResponse.ok(CertificateResponses.bundle(store, rec, rec.latest(), r.baseUrl()));
  }

  private VaultResponse get(VaultRequest r) {
    String name = CertificateInput.name(r);
    String version = CertificateInput.version(r);
    CertificateRecord rec = store.active(name);
    CertificateVersion v =
        rec.version(version).orElseThrow(() -> CertificateErrors.notFound(name, version));
    // As Azure: a GET naming a version answers that version without the policy and pending.
    return VaultResponse.ok(
        version.isEmpty()
            ? CertificateResponses.bundle(store, rec, v, r.baseUrl())
            : CertificateResponses.versionBundle(rec, v, r.baseUrl()));
  }

  /**
   * {@code PATCH /certificates/{name}/{version}}: {@code attributes.enabled} (applied to the key
   * and secret version too), {@code tags} (replaced) and {@code policy} (merged into the current
   * one). {@code nbf}/{@code exp} are the certificate's and cannot be changed.
   */
  private VaultResponse update(VaultRequest r) {
    String name = CertificateInput.name(r);
    String version = CertificateInput.version(r);
    RequestBody b = r.jsonOrEmpty();
    Boolean enabled = CertificateInput.enabled(b);
    Map<String, String> tags = CertificateInput.tags(b);
    JsonNode policyJson = CertificateInput.policy(b);
    Instant now = r.receivedAt();
    CertificateVersion[] updated = new CertificateVersion[1];
    CertificateRecord rec =
        store
            .database()
            .transaction(
                c -> {
                  CertificateRecord cur = store.active(name);
                  CertificateVersion v =
                      cur.version(version)
                          .orElseThrow(() -> CertificateErrors.notFound(name, version));
                  updated[0] = store.update(v, enabled, tags, now);
                  if (policyJson != null) {
                    CertificatePolicy p = cur.policy();
                    store
                        .certificates()
                        .savePolicy(name, p.update(policyJson).withTimestamps(p.created(), now));
                  }
                  return store.active(name);
                });
    return VaultResponse.ok(CertificateResponses.bundle(store, rec, updated[0], r.baseUrl()));
  }

  private VaultResponse list(VaultRequest r) {
    return list(r, store, false, rec -> CertificateResponses.item(rec, r.baseUrl()));
  }

  /**
   * A page of the active or deleted certificates (those without a version only with {@code
   * includePending}); a deleted list purges the expired ones first.
   */
  static VaultResponse list(
      VaultRequest r,
      CertificateStore store,
      boolean deleted,
      Function<CertificateRecord, ? extends JsonNode> item) {
    boolean includePending = CertificateInput.includePending(r);
    ListPages paging = ListPages.of(r);
    if (deleted) {
      store.purgeExpired(r.receivedAt());
    }
    List<String> names =
        store.certificates().names(deleted, paging.after(), paging.size() + 1, includePending);
    ObjectNode page =
        paging.pageOfNames(
            r,
            names,
            lc ->
                store.certificates().record(lc).filter(rec -> rec.deleted() == deleted).map(item));
    return VaultResponse.ok(keepIncludePending(r, page));
  }

  private VaultResponse versions(VaultRequest r) {
    String name = CertificateInput.name(r);
    ListPages paging = ListPages.of(r);
    List<CertificateVersion> all = store.active(name).versions();
    return VaultResponse.ok(
        paging.pageOfVersions(r, all, v -> CertificateResponses.versionItem(v, r.baseUrl())));
  }

  /**
   * The SDK follows {@code nextLink} verbatim, so a list's {@code includePending} must travel in
   * it.
   */
  static ObjectNode keepIncludePending(VaultRequest r, ObjectNode page) {
    JsonNode next = page.get("nextLink");
    String include = r.query("includePending");
    if (next != null && next.isTextual() && include != null) {
      page.put("nextLink", next.asText() + "&includePending=" + CertificateInput.includePending(r));
    }
    return page;
  }
}
