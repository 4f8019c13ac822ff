package dev.keybridge.localvault.keys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.http.VaultObjectJson;

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

  /**
   * {@link #bundle(KeyVersion, String)} as the api-version asks: from 7.6 on, Azure reports the
   * size of RSA keys and of oct-HSM keys as {@code attributes.key_size}, and so does the local
   * vault.
   */
  public static ObjectNode bundle(KeyVersion v, String baseUrl, String apiVersion) {
    ObjectNode b = bundle(v, baseUrl);
    if (reportsKeySize(apiVersion) && (v.kty().startsWith("RSA") || v.kty().equals("oct-HSM"))) {
      ((ObjectNode) b.get("attributes")).put("key_size", v.material().keySize());
    }
    return b;
  }

  private static boolean reportsKeySize(String apiVersion) {
    return apiVersion != null && (apiVersion.equals("7.6") || apiVersion.startsWith("20"));
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

  /**
   * The KeyAttributes object of a key version, as Azure writes it: recoveryLevel, recoverableDays,
   * exportable, {@code hsmPlatform} ({@code "2"}, the current HSM platform, for {@code -HSM} keys;
   * {@code "0"}, software, otherwise) and, for RSA keys, {@code key_size}. This is the one place
   * key attributes are rendered.
   */
  public static ObjectNode attributes(KeyVersion v) {
    KeyAttributes a = v.attributes();
    ObjectNode n =
        VaultObjectJson.attributes(a.enabled(), a.nbf(), a.exp(), a.created(), a.updated());
    n.put("exportable", a.exportable());
    n.put("hsmPlatform", v.kty().endsWith("-HSM") ? "2" : "0");
    if (v.material().isRsa()) {
      n.put("key_size", v.material().keySize());
    }
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
    VaultObjectJson.putCommon(b, attributes(v), v.tags(), v.managed());
  }

  private static void addDeleted(ObjectNode b, DeletedKey d, String baseUrl) {
    VaultObjectJson.putDeleted(
        b, baseUrl + "/deletedkeys/" + d.latest().name(), d.deletedDate(), d.scheduledPurgeDate());
  }
}
