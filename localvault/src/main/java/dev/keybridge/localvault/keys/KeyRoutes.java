package dev.keybridge.localvault.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.auth.DataActions;
import dev.keybridge.localvault.crypto.EcCurve;
import dev.keybridge.localvault.crypto.KeyMaterial;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.http.ListPages;
import dev.keybridge.localvault.http.RequestBody;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Key management routes: create, import, get, update, list, list versions, rotate. Deletion,
 * backup, rotation policies and crypto live in their own route classes.
 */
final class KeyRoutes {
  private static final Set<String> KEY_TYPES =
      Set.of("RSA", "RSA-HSM", "EC", "EC-HSM", "oct", "oct-HSM");

  private final KeyLookup keys;
  private final KeyRotator rotator;

  KeyRoutes(KeyLookup keys, KeyRotator rotator) {
    this.keys = keys;
    this.rotator = rotator;
  }

  void register(Router router) {
    router.add("POST", "/keys/{name}/create", DataActions.KEYS_CREATE, this::create);
    router.add("PUT", "/keys/{name}", DataActions.KEYS_IMPORT, this::importKey);
    router.add("GET", "/keys/{name}", DataActions.KEYS_READ, this::get);
    router.add("GET", "/keys/{name}/{version?}", DataActions.KEYS_READ, this::get);
    router.add("PATCH", "/keys/{name}", DataActions.KEYS_UPDATE, this::update);
    router.add("PATCH", "/keys/{name}/{version?}", DataActions.KEYS_UPDATE, this::update);
    router.add("GET", "/keys", DataActions.KEYS_READ, this::list);
    router.add("GET", "/keys/{name}/versions", DataActions.KEYS_READ, this::versions);
    router.add("POST", "/keys/{name}/rotate", DataActions.KEYS_ROTATE, this::rotate);
  }

  private VaultResponse create(VaultRequest r) {
    String name = KeyInput.name(r.pathParam("name"), "key");
    RequestBody b = r.json();
    String kty = b.requiredString("kty");
    if (!KEY_TYPES.contains(kty)) {
      throw VaultError.badParameter(
          "The key type '"
              + KeyInput.printable(kty)
              + "' is not supported. Use one of "
              + KEY_TYPES
              + ".");
    }
    Integer size = b.integer("key_size");
    Integer exponent = b.integer("public_exponent");
    String crv = b.string("crv");
    List<String> ops = KeyInput.keyOps(b.strings("key_ops"));
    KeyInput.AttributeInput a = KeyInput.attributes(b.object("attributes"));
    Map<String, String> tags = KeyInput.tags(b.stringMap("tags"));
    StoredReleasePolicy rp = KeyInput.releasePolicy(b.object("release_policy"));
    checkExportable(a.exportable(), rp);
    keys.checkWritableName(name);
    KeyMaterial material = KeyMaterial.generate(kty, size, exponent, crv);
    KeyVersion v =
        newVersion(name, kty, material, ops, a, tags, rp, r.receivedAt().getEpochSecond());
    return VaultResponse.ok(KeyJson.bundle(store(v), r));
  }

  private VaultResponse importKey(VaultRequest r) {
    String name = KeyInput.name(r.pathParam("name"), "key");
    RequestBody b = r.json();
    RequestBody key = b.requiredObject("key");
    if (key.has("key_hsm")) {
      throw VaultError.badParameter(
          "Importing a BYOK transfer blob (key_hsm) is not supported by the local vault; import the"
              + " key's JWK components instead.");
    }
    String jwkKty = key.requiredString("kty");
    if (!KEY_TYPES.contains(jwkKty)) {
      throw VaultError.badParameter(
          "The key type '"
              + KeyInput.printable(jwkKty)
              + "' is not supported. Use one of "
              + KEY_TYPES
              + ".");
    }
    Boolean hsmFlag = b.bool("Hsm");
    boolean hsm = (hsmFlag != null && hsmFlag) || KeyInput.isHsm(jwkKty);
    String base = KeyInput.isHsm(jwkKty) ? jwkKty.substring(0, jwkKty.length() - 4) : jwkKty;
    ObjectNode jwk = key.node().deepCopy();
    jwk.put("kty", base);
    if (base.equals("EC")) {
      trimEcCoordinates(jwk, key.string("crv"));
    }
    List<String> ops = KeyInput.keyOps(key.strings("key_ops"));
    KeyInput.AttributeInput a = KeyInput.attributes(b.object("attributes"));
    Map<String, String> tags = KeyInput.tags(b.stringMap("tags"));
    StoredReleasePolicy rp = KeyInput.releasePolicy(b.object("release_policy"));
    checkExportable(a.exportable(), rp);
    keys.checkWritableName(name);
    KeyMaterial material = KeyMaterial.fromJwk(jwk, hsm);
    String kty = hsm ? base + "-HSM" : base;
    KeyVersion v =
        newVersion(name, kty, material, ops, a, tags, rp, r.receivedAt().getEpochSecond());
    return VaultResponse.ok(KeyJson.bundle(store(v), r));
  }

  private VaultResponse get(VaultRequest r) {
    String name = KeyInput.name(r.pathParam("name"), "key");
    String version = r.segments().size() > 2 ? r.pathParam("version") : "";
    return VaultResponse.ok(KeyJson.bundle(keys.version(name, version), r));
  }

