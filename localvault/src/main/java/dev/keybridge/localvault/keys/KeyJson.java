package dev.keybridge.localvault.keys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.http.VaultObjectJson;
import dev.keybridge.localvault.http.VaultRequest;

/** Renders keys as Key Vault JSON: KeyBundle, KeyItem, DeletedKeyBundle, DeletedKeyItem. */
public final class KeyJson {
  private KeyJson() {}

  /**
   * {@code {"key": JWK (public parts), "attributes", "tags", "managed", "release_policy"}}, at the
   * request's base URL and api-version.
   */
  public static ObjectNode bundle(KeyVersion v, VaultRequest r) {
    ObjectNode b = Json.object();
    ObjectNode jwk = v.material().publicJwk(v.kid(r.baseUrl()), v.keyOps());
    jwk.put("kty", v.kty());
    b.set("key", jwk);
    addCommon(b, v, r);
    if (v.releasePolicy() != null) {
      b.set("release_policy", releasePolicy(v.releasePolicy()));
    }
    return b;
  }

  /**
   * The answer to a recover: {@link #bundle(KeyVersion, VaultRequest)} without {@code
   * attributes.hsmPlatform}, which Azure's recover answer leaves out (a later GET has it).
   */
  public static ObjectNode recovered(KeyVersion v, VaultRequest r) {
    ObjectNode b = bundle(v, r);
    ((ObjectNode) b.get("attributes")).remove("hsmPlatform");
    return b;
  }

  /**
   * Whether Azure reports {@code attributes.key_size} at this api-version: from 2025-07-01 on. The
   * recordings (see the test resources' {@code azure-recordings/README.md}) show RSA bundles
   * without it at 7.6 and 7.6-preview.1 and with it at 2025-07-01.
   */
  static boolean reportsKeySize(String apiVersion) {
    return apiVersion != null
        && apiVersion.startsWith("20")
        && apiVersion.compareTo("2025-07-01") >= 0;
  }

  /** List entry: {@code kid} (versioned or not), attributes, tags, managed. */
  public static ObjectNode item(KeyVersion v, VaultRequest r, boolean withVersion) {
    ObjectNode b = Json.object();
    b.put("kid", withVersion ? v.kid(r.baseUrl()) : r.baseUrl() + "/keys/" + v.name());
    addCommon(b, v, r);
    return b;
  }

  public static ObjectNode deletedBundle(DeletedKey d, VaultRequest r) {
    ObjectNode b = bundle(d.latest(), r);
    addDeleted(b, d, r.baseUrl());
    return b;
  }

  /** A deleted key's list entry: as Azure's, without {@code attributes.hsmPlatform}. */
  public static ObjectNode deletedItem(DeletedKey d, VaultRequest r) {
    ObjectNode b = item(d.latest(), r, false);
    ((ObjectNode) b.get("attributes")).remove("hsmPlatform");
    addDeleted(b, d, r.baseUrl());
    return b;
  }

  /**
   * The KeyAttributes object of a key version, as Azure writes it: recoveryLevel, recoverableDays,
   * exportable, {@code hsmPlatform} ({@code "2"}, the current HSM platform, for {@code -HSM} keys;
   * {@code "0"}, software, otherwise) and, for RSA and oct-HSM keys at the api-versions that have
   * it ({@link #reportsKeySize}), {@code key_size}. This is the one place key attributes are
   * rendered.
   */
  public static ObjectNode attributes(KeyVersion v, String apiVersion) {
    KeyAttributes a = v.attributes();
    ObjectNode n =
        VaultObjectJson.attributes(a.enabled(), a.nbf(), a.exp(), a.created(), a.updated());
    n.put("exportable", a.exportable());
    n.put("hsmPlatform", v.kty().endsWith("-HSM") ? "2" : "0");
    if (reportsKeySize(apiVersion) && (v.material().isRsa() || v.kty().equals("oct-HSM"))) {
      n.put("key_size", v.material().keySize());
    }
    return n;
  }

  public static ObjectNode releasePolicy(StoredReleasePolicy p) {
    ObjectNode n = Json.object();
    n.put("contentType", p.contentType());
    n.put("immutable", p.immutable());
    n.put("data", Json.b64url(p.data()));
    return n;
  }

  private static void addCommon(ObjectNode b, KeyVersion v, VaultRequest r) {
    VaultObjectJson.putCommon(b, attributes(v, r.query("api-version")), v.tags(), v.managed());
  }

  private static void addDeleted(ObjectNode b, DeletedKey d, String baseUrl) {
    VaultObjectJson.putDeleted(
        b, baseUrl + "/deletedkeys/" + d.latest().name(), d.deletedDate(), d.scheduledPurgeDate());
  }
}
