package dev.keybridge.localvault.secrets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.auth.DataActions;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;
import dev.keybridge.localvault.storage.MasterKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code POST /secrets/{name}/backup} and {@code POST /secrets/restore}. The blob is every version
 * of the secret (ids, values, content types, attributes, tags) as JSON sealed with the vault's
 * master key (AES-256-GCM): opaque, confidential and authenticated. A modified, truncated or
 * foreign blob is refused with 400 BadParameter; a name in use (active or deleted) with 409
 * Conflict. The secret of a certificate is backed up with its certificate only.
 */
final class SecretBackups {
  private static final String CONTEXT = "keybridge-secret-backup-v1";
  private static final TypeReference<LinkedHashMap<String, String>> TAGS = new TypeReference<>() {};

  private final SecretLookup secrets;
  private final MasterKey masterKey;

  SecretBackups(SecretLookup secrets, MasterKey masterKey) {
    this.secrets = secrets;
    this.masterKey = masterKey;
  }

  void register(Router router) {
    router.add("POST", "/secrets/{name}/backup", DataActions.SECRETS_BACKUP, this::backup);
    router.add("POST", "/secrets/restore", DataActions.SECRETS_RESTORE, this::restore);
  }

  private VaultResponse backup(VaultRequest r) {
    String name = SecretLookup.name(r.pathParam("name"));
    SecretRecord rec = secrets.active(name);
    SecretLookup.refuseManaged(rec, "backup");
    ObjectNode doc = Json.object();
    doc.put("name", rec.name());
    ArrayNode versions = doc.putArray("versions");
    for (SecretVersion v : rec.versions()) {
      ObjectNode n = versions.addObject();
      n.put("version", v.version());
      n.put("value", v.value());
      n.put("contentType", v.contentType());
      SecretAttributes a = v.attributes();
      n.put("enabled", a.enabled());
      n.put("nbf", a.nbf());
      n.put("exp", a.exp());
      n.put("created", a.created());
      n.put("updated", a.updated());
      n.set("tags", Json.MAPPER.valueToTree(v.tags()));
    }
    ObjectNode body = Json.object();
    body.put("value", Json.b64url(masterKey.seal(Json.bytes(doc), CONTEXT)));
    return VaultResponse.ok(body);
  }

  private VaultResponse restore(VaultRequest r) {
    List<SecretVersion> versions = decode(r.json().requiredBytes("value"));
    String name = SecretLookup.name(versions.get(0).name());
    SecretRecord rec =
        secrets
            .repository()
            .database()
            .transaction(
                c -> {
                  var existing = secrets.repository().record(name);
                  if (existing.isPresent()) {
                    secrets.checkWritableName(name, "restore");
                    throw VaultError.conflict(
                        null,
                        "Secret "
                            + name
                            + " already exists; a backup restores only under a free name.");
                  }
                  return secrets.repository().restore(name, versions);
                });
    // As Azure's: the restored secret's bundle without its value.
    return VaultResponse.ok(SecretJson.bundleWithoutValue(rec.latest(), r.baseUrl()));
  }

  private List<SecretVersion> decode(byte[] blob) {
    try {
      JsonNode doc = Json.parse(masterKey.open(blob, CONTEXT));
      String name = doc.get("name").asText();
      List<SecretVersion> versions = new ArrayList<>();
      for (JsonNode n : doc.get("versions")) {
        versions.add(
            new SecretVersion(
                name,
                n.get("version").asText(),
                n.get("value").asText(),
                optText(n.get("contentType")),
                new SecretAttributes(
                    n.get("enabled").asBoolean(),
                    optLong(n.get("nbf")),
                    optLong(n.get("exp")),
                    n.get("created").asLong(),
                    n.get("updated").asLong()),
                Json.MAPPER.convertValue(n.get("tags"), TAGS),
                false));
      }
      if (versions.isEmpty()) {
        throw new IllegalArgumentException("no versions");
      }
      return versions;
    } catch (IOException | RuntimeException e) {
      throw VaultError.badParameter(
          "The backup blob is invalid or corrupt: it was modified, truncated, or made by another"
              + " vault.");
    }
  }

  private static Long optLong(JsonNode n) {
    return n == null || n.isNull() ? null : n.asLong();
  }

  private static String optText(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }
}
