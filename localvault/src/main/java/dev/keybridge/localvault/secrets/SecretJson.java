package dev.keybridge.localvault.secrets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.keys.KeyRepository;
import java.util.Map;
import java.util.TreeMap;

/** Renders secrets as Key Vault JSON: SecretBundle, SecretItem, DeletedSecretBundle and -Item. */
public final class SecretJson {
  private SecretJson() {}

  /**
   * {@code {"value", "contentType", "id", "kid" (managed only), "managed" (when true),
   * "attributes", "tags"}}.
   */
  public static ObjectNode bundle(SecretVersion v, String baseUrl) {
    ObjectNode b = Json.object();
    b.put("value", v.value());
    if (v.contentType() != null) {
      b.put("contentType", v.contentType());
    }
    b.put("id", v.id(baseUrl));
    if (v.managed()) {
      b.put("kid", baseUrl + "/keys/" + v.name() + "/" + v.version());
    }
    addCommon(b, v);
    return b;
  }

  /** List entry: {@code id} (versioned or not), contentType, attributes, tags, managed. */
  public static ObjectNode item(SecretVersion v, String baseUrl, boolean withVersion) {
    ObjectNode b = Json.object();
    b.put("id", withVersion ? v.id(baseUrl) : baseUrl + "/secrets/" + v.name());
    if (v.contentType() != null) {
      b.put("contentType", v.contentType());
    }
    addCommon(b, v);
    return b;
  }

  /** The bundle of the latest version plus recoveryId, deletedDate, scheduledPurgeDate. */
  public static ObjectNode deletedBundle(SecretRecord r, String baseUrl) {
    ObjectNode b = bundle(r.latest(), baseUrl);
    addDeleted(b, r, baseUrl);
    return b;
  }

  public static ObjectNode deletedItem(SecretRecord r, String baseUrl) {
    ObjectNode b = item(r.latest(), baseUrl, false);
    addDeleted(b, r, baseUrl);
    return b;
  }

  /** The SecretAttributes object with recoveryLevel and recoverableDays. */
  public static ObjectNode attributes(SecretAttributes a) {
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
    return n;
  }

  private static void addCommon(ObjectNode b, SecretVersion v) {
    b.set("attributes", attributes(v.attributes()));
    if (!v.tags().isEmpty()) {
      ObjectNode tags = b.putObject("tags");
      for (Map.Entry<String, String> t : new TreeMap<>(v.tags()).entrySet()) {
        tags.put(t.getKey(), t.getValue());
      }
    }
    if (v.managed()) {
      b.put("managed", true);
    }
  }

  private static void addDeleted(ObjectNode b, SecretRecord r, String baseUrl) {
    b.put("recoveryId", baseUrl + "/deletedsecrets/" + r.name());
    b.put("deletedDate", r.deletedDate());
    b.put("scheduledPurgeDate", r.scheduledPurgeDate());
  }
}
