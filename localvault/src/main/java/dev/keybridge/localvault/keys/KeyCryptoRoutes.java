package dev.keybridge.localvault.keys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.auth.DataActions;
import dev.keybridge.localvault.crypto.CipherResult;
import dev.keybridge.localvault.crypto.KeyCrypto;
import dev.keybridge.localvault.crypto.KeyMaterial;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.http.RequestBody;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;

/**
 * The six crypto operations, {@code POST /keys/{name}/{version}/(sign|verify|encrypt|decrypt|
 * wrapkey|unwrapkey)} with an empty version meaning the latest. Before the engine ({@link
 * KeyCrypto}) runs, the key must be enabled (403 KeyDisabled), list the operation in {@code
 * key_ops} (403 KeyOperationForbidden) and, for sign, encrypt and wrapKey, be inside its nbf/exp
 * window (403 KeyNotYetValid / KeyExpired); decrypt, unwrap and verify stay allowed after expiry,
 * as Key Vault documents. Keys come from the repository's cache: no database read, no parsing.
 */
final class KeyCryptoRoutes {
  private final KeyLookup keys;

  KeyCryptoRoutes(KeyLookup keys) {
    this.keys = keys;
  }

  void register(Router router) {
    String p = "/keys/{name}/{version?}/";
    router.add("POST", p + "sign", DataActions.KEYS_SIGN, this::sign);
    router.add("POST", p + "verify", DataActions.KEYS_VERIFY, this::verify);
    router.add("POST", p + "encrypt", DataActions.KEYS_ENCRYPT, this::encrypt);
    router.add("POST", p + "decrypt", DataActions.KEYS_DECRYPT, this::decrypt);
    router.add("POST", p + "wrapkey", DataActions.KEYS_WRAP, this::wrap);
    router.add("POST", p + "unwrapkey", DataActions.KEYS_UNWRAP, this::unwrap);
  }

  private VaultResponse sign(VaultRequest r) {
    return onValue(r, "sign", true, KeyCrypto::sign);
  }

  private VaultResponse wrap(VaultRequest r) {
    return onValue(r, "wrapKey", true, KeyCrypto::wrapKey);
  }

  private VaultResponse unwrap(VaultRequest r) {
    return onValue(r, "unwrapKey", false, KeyCrypto::unwrapKey);
  }

  /** A crypto operation from {@code alg} and {@code value} to a value: sign, wrapKey, unwrapKey. */
  @FunctionalInterface
  private interface ValueOperation {
    byte[] apply(KeyMaterial key, String alg, byte[] value);
  }

  /**
   * Runs a {@link ValueOperation}: reads {@code alg} and {@code value}, checks the key version for
   * {@code op} and answers {@code {"kid", "value"}}.
   */
  private VaultResponse onValue(
      VaultRequest r, String op, boolean timeBound, ValueOperation operation) {
    RequestBody b = r.json();
    String alg = b.requiredString("alg");
    byte[] value = b.requiredBytes("value");
    KeyVersion v = usable(r, op, timeBound);
    return result(r, v, operation.apply(v.material(), alg, value));
  }

  private VaultResponse verify(VaultRequest r) {
    RequestBody b = r.json();
    String alg = b.requiredString("alg");
    byte[] digest = b.requiredBytes("digest");
    byte[] signature = b.requiredBytes("value");
    KeyVersion v = usable(r, "verify", false);
    ObjectNode body = Json.object();
    body.put("value", KeyCrypto.verify(v.material(), alg, digest, signature));
    return VaultResponse.ok(body);
  }

  private VaultResponse encrypt(VaultRequest r) {
    RequestBody b = r.json();
    String alg = b.requiredString("alg");
    byte[] plaintext = b.requiredBytes("value");
    byte[] iv = b.bytes("iv");
    byte[] aad = b.bytes("aad");
    KeyVersion v = usable(r, "encrypt", true);
    CipherResult c = KeyCrypto.encrypt(v.material(), alg, plaintext, iv, aad);
    ObjectNode body = Json.object();
    body.put("kid", v.kid(r.baseUrl()));
    body.put("value", Json.b64url(c.ciphertext()));
    if (c.iv() != null) {
      body.put("iv", Json.b64url(c.iv()));
    }
    if (c.tag() != null) {
      body.put("tag", Json.b64url(c.tag()));
    }
    if (aad != null && c.tag() != null) {
      body.put("aad", Json.b64url(aad));
    }
    return VaultResponse.ok(body);
  }

  private VaultResponse decrypt(VaultRequest r) {
    RequestBody b = r.json();
    String alg = b.requiredString("alg");
    byte[] ciphertext = b.requiredBytes("value");
    byte[] iv = b.bytes("iv");
    byte[] aad = b.bytes("aad");
    byte[] tag = b.bytes("tag");
    KeyVersion v = usable(r, "decrypt", false);
    return result(r, v, KeyCrypto.decrypt(v.material(), alg, ciphertext, iv, aad, tag));
  }

  /**
   * The key version named by the path, checked for {@code op}: enabled, allowed by key_ops and,
   * when {@code timeBound}, inside nbf/exp.
   */
  private KeyVersion usable(VaultRequest r, String op, boolean timeBound) {
    String name = KeyInput.name(r.pathParam("name"), "key");
    KeyVersion v = keys.version(name, r.pathParam("version"));
    checkUsable(v, op, timeBound, r.receivedAt().getEpochSecond());
    if (!v.keyOps().contains(op)) {
      throw VaultError.forbidden(
          "KeyOperationForbidden",
          "Operation "
              + op
              + " is not permitted on key "
              + v.name()
              + "/"
              + v.version()
              + "; its key_ops are "
              + v.keyOps()
              + ".");
    }
    return v;
  }

  /** Enabled and (when {@code timeBound}) nbf <= now < exp, else 403 with the inner code. */
  static void checkUsable(KeyVersion v, String op, boolean timeBound, long now) {
    KeyAttributes a = v.attributes();
    if (!a.enabled()) {
      throw VaultError.forbidden(
          "KeyDisabled", "Operation " + op + " is not allowed on a disabled key.");
    }
    if (timeBound && a.nbf() != null && now < a.nbf()) {
      throw VaultError.forbidden(
          "KeyNotYetValid",
          "Operation "
              + op
              + " is not allowed before the key's activation date (nbf "
              + a.nbf()
              + ").");
    }
    if (timeBound && a.exp() != null && now >= a.exp()) {
      throw VaultError.forbidden(
          "KeyExpired",
          "Operation " + op + " is not allowed on an expired key (exp " + a.exp() + ").");
    }
  }

  private static VaultResponse result(VaultRequest r, KeyVersion v, byte[] value) {
    ObjectNode body = Json.object();
    body.put("kid", v.kid(r.baseUrl()));
    body.put("value", Json.b64url(value));
    return VaultResponse.ok(body);
  }
}