  private VaultResponse update(VaultRequest r) {
    String name = KeyInput.name(r.pathParam("name"), "key");
    String version = r.segments().size() > 2 ? r.pathParam("version") : "";
    RequestBody b = r.jsonOrEmpty();
    List<String> ops = KeyInput.keyOps(b.strings("key_ops"));
    KeyInput.AttributeInput a = KeyInput.attributes(b.object("attributes"));
    Map<String, String> tags = KeyInput.tags(b.stringMap("tags"));
    StoredReleasePolicy rp = KeyInput.releasePolicy(b.object("release_policy"));
    KeyVersion updated =
        keys.repository()
            .database()
            .transaction(
                c -> {
                  KeyRecord rec = keys.active(name);
                  KeyLookup.refuseManaged(rec, "update");
                  KeyVersion cur =
                      rec.version(version).orElseThrow(() -> KeyLookup.notFound(name, version));
                  if (rp != null
                      && cur.releasePolicy() != null
                      && cur.releasePolicy().immutable()
                      && !rp.equals(cur.releasePolicy())) {
                    throw VaultError.badParameter(
                        "The release policy of key "
                            + name
                            + " is immutable and cannot be changed.");
                  }
                  KeyAttributes at = cur.attributes();
                  Long nbf = a.nbf() != null ? a.nbf() : at.nbf();
                  Long exp = a.exp() != null ? a.exp() : at.exp();
                  if (nbf != null && exp != null && nbf >= exp) {
                    throw VaultError.badParameter("Key attribute 'nbf' must be before 'exp'.");
                  }
                  if (a.exportable() != null && a.exportable() != at.exportable()) {
                    // As in Azure, exportability is fixed when a key version is created.
                    throw VaultError.badParameter(
                        "The 'exportable' attribute of key "
                            + name
                            + " cannot be changed after the key is created.");
                  }
                  boolean exportable = at.exportable();
                  StoredReleasePolicy policy = rp != null ? rp : cur.releasePolicy();
                  if (exportable && policy == null) {
                    throw VaultError.badParameter("An exportable key requires a release policy.");
                  }
                  KeyVersion next =
                      cur.with(
                          ops != null ? ops : cur.keyOps(),
                          at.withUpdate(
                              a.enabled() != null ? a.enabled() : at.enabled(),
                              nbf,
                              exp,
                              exportable,
                              r.receivedAt().getEpochSecond()),
                          tags != null ? tags : cur.tags(),
                          policy);
                  return keys.repository().updateVersion(next);
                });
    return VaultResponse.ok(KeyJson.bundle(updated, r));
  }

  private VaultResponse list(VaultRequest r) {
    ListPages paging = ListPages.of(r);
    List<String> names = keys.repository().names(false, paging.after(), paging.size() + 1);
    return VaultResponse.ok(
        paging.pageOfNames(
            r,
            names,
            lc -> keys.repository().active(lc).map(rec -> KeyJson.item(rec.latest(), r, false))));
  }

  private VaultResponse versions(VaultRequest r) {
    String name = KeyInput.name(r.pathParam("name"), "key");
    ListPages paging = ListPages.of(r);
    List<KeyVersion> all = keys.active(name).versions();
    return VaultResponse.ok(paging.pageOfVersions(r, all, v -> KeyJson.item(v, r, true)));
  }

  private VaultResponse rotate(VaultRequest r) {
    String name = KeyInput.name(r.pathParam("name"), "key");
    KeyVersion stored = rotator.rotate(name, r.receivedAt().getEpochSecond());
    return VaultResponse.ok(KeyJson.bundle(stored, r));
  }

  private KeyVersion store(KeyVersion v) {
    KeyVersion stored =
        keys.repository()
            .database()
            .transaction(
                c -> {
                  keys.checkWritableName(v.name());
                  return keys.repository().addVersion(v);
                });
    rotator.newVersionCreated(stored);
    return stored;
  }

  /**
   * The Java SDK's {@code JsonWebKey.fromEc} sends {@code x}, {@code y} and {@code d} as signed
   * big-endian integers, with a leading zero byte when the top bit is set (49 bytes for P-384);
   * drop such sign bytes so the coordinates have the curve's length.
   */
  private static void trimEcCoordinates(ObjectNode jwk, String crv) {
    EcCurve curve = EcCurve.fromJwkName(crv);
    if (curve == null) {
      return;
    }
    int size = curve.coordinateBytes();
    for (String member : new String[] {"x", "y", "d"}) {
      JsonNode v = jwk.get(member);
      if (v == null || !v.isTextual()) {
        continue;
      }
      byte[] b;
      try {
        b = Json.fromB64url(v.asText());
      } catch (IllegalArgumentException e) {
        throw VaultError.badParameter("Property 'key." + member + "' is not valid base64url.");
      }
      int start = 0;
      while (b.length - start > size && b[start] == 0) {
        start++;
      }
      if (start > 0) {
        jwk.put(member, Json.b64url(java.util.Arrays.copyOfRange(b, start, b.length)));
      }
    }
  }

  private static void checkExportable(Boolean exportable, StoredReleasePolicy rp) {
    if (exportable != null && exportable && rp == null) {
      throw VaultError.badParameter(
          "An exportable key requires a release policy: set 'release_policy' when creating it.");
    }
  }

  private static KeyVersion newVersion(
      String name,
      String kty,
      KeyMaterial material,
      List<String> ops,
      KeyInput.AttributeInput a,
      Map<String, String> tags,
      StoredReleasePolicy rp,
      long now) {
    KeyAttributes attrs =
        KeyAttributes.created(
            a.enabled() == null || a.enabled(),
            a.nbf(),
            a.exp(),
            a.exportable() != null && a.exportable(),
            now);
    return new KeyVersion(
        name,
        KeyLookup.newVersionId(),
        kty,
        ops != null ? ops : material.defaultKeyOps(),
        attrs,
        tags != null ? tags : Map.of(),
        rp,
        false,
        material);
  }
}
