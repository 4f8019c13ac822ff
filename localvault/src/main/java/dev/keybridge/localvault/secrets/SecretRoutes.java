package dev.keybridge.localvault.secrets;

import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.auth.DataActions;
import dev.keybridge.localvault.http.ListPages;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;
import java.util.List;

/**
 * Reading secrets: {@code GET /secrets/{name}[/{version}]} (the value; data action {@code
 * secrets/getSecret}), {@code GET /secrets} and {@code GET /secrets/{name}/versions} (metadata
 * only; {@code secrets/readMetadata}). A disabled version is refused with 403 {@code Forbidden},
 * inner {@code SecretDisabled}, as Key Vault does.
 */
final class SecretRoutes {
  private final SecretLookup secrets;

  SecretRoutes(SecretLookup secrets) {
    this.secrets = secrets;
  }

  void register(Router router) {
    router.add("GET", "/secrets/{name}", DataActions.SECRETS_GET, this::get);
    router.add("GET", "/secrets/{name}/{version?}", DataActions.SECRETS_GET, this::get);
    router.add("GET", "/secrets", DataActions.SECRETS_READ_METADATA, this::list);
    router.add(
        "GET", "/secrets/{name}/versions", DataActions.SECRETS_READ_METADATA, this::versions);
  }

  private VaultResponse get(VaultRequest r) {
    String name = SecretLookup.name(r.pathParam("name"));
    String version = r.segments().size() > 2 ? r.pathParam("version") : "";
    SecretVersion v = secrets.version(name, version);
    if (!v.attributes().enabled()) {
      throw VaultError.forbidden(
          "SecretDisabled", "Operation get is not allowed on a disabled secret.");
    }
    return VaultResponse.ok(SecretJson.bundle(v, r.baseUrl()));
  }

  private VaultResponse list(VaultRequest r) {
    ListPages paging = ListPages.of(r);
    List<String> names = secrets.repository().names(false, paging.after(), paging.size() + 1);
    return VaultResponse.ok(
        paging.pageOfNames(
            r,
            names,
            lc ->
                secrets
                    .repository()
                    .active(lc)
                    .map(rec -> SecretJson.item(rec.latest(), r.baseUrl(), false))));
  }

  private VaultResponse versions(VaultRequest r) {
    String name = SecretLookup.name(r.pathParam("name"));
    ListPages paging = ListPages.of(r);
    List<SecretVersion> all = secrets.active(name).versions();
    return VaultResponse.ok(
        paging.pageOfVersions(r, all, v -> SecretJson.item(v, r.baseUrl(), true)));
  }
}
