package dev.keybridge.localvault.secrets;

import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.auth.DataActions;
import dev.keybridge.localvault.http.RequestBody;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;
import dev.keybridge.localvault.keys.KeyInput;
import dev.keybridge.localvault.keys.KeyRepository;
import dev.keybridge.localvault.lifecycle.VaultEvents;
import java.util.Map;

/**
 * Writing secrets: {@code PUT /secrets/{name}} (a new version with value, contentType, attributes
 * and tags; data action {@code secrets/setSecret}) and {@code PATCH /secrets/{name}[/{version}]}
 * (contentType, attributes and tags of a version; {@code secrets/update}). A soft-deleted name is
 * refused with 409 {@code Conflict} (inner {@code ObjectIsDeletedButRecoverable}); the secret of a
 * certificate with 403 {@code Forbidden} (inner {@code SecretManagedByKeyVault}), as Key Vault
 * does.
 */
final class SecretWriteRoutes {
  private final SecretLookup secrets;
  private final VaultEvents events;

  SecretWriteRoutes(SecretLookup secrets, VaultEvents events) {
    this.secrets = secrets;
    this.events = events;
  }

  void register(Router router) {
    router.add("PUT", "/secrets/{name}", DataActions.SECRETS_SET, this::set);
    router.add("PATCH", "/secrets/{name}", DataActions.SECRETS_UPDATE, this::update);
    router.add("PATCH", "/secrets/{name}/{version?}", DataActions.SECRETS_UPDATE, this::update);
  }

  private VaultResponse set(VaultRequest r) {
    String name = SecretLookup.name(r.pathParam("name"));
    RequestBody b = r.json();
    String value = SecretInput.value(b);
    String contentType = SecretInput.contentType(b);
    KeyInput.AttributeInput a = KeyInput.attributes(b.object("attributes"));
    Map<String, String> tags = KeyInput.tags(b.stringMap("tags"));
    long now = r.receivedAt().getEpochSecond();
    SecretVersion v =
        new SecretVersion(
            name,
            KeyRepository.newVersionId(),
            value,
            contentType,
            SecretAttributes.created(a.enabled() == null || a.enabled(), a.nbf(), a.exp(), now),
            tags != null ? tags : Map.of(),
            false);
    SecretVersion stored =
        secrets
            .repository()
            .database()
            .transaction(
                c -> {
                  secrets.checkWritableName(name, "set");
                  return secrets.repository().addVersion(v);
                });
    events.emit(
        VaultEvents.ObjectType.SECRET,
        "NewVersionCreated",
        stored.name(),
        stored.version(),
        stored.attributes().nbf(),
        stored.attributes().exp());
    return VaultResponse.ok(SecretJson.bundle(stored, r.baseUrl()));
  }

  private VaultResponse update(VaultRequest r) {
    String name = SecretLookup.name(r.pathParam("name"));
    String version = r.segments().size() > 2 ? r.pathParam("version") : "";
    RequestBody b = r.jsonOrEmpty();
    String contentType = SecretInput.contentType(b);
    KeyInput.AttributeInput a = KeyInput.attributes(b.object("attributes"));
    Map<String, String> tags = KeyInput.tags(b.stringMap("tags"));
    SecretVersion updated =
        secrets
            .repository()
            .database()
            .transaction(
                c -> {
                  SecretRecord rec = secrets.active(name);
                  SecretLookup.refuseManaged(rec, "update");
                  SecretVersion cur =
                      rec.version(version).orElseThrow(() -> SecretLookup.notFound(name, version));
                  SecretAttributes at = cur.attributes();
                  Long nbf = a.nbf() != null ? a.nbf() : at.nbf();
                  Long exp = a.exp() != null ? a.exp() : at.exp();
                  if (nbf != null && exp != null && nbf >= exp) {
                    throw VaultError.badParameter("Secret attribute 'nbf' must be before 'exp'.");
                  }
                  SecretVersion next =
                      new SecretVersion(
                          cur.name(),
                          cur.version(),
                          cur.value(),
                          contentType != null ? contentType : cur.contentType(),
                          new SecretAttributes(
                              a.enabled() != null ? a.enabled() : at.enabled(),
                              nbf,
                              exp,
                              at.created(),
                              r.receivedAt().getEpochSecond()),
                          tags != null ? tags : cur.tags(),
                          false);
                  return secrets.repository().updateVersion(next);
                });
    return VaultResponse.ok(SecretJson.item(updated, r.baseUrl(), true));
  }
}
