package dev.keybridge.localvault.secrets;

import dev.keybridge.localvault.PurgeRules;
import dev.keybridge.localvault.auth.DataActions;
import dev.keybridge.localvault.http.ListPages;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;
import java.util.List;

/**
 * Soft delete of secrets: {@code DELETE /secrets/{name}} (200 DeletedSecretBundle), {@code GET
 * /deletedsecrets[/{name}]}, {@code POST /deletedsecrets/{name}/recover} (200 SecretBundle without
 * its value, as Azure answers; read the secret to get it) and {@code DELETE /deletedsecrets/{name}}
 * (purge, 204). The secret of a certificate ({@code managed}) is deleted, recovered and purged with
 * its certificate only: the direct calls get 403 {@code Forbidden}, inner {@code ManagedSecret}.
 */
final class DeletedSecretRoutes {
  private final SecretLookup secrets;

  DeletedSecretRoutes(SecretLookup secrets) {
    this.secrets = secrets;
  }

  void register(Router router) {
    router.add("DELETE", "/secrets/{name}", DataActions.SECRETS_DELETE, this::delete);
    router.add("GET", "/deletedsecrets", DataActions.DELETED_SECRETS_READ, this::list);
    router.add("GET", "/deletedsecrets/{name}", DataActions.DELETED_SECRETS_READ, this::get);
    router.add("DELETE", "/deletedsecrets/{name}", DataActions.DELETED_SECRETS_PURGE, this::purge);
    router.add(
        "POST",
        "/deletedsecrets/{name}/recover",
        DataActions.DELETED_SECRETS_RECOVER,
        this::recover);
  }

  private VaultResponse delete(VaultRequest r) {
    String name = SecretLookup.name(r.pathParam("name"));
    SecretRecord d =
        secrets
            .repository()
            .database()
            .transaction(
                c -> {
                  SecretLookup.refuseManaged(secrets.active(name), "delete");
                  return secrets.repository().softDelete(name, r.receivedAt().getEpochSecond());
                });
    return VaultResponse.ok(SecretJson.deletedBundle(d, r.baseUrl()));
  }

  private VaultResponse get(VaultRequest r) {
    String name = SecretLookup.name(r.pathParam("name"));
    secrets.repository().purgeExpired(r.receivedAt().getEpochSecond());
    return VaultResponse.ok(SecretJson.deletedBundle(secrets.deleted(name), r.baseUrl()));
  }

  private VaultResponse list(VaultRequest r) {
    ListPages paging = ListPages.of(r);
    secrets.repository().purgeExpired(r.receivedAt().getEpochSecond());
    List<String> names = secrets.repository().names(true, paging.after(), paging.size() + 1);
    return VaultResponse.ok(
        paging.pageOfNames(
            r,
            names,
            lc ->
                secrets
                    .repository()
                    .deleted(lc)
                    .map(rec -> SecretJson.deletedItem(rec, r.baseUrl()))));
  }

  private VaultResponse recover(VaultRequest r) {
    String name = SecretLookup.name(r.pathParam("name"));
    SecretRecord rec =
        secrets
            .repository()
            .database()
            .transaction(
                c -> {
                  SecretLookup.refuseManaged(secrets.deleted(name), "recover");
                  return secrets.repository().recover(name);
                });
    return VaultResponse.ok(SecretJson.bundleWithoutValue(rec.latest(), r.baseUrl()));
  }

  private VaultResponse purge(VaultRequest r) {
    String name = SecretLookup.name(r.pathParam("name"));
    secrets
        .repository()
        .database()
        .transaction(
            c -> {
              SecretLookup.refuseManaged(secrets.deleted(name), "purge");
              PurgeRules.checkPurgeAllowed(c);
              secrets.repository().purge(name);
              return null;
            });
    return VaultResponse.noContent();
  }
}
