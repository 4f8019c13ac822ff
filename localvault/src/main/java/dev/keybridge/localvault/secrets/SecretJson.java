package dev.keybridge.localvault.secrets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.http.VaultObjectJson;

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

  /**
   * The bundle without its {@code value}: Azure answers a restore, a recover and a read of a
   * deleted secret without the value (read the secret to get it).
   */
  public static ObjectNode bundleWithoutValue(SecretVersion v, String baseUrl) {
    ObjectNode b = bundle(v, baseUrl);
    b.remove("value");
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

  /**
   * The bundle of the latest version without its {@code value} (Azure does not return the value of
   * a deleted secret; recover it to read it) plus recoveryId, deletedDate, scheduledPurgeDate.
   */
  public static ObjectNode deletedBundle(SecretRecord r, String baseUrl) {
    ObjectNode b = bundleWithoutValue(r.latest(), baseUrl);
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
    return VaultObjectJson.attributes(a.enabled(), a.nbf(), a.exp(), a.created(), a.updated());
  }

  private static void addCommon(ObjectNode b, SecretVersion v) {
    VaultObjectJson.putCommon(b, attributes(v.attributes()), v.tags(), v.managed());
  }

  private static void addDeleted(ObjectNode b, SecretRecord r, String baseUrl) {
    VaultObjectJson.putDeleted(
        b, baseUrl + "/deletedsecrets/" + r.name(), r.deletedDate(), r.scheduledPurgeDate());
  }
}
