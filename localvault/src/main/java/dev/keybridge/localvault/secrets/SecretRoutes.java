package dev.keybridge.localvault.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.auth.DataActions;
import dev.keybridge.localvault.http.Paging;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;
import java.util.ArrayList;
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
    Paging paging = Paging.of(r);
    List<JsonNode> items = new ArrayList<>();
    List<String> sortKeys = new ArrayList<>();
    for (String lc : secrets.repository().names(false, paging.after(), paging.size() + 1)) {
      secrets
          .repository()
          .active(lc)
          .ifPresent(
              rec -> {
                items.add(SecretJson.item(rec.latest(), r.baseUrl(), false));
                sortKeys.add(lc);
              });
    }
    return VaultResponse.ok(paging.page(r, items, sortKeys));
  }

  private VaultResponse versions(VaultRequest r) {
    String name = SecretLookup.name(r.pathParam("name"));
    Paging paging = Paging.of(r);
    List<SecretVersion> all = secrets.active(name).versions();
    int start = 0;
    if (paging.after() != null) {
      try {
        start = Integer.parseInt(paging.after()) + 1;
      } catch (NumberFormatException e) {
        throw VaultError.badParameter("The $skiptoken is invalid.");
      }
    }
    List<JsonNode> items = new ArrayList<>();
    List<String> sortKeys = new ArrayList<>();
    for (int i = Math.max(0, start); i < all.size() && items.size() <= paging.size(); i++) {
      items.add(SecretJson.item(all.get(i), r.baseUrl(), true));
      sortKeys.add(Integer.toString(i));
    }
    return VaultResponse.ok(paging.page(r, items, sortKeys));
  }
}
