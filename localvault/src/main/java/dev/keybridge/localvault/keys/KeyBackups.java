package dev.keybridge.localvault.keys;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.auth.DataActions;
import dev.keybridge.localvault.crypto.KeyMaterial;
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
 * {@code POST /keys/{name}/backup} and {@code POST /keys/restore}. The blob is every version of the
 * key (ids, attributes, tags, material) plus its rotation policy, as JSON sealed with the vault's
 * master key (AES-256-GCM): opaque, confidential and authenticated. A modified, truncated or
 * foreign blob is refused with 400 BadParameter; a blob restores only into a vault with the same
 * data directory's master key.
 */
final class KeyBackups {
  private static final String CONTEXT = "keybridge-key-backup-v1";
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<LinkedHashMap<String, String>> TAGS = new TypeReference<>() {};

  private final KeyLookup keys;
  private final MasterKey masterKey;

  KeyBackups(KeyLookup keys, MasterKey masterKey) {
    this.keys = keys;
    this.masterKey = masterKey;
  }

  void register(Router router) {
    router.add("POST", "/keys/{name}/backup", DataActions.KEYS_BACKUP, this::backup);
    router.add("POST", "/keys/restore", DataActions.KEYS_RESTORE, this::restore);
  }

  private VaultResponse backup(VaultRequest r) {
    String name = KeyInput.name(r.pathParam("name"), "key");
    KeyRecord rec = keys.active(name);
    KeyLookup.refuseManaged(rec, "backup");
    ObjectNode doc = Json.object();
    doc.put("name", rec.name());
    if (rec.rotationPolicy() != null) {
      doc.put("rotationPolicy", rec.rotationPolicy());
    }
    ArrayNode versions = doc.putArray("versions");
    for (KeyVersion v : rec.versions()) {
      ObjectNode n = versions.addObject();
      n.put("version", v.version());
      n.put("kty", v.kty());
      n.set("key_ops", Json.MAPPER.valueToTree(v.keyOps()));
      KeyAttributes a = v.attributes();
      n.put("enabled", a.enabled());
      n.put("nbf", a.nbf());
      n.put("exp", a.exp());
      n.put("created", a.created());
      n.put("updated", a.updated());
      n.put("exportable", a.exportable());
      n.set("tags", Json.MAPPER.valueToTree(v.tags()));
      if (v.releasePolicy() != null) {
        n.set("release_policy", KeyJson.releasePolicy(v.releasePolicy()));
      }
      n.put("material", Json.b64url(v.material().serialize()));
    }
    byte[] blob = masterKey.seal(Json.bytes(doc), CONTEXT);
    ObjectNode body = Json.object();
    body.put("value", Json.b64url(blob));
    return VaultResponse.ok(body);
  }

  private VaultResponse restore(VaultRequest r) {
    byte[] blob = r.json().requiredBytes("value");
    Restored restored = decode(blob);
    KeyInput.name(restored.name(), "key");
    KeyRecord rec =
        keys.repository()
            .database()
            .transaction(
                c -> {
                  var existing = keys.repository().record(restored.name());
                  if (existing.isPresent() && existing.get().deleted()) {
                    keys.checkWritableName(restored.name());
                  }
                  if (existing.isPresent()) {
                    throw VaultError.conflict(
                        null,
                        "Key "
                            + restored.name()
                            + " already exists; a backup restores only under a free name.");
                  }
                  return keys.repository()
                      .restore(restored.name(), restored.versions(), restored.rotationPolicy());
                });
    return VaultResponse.ok(KeyJson.bundle(rec.latest(), r));
  }

  private record Restored(String name, List<KeyVersion> versions, String rotationPolicy) {}

  private Restored decode(byte[] blob) {
    try {
      byte[] plain = masterKey.open(blob, CONTEXT);
      JsonNode doc = Json.parse(plain);
      String name = doc.get("name").asText();
      JsonNode policy = doc.get("rotationPolicy");
      List<KeyVersion> versions = new ArrayList<>();
      for (JsonNode n : doc.get("versions")) {
        JsonNode rp = n.get("release_policy");
        StoredReleasePolicy releasePolicy =
            rp == null
                ? null
                : new StoredReleasePolicy(
                    rp.get("contentType").asText(),
                    rp.get("immutable").asBoolean(),
                    Json.fromB64url(rp.get("data").asText()));
        versions.add(
            new KeyVersion(
                name,
                n.get("version").asText(),
                n.get("kty").asText(),
                Json.MAPPER.convertValue(n.get("key_ops"), STRINGS),
                new KeyAttributes(
                    n.get("enabled").asBoolean(),
                    optLong(n.get("nbf")),
                    optLong(n.get("exp")),
                    n.get("created").asLong(),
                    n.get("updated").asLong(),
                    n.get("exportable").asBoolean()),
                Json.MAPPER.convertValue(n.get("tags"), TAGS),
                releasePolicy,
                false,
                KeyMaterial.deserialize(Json.fromB64url(n.get("material").asText()))));
      }
      if (versions.isEmpty()) {
        throw new IllegalArgumentException("no versions");
      }
      return new Restored(
          name, versions, policy == null || policy.isNull() ? null : policy.asText());
    } catch (IOException | RuntimeException e) {
      throw VaultError.badParameter(
          "The backup blob is invalid or corrupt: it was modified, truncated, or made by another"
              + " vault.");
    }
  }

  private static Long optLong(JsonNode n) {
    return n == null || n.isNull() ? null : n.asLong();
  }
}
