package dev.keybridge.localvault.keys;

import dev.keybridge.localvault.PurgeRules;
import dev.keybridge.localvault.auth.DataActions;
import dev.keybridge.localvault.http.ListPages;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;
import java.util.List;

/**
 * Soft delete and its undoing: {@code DELETE /keys/{name}} (all versions, 200 DeletedKeyBundle),
 * {@code GET /deletedkeys[/{name}]}, {@code POST /deletedkeys/{name}/recover} (200 KeyBundle),
 * {@code DELETE /deletedkeys/{name}} (purge, 204). Deleted keys stay recoverable for 90 days
 * ({@code Recoverable+Purgeable}); expired ones are purged lazily.
 */
final class DeletedKeyRoutes {
  private final KeyLookup keys;

  DeletedKeyRoutes(KeyLookup keys) {
    this.keys = keys;
  }

  void register(Router router) {
    router.add("DELETE", "/keys/{name}", DataActions.KEYS_DELETE, this::delete);
    router.add("GET", "/deletedkeys", DataActions.DELETED_KEYS_READ, this::list);
    router.add("GET", "/deletedkeys/{name}", DataActions.DELETED_KEYS_READ, this::get);
    router.add("DELETE", "/deletedkeys/{name}", DataActions.DELETED_KEYS_PURGE, this::purge);
    router.add(
        "POST", "/deletedkeys/{name}/recover", DataActions.DELETED_KEYS_RECOVER, this::recover);
  }

  private VaultResponse delete(VaultRequest r) {
    String name = KeyInput.name(r.pathParam("name"), "key");
    DeletedKey d =
        keys.repository()
            .database()
            .transaction(
                c -> {
                  KeyRecord rec = keys.active(name);
                  KeyLookup.refuseManaged(rec, "delete");
                  return keys.repository().softDelete(name, r.receivedAt().getEpochSecond());
                });
    return VaultResponse.ok(KeyJson.deletedBundle(d, r));
  }

  private VaultResponse get(VaultRequest r) {
    String name = KeyInput.name(r.pathParam("name"), "key");
    keys.repository().purgeExpired(r.receivedAt().getEpochSecond());
    return VaultResponse.ok(KeyJson.deletedBundle(keys.deleted(name).asDeleted(), r));
  }

  private VaultResponse list(VaultRequest r) {
    ListPages paging = ListPages.of(r);
    keys.repository().purgeExpired(r.receivedAt().getEpochSecond());
    List<String> names = keys.repository().names(true, paging.after(), paging.size() + 1);
    return VaultResponse.ok(
        paging.pageOfNames(
            r,
            names,
            lc ->
                keys.repository().deleted(lc).map(rec -> KeyJson.deletedItem(rec.asDeleted(), r))));
  }

  private VaultResponse recover(VaultRequest r) {
    String name = KeyInput.name(r.pathParam("name"), "key");
    KeyRecord rec =
        keys.repository()
            .database()
            .transaction(
                c -> {
                  KeyLookup.refuseManaged(keys.deleted(name), "recover");
                  return keys.repository().recover(name);
                });
    return VaultResponse.ok(KeyJson.recovered(rec.latest(), r));
  }

  private VaultResponse purge(VaultRequest r) {
    String name = KeyInput.name(r.pathParam("name"), "key");
    keys.repository()
        .database()
        .transaction(
            c -> {
              KeyLookup.refuseManaged(keys.deleted(name), "purge");
              PurgeRules.checkPurgeAllowed(c);
              keys.repository().purge(name);
              return null;
            });
    return VaultResponse.noContent();
  }
}
