package dev.keybridge.localvault.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.Flavor;
import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.RawVaultHttp;
import dev.keybridge.localvault.testing.TestAttestationAuthority;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No way around key protection: exportability is fixed at creation, and a release target must be an
 * unexpired token signed by a trusted attestation authority the key's policy names.
 */
class KeyProtectionTest {
  @RegisterExtension
  static final LocalVaultExtension HSM =
      LocalVaultExtension.create()
          .flavor(Flavor.MANAGED_HSM)
          .client("crypto-user", "crypto-user-secret-1", Role.CRYPTO_USER)
          .client("releaser", "releaser-secret-1", Role.CRYPTO_SERVICE_RELEASE_USER);

  private static final String V = "?api-version=7.6";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static String admin;
  private static String user;
  private static String releaser;
  private static String runtimeJwk;

  @BeforeAll
  static void tokens() throws Exception {
    RawVaultHttp http = HSM.http();
    String scope = HSM.vault().resource() + "/.default";
    admin = http.adminToken();
    user = http.token("crypto-user", "crypto-user-secret-1", scope);
    releaser = http.token("releaser", "releaser-secret-1", scope);
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair runtime = g.generateKeyPair();
    runtimeJwk = TestAttestationAuthority.runtimeJwkMembers((RSAPublicKey) runtime.getPublic());
  }

  private static String policy(String authority) {
    String json =
        "{\"version\":\"1.0.0\",\"anyOf\":[{\"authority\":\""
            + authority
            + "\",\"allOf\":[{\"claim\":\"x-ms-attestation-type\",\"equals\":\"sevsnpvm\"}]}]}";
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String claims() {
    return "{\"x-ms-attestation-type\":\"sevsnpvm\",\"x-ms-runtime\":{\"keys\":[{"
        + runtimeJwk
        + "}]}}";
  }

  private static RawVaultHttp.Response create(String name, boolean exportable, String authority) {
    String body =
        "{\"kty\":\"RSA-HSM\",\"key_size\":2048"
            + (exportable
                ? ",\"attributes\":{\"exportable\":true},\"release_policy\":{\"data\":\""
                    + policy(authority)
                    + "\"}"
                : "")
            + "}";
    RawVaultHttp.Response r = HSM.http().send("POST", "/keys/" + name + "/create" + V, admin, body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r;
  }

  private static RawVaultHttp.Response release(String name, String target) throws Exception {
    ObjectNode body = JSON.createObjectNode().put("target", target);
    return HSM.http()
        .send("POST", "/keys/" + name + "//release" + V, releaser, JSON.writeValueAsString(body));
  }

  @Test
  void exportabilityCannotBeChangedAfterCreation() {
    create("victim", false, null);
    RawVaultHttp.Response attack =
        HSM.http()
            .send(
                "PATCH",
                "/keys/victim" + V,
                user,
                "{\"attributes\":{\"exportable\":true},\"release_policy\":{\"data\":\""
                    + policy(TestAttestationAuthority.URL)
                    + "\"}}");
    assertThat(attack.status()).as(attack.body()).isEqualTo(400);
    assertThat(attack.errorCode()).isEqualTo("BadParameter");
    assertThat(attack.body()).contains("'exportable'").contains("cannot be changed");
    RawVaultHttp.Response key = HSM.http().send("GET", "/keys/victim" + V, admin, null);
    assertThat(key.json().at("/attributes/exportable").asBoolean()).isFalse();
    assertThat(key.json().has("release_policy")).isFalse();

    create("exported", true, TestAttestationAuthority.URL);
    RawVaultHttp.Response lock =
        HSM.http()
            .send("PATCH", "/keys/exported" + V, admin, "{\"attributes\":{\"exportable\":false}}");
    assertThat(lock.status()).as(lock.body()).isEqualTo(400);
    RawVaultHttp.Response same =
        HSM.http()
            .send(
                "PATCH",
                "/keys/exported" + V,
                admin,
                "{\"attributes\":{\"exportable\":true,\"enabled\":true}}");
    assertThat(same.status()).as("restating the value is no change").isEqualTo(200);
  }

  @Test
  void releaseNeedsATargetSignedByTheTrustedAuthorityThePolicyNames() throws Exception {
    create("guarded", true, TestAttestationAuthority.URL);
    TestAttestationAuthority trusted = TestAttestationAuthority.shared();

    assertThat(release("guarded", trusted.sign(claims())).status()).isEqualTo(200);

    String[] good = trusted.sign(claims()).split("\\.");
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String unsigned =
        b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + good[1]
            + ".";
    assertRefused(release("guarded", unsigned), 403, "AccessDenied", "RS256");
    assertRefused(
        release("guarded", good[0] + "." + good[1] + "." + b64.encodeToString(new byte[256])),
        403,
        "AccessDenied",
        "signature");
    String forged = TestAttestationAuthority.create().sign(claims());
    assertRefused(release("guarded", forged), 403, "AccessDenied", "signature");
    String expired =
        trusted.sign(
            "{\"exp\":" + (System.currentTimeMillis() / 1000 - 60) + "," + claims().substring(1));
    assertRefused(release("guarded", expired), 403, "AccessDenied", "expired");
    String otherIssuer = trusted.sign("{\"iss\":\"https://evil.example\"," + claims().substring(1));
    assertRefused(release("guarded", otherIssuer), 403, "AccessDenied", "issuer");
    assertRefused(release("guarded", "not-a-jwt"), 400, "BadParameter", "JWT");
  }

  @Test
  void aPolicyNamingAnUntrustedAuthorityReleasesNothing() throws Exception {
    create("stranger", true, "https://unknown-attestation.example");
    String target =
        TestAttestationAuthority.shared()
            .sign("{\"iss\":\"https://unknown-attestation.example\"," + claims().substring(1));
    assertRefused(release("stranger", target), 400, "BadParameter", "not trusted");
  }

  @Test
  void theBuiltInAuthorityMintsTargetsForAdministratorsOnly() throws Exception {
    String authority = HSM.vault().url() + "/attestation";
    create("local-attested", true, authority);
    String body = "{\"claims\":" + claims() + "}";
    RawVaultHttp.Response denied =
        HSM.http().send("POST", "/attestation/attest" + V, releaser, body);
    assertThat(denied.status()).isEqualTo(403);
    RawVaultHttp.Response minted = HSM.http().send("POST", "/attestation/attest" + V, admin, body);
    assertThat(minted.status()).as(minted.body()).isEqualTo(200);
    String token = minted.json().get("token").asText();
    assertThat(release("local-attested", token).status()).isEqualTo(200);
    // Its tokens do not satisfy a policy naming another authority.
    create("elsewhere", true, TestAttestationAuthority.URL);
    assertRefused(release("elsewhere", token), 403, "AccessDenied", "issuer");
    RawVaultHttp.Response jwks = HSM.http().send("GET", "/attestation/certs", null, null);
    assertThat(jwks.status()).isEqualTo(200);
    assertThat(jwks.json().at("/keys/0/kty").asText()).isEqualTo("RSA");
  }

  private static void assertRefused(
      RawVaultHttp.Response r, int status, String code, String messagePart) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.body()).contains(code).contains(messagePart);
  }
}
