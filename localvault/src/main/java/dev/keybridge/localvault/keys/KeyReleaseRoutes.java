package dev.keybridge.localvault.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.attestation.AttestationAuthorities;
import dev.keybridge.localvault.auth.DataActions;
import dev.keybridge.localvault.auth.TokenSigningKey;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.http.RequestBody;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;

/**
 * Secure Key Release ({@code POST /keys/{name}/{version}/release}) and key attestation ({@code GET
 * /keys/{name}/{version}/attestation}).
 *
 * <p>Release: the key must be exportable (403 KeyNotExportable), enabled and not expired; the
 * {@code target} must be a JWT (400) whose claims satisfy the key's release policy (403
 * AccessDenied), signed by an attestation authority the policy names and the vault trusts ({@link
 * AttestationAuthorities}: unsigned, wrongly signed or expired targets get 403). The result {@code
 * value} is a compact JWS signed by the vault's token key (verify it with the JWKS at {@code
 * /{tenant}/discovery/v2.0/keys}, or with {@code x5c} of its header, which chains to the vault CA)
 * whose payload is {@code {"request":{...},"response":{"key": KeyBundle}}}; {@code key.key} is the
 * public JWK plus {@code key_hsm}: the private material wrapped for the target's runtime key
 * ({@link ReleasedKeyWrap}).
 */
final class KeyReleaseRoutes {
  /** The wrapping when a release names none, as in Azure. */
  private static final String DEFAULT_ENC = "CKM_RSA_AES_KEY_WRAP";

  private static final Set<String> ENC =
      Set.of("CKM_RSA_AES_KEY_WRAP", "RSA_AES_KEY_WRAP_256", "RSA_AES_KEY_WRAP_384");

  private final KeyLookup keys;
  private final TokenSigningKey signer;
  private final String caPem;
  private final AttestationAuthorities authorities;

  KeyReleaseRoutes(
      KeyLookup keys, TokenSigningKey signer, String caPem, AttestationAuthorities authorities) {
    this.keys = keys;
    this.signer = signer;
    this.caPem = caPem;
    this.authorities = authorities;
  }

  void register(Router router) {
    router.add("POST", "/keys/{name}/{version?}/release", DataActions.KEYS_RELEASE, this::release);
    router.add(
        "GET", "/keys/{name}/{version?}/attestation", DataActions.KEYS_READ, this::attestation);
  }

  private VaultResponse release(VaultRequest r) {
    RequestBody b = r.json();
    String target = b.requiredString("target");
    String nonce = b.string("nonce");
    String enc = b.string("enc");
    if (enc != null && !ENC.contains(enc)) {
      throw VaultError.badParameter(
          "Invalid enc '" + KeyInput.printable(enc) + "'; use one of " + ENC + ".");
    }
    String name = KeyInput.name(r.pathParam("name"), "key");
    KeyVersion v = keys.version(name, r.pathParam("version"));
    if (!v.attributes().exportable() || v.releasePolicy() == null) {
      throw VaultError.forbidden(
          "KeyNotExportable", "Key " + v.name() + "/" + v.version() + " is not exportable.");
    }
    KeyCryptoRoutes.checkUsable(v, "release", true, r.receivedAt().getEpochSecond());
    JsonNode policy;
    try {
      policy = Json.parse(v.releasePolicy().data());
    } catch (IOException e) {
      throw new IllegalStateException("stored release policy is not JSON", e);
    }
    JsonNode claims =
        authorities.verify(target, ReleasePolicyEvaluator.authorities(policy), r.receivedAt());
    if (!ReleasePolicyEvaluator.satisfied(policy, claims)) {
      throw VaultError.forbidden(
          "AccessDenied",
          "Target environment attestation statement does not satisfy the release policy of key "
              + v.name()
              + ".");
    }
    RSAPublicKey runtimeKey = ReleasedKeyWrap.runtimeKey(claims);
    ObjectNode bundle = KeyJson.bundle(v, r);
    ObjectNode releasedJwk = v.material().publicJwk(v.kid(r.baseUrl()), v.keyOps());
    releasedJwk.put("kty", v.kty());
    releasedJwk.put("key_hsm", Json.b64url(ReleasedKeyWrap.wrap(v.material(), runtimeKey, enc)));
    bundle.set("key", releasedJwk);
    // As Azure's payload: the release policy without its contentType, the enc used (the default
    // when none was asked) and no claims beyond request and response.
    if (bundle.get("release_policy") instanceof ObjectNode releasePolicy) {
      releasePolicy.remove("contentType");
    }
    ObjectNode payload = Json.object();
    ObjectNode request = payload.putObject("request");
    request.put("api-version", r.query("api-version"));
    request.put("enc", enc != null ? enc : DEFAULT_ENC);
    request.put("kid", v.kid(r.baseUrl()));
    if (nonce != null) {
      request.put("nonce", nonce);
    }
    payload.putObject("response").set("key", bundle);
    ObjectNode body = Json.object();
    body.put("value", signer.signWithChain("JWT", payload));
    return VaultResponse.ok(body);
  }

  private VaultResponse attestation(VaultRequest r) {
    String name = KeyInput.name(r.pathParam("name"), "key");
    KeyVersion v = keys.version(name, r.pathParam("version"));
    ObjectNode bundle = KeyJson.bundle(v, r);
    ObjectNode statement = Json.object();
    statement.put("kid", v.kid(r.baseUrl()));
    statement.put("kty", v.kty());
    statement.put("iss", r.baseUrl());
    statement.put("iat", r.receivedAt().getEpochSecond());
    statement.put("platform", "keybridge local vault (software keys, not an HSM)");
    ObjectNode priv = statement.deepCopy();
    priv.put("exportable", v.attributes().exportable());
    ObjectNode att = ((ObjectNode) bundle.get("attributes")).putObject("attestation");
    att.put("certificatePemFile", Json.b64url(caPem.getBytes(StandardCharsets.US_ASCII)));
    att.put(
        "privateKeyAttestation",
        Json.b64url(signer.sign("JWT", priv).getBytes(StandardCharsets.US_ASCII)));
    if (!v.kty().startsWith("oct")) {
      // As Azure's: a symmetric key has no public key, so no public-key attestation.
      ObjectNode pub = statement.deepCopy();
      pub.set("publicKey", v.material().publicJwk(v.kid(r.baseUrl()), v.keyOps()));
      att.put(
          "publicKeyAttestation",
          Json.b64url(signer.sign("JWT", pub).getBytes(StandardCharsets.US_ASCII)));
    }
    att.put("version", "1.0");
    return VaultResponse.ok(bundle);
  }
}
