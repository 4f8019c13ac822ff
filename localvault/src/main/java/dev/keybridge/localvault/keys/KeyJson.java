package dev.keybridge.localvault.keys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.http.Json;
import java.util.Map;

/** Renders keys as Key Vault JSON: KeyBundle, KeyItem, DeletedKeyBundle, DeletedKeyItem. */
public final class KeyJson {
  private KeyJson() {}

  /** {@code {"key": JWK (public parts), "attributes", "tags", "managed", "release_policy"}}. */
  public static ObjectNode bundle(KeyVersion v, String baseUrl) {
    ObjectNode b = Json.object();
    ObjectNode jwk = v.material().publicJwk(v.kid(baseUrl), v.keyOps());
    jwk.put("kty", v.kty());
    b.set("key", jwk);
    addCommon(b, v);
    if (v.releasePolicy() != null) {
      b.set("release_policy", releasePolicy(v.releasePolicy()));
    }
    return b;
  }

  /** List entry: {@code kid} (versioned or not), attributes, tags, managed. */
  public static ObjectNode item(KeyVersion v, String baseUrl, boolean withVersion) {
    ObjectNode b = Json.object();
    b.put("kid", withVersion ? v.kid(baseUrl) : baseUrl + "/keys/" + v.name());
    addCommon(b, v);
    return b;
  }

  public static ObjectNode deletedBundle(DeletedKey d, String baseUrl) {
    ObjectNode b = bundle(d.latest(), baseUrl);
    addDeleted(b, d, baseUrl);
    return b;
  }

  public static ObjectNode deletedItem(DeletedKey d, String baseUrl) {
    ObjectNode b = item(d.latest(), baseUrl, false);
    addDeleted(b, d, baseUrl);
    return b;
  }

  /** The KeyAttributes object, with recoveryLevel and recoverableDays. */
  public static ObjectNode attributes(KeyAttributes a) {
    ObjectNode n = Json.object();
    n.put("enabled", a.enabled());
    if (a.nbf() != null) {
      n.put("nbf", a.nbf());
    }
    if (a.exp() != null) {
      n.put("exp", a.exp());
    }
    n.put("created", a.created());
    n.put("updated", a.updated());
    n.put("recoveryLevel", KeyRepository.RECOVERY_LEVEL);
    n.put("recoverableDays", KeyRepository.RECOVERABLE_DAYS);
    n.put("exportable", a.exportable());
    return n;
  }

  public static ObjectNode releasePolicy(ReleasePolicy p) {
    ObjectNode n = Json.object();
    n.put("contentType", p.contentType());
    n.put("immutable", p.immutable());
    n.put("data", Json.b64url(p.data()));
    return n;
  }

  private static void addCommon(ObjectNode b, KeyVersion v) {
    b.set("attributes", attributes(v.attributes()));
    if (!v.tags().isEmpty()) {
      ObjectNode tags = b.putObject("tags");
      for (Map.Entry<String, String> t : new java.util.TreeMap<>(v.tags()).entrySet()) {
        tags.put(t.getKey(), t.getValue());
      }
    }
    if (v.managed()) {
      b.put("managed", true);
    }
  }

  private static void addDeleted(ObjectNode b, DeletedKey d, String baseUrl) {
    b.put("recoveryId", baseUrl + "/deletedkeys/" + d.latest().name());
    b.put("deletedDate", d.deletedDate());
    b.put("scheduledPurgeDate", d.scheduledPurgeDate());
  }
}
