package dev.keybridge.localvault.certificates.routes;

import dev.keybridge.localvault.auth.DataActions;
import dev.keybridge.localvault.certificates.CertificateJson;
import dev.keybridge.localvault.certificates.CertificatePolicy;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;

/**
 * {@code GET /certificates/{name}/policy} and {@code PATCH /certificates/{name}/policy} (members
 * present replace the current ones). The policy applies to the next version; existing versions are
 * unchanged. A certificate whose first version is still pending has its policy too.
 */
final class CertificatePolicyRoutes {
  private final CertificateStore store;

  CertificatePolicyRoutes(CertificateStore store) {
    this.store = store;
  }

  void register(Router router) {
    String p = "/certificates/{name}/policy";
    router.add("GET", p, DataActions.CERTIFICATES_READ, this::get);
    router.add("PATCH", p, DataActions.CERTIFICATES_UPDATE, this::update);
  }

  private VaultResponse get(VaultRequest r) {
    String name = CertificateInput.name(r);
    CertificateRecord rec = store.activeRecord(name);
    return VaultResponse.ok(rec.policy().toJson(CertificateJson.policyId(r.baseUrl(), rec.name())));
  }

  private VaultResponse update(VaultRequest r) {
    String name = CertificateInput.name(r);
    var patch = r.json().node();
    CertificatePolicy updated =
        store
            .database()
            .transaction(
                c -> {
                  CertificatePolicy cur = store.activeRecord(name).policy();
                  CertificatePolicy next =
                      cur.update(patch).withTimestamps(cur.created(), r.receivedAt());
                  store.certificates().savePolicy(name, next);
                  return next;
                });
    return VaultResponse.ok(
        updated.toJson(CertificateJson.policyId(r.baseUrl(), store.activeRecord(name).name())));
  }
}
