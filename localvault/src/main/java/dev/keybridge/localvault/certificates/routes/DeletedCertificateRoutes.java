package dev.keybridge.localvault.certificates.routes;

import dev.keybridge.localvault.auth.DataActions;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;

/**
 * Soft delete of certificates, which takes the certificate's key and secret along: {@code DELETE
 * /certificates/{name}} (200 DeletedCertificateBundle), {@code GET /deletedcertificates[/{name}]},
 * {@code POST /deletedcertificates/{name}/recover} (200 CertificateBundle; key and secret are back
 * too) and {@code DELETE /deletedcertificates/{name}} (purge of all three, 204). Deleted
 * certificates stay recoverable for 90 days, like keys; expired ones are purged lazily.
 */
final class DeletedCertificateRoutes {
  private final CertificateStore store;

  DeletedCertificateRoutes(CertificateStore store) {
    this.store = store;
  }

  void register(Router router) {
    router.add("DELETE", "/certificates/{name}", DataActions.CERTIFICATES_DELETE, this::delete);
    router.add("GET", "/deletedcertificates", DataActions.DELETED_CERTIFICATES_READ, this::list);
    router.add(
        "GET", "/deletedcertificates/{name}", DataActions.DELETED_CERTIFICATES_READ, this::get);
    router.add(
        "DELETE",
        "/deletedcertificates/{name}",
        DataActions.DELETED_CERTIFICATES_PURGE,
        this::purge);
    router.add(
        "POST",
        "/deletedcertificates/{name}/recover",
        DataActions.DELETED_CERTIFICATES_RECOVER,
        this::recover);
  }

  private VaultResponse delete(VaultRequest r) {
    String name = CertificateInput.name(r);
    CertificateRecord rec = store.delete(name, r.receivedAt());
    return VaultResponse.ok(CertificateResponses.deletedBundle(rec, r.baseUrl()));
  }

  private VaultResponse get(VaultRequest r) {
    String name = CertificateInput.name(r);
    store.purgeExpired(r.receivedAt());
    return VaultResponse.ok(CertificateResponses.deletedBundle(store.deleted(name), r.baseUrl()));
  }

  private VaultResponse list(VaultRequest r) {
    return CertificateRoutes.list(
        r, store, true, rec -> CertificateResponses.deletedItem(rec, r.baseUrl()));
  }

  private VaultResponse recover(VaultRequest r) {
    String name = CertificateInput.name(r);
    store.purgeExpired(r.receivedAt());
    CertificateRecord rec = store.recover(name);
    return VaultResponse.ok(CertificateResponses.bundle(store, rec, rec.latest(), r.baseUrl()));
  }

  private VaultResponse purge(VaultRequest r) {
    String name = CertificateInput.name(r);
    store.purge(name);
    return VaultResponse.noContent();
  }
}
