package dev.keybridge.localvault.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.MutableClock;
import dev.keybridge.localvault.testing.RawVaultHttp;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The identity authority and bearer-token checks, over raw HTTPS. */
class TokenValidationTest {
  private static final MutableClock CLOCK = new MutableClock();

  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create().clock(CLOCK).client("app", "app-secret", Role.CRYPTO_USER);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GET_KEYS = "/keys?api-version=7.6";

  @AfterEach
  void resetClock() {
    CLOCK.reset();
  }

  @Test
  void aRequestWithoutTokenGetsTheChallengeAndIsNotProcessed() {
    RawVaultHttp http = VAULT.http();
    long before = VAULT.vault().keyRepository().names(false, null, 100).size();
    RawVaultHttp.Response r =
        http.send("POST", "/keys/unauth/create?api-version=2025-07-01", null, "{\"kty\":\"EC\"}");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValue(
            "Bearer authorization=\""
                + VAULT.vault().url()
                + "/"
                + VAULT.vault().tenantId()
                + "\", resource=\"https://vault.azure.net\"");
    assertThat(r.body())
        .isEqualTo(
            "{\"error\":{\"code\":\"Unauthorized\",\"message\":\"AKV10000: Request is missing a Bearer or PoP token.\"}}");
    assertThat(VAULT.vault().keyRepository().names(false, null, 100)).hasSize((int) before);
  }

  @Test
  void issuesJwtsThatAzureIdentityAccepts() throws Exception {
    AccessToken token =
        VAULT
            .sdk("app", "app-secret")
            .credential()
            .getTokenSync(new TokenRequestContext().addScopes("https://vault.azure.net/.default"));
    JsonNode claims = claims(token.getToken());
    assertThat(claims.get("aud").asText()).isEqualTo("https://vault.azure.net");
    assertThat(claims.get("iss").asText())
        .isEqualTo(VAULT.vault().url() + "/" + VAULT.vault().tenantId() + "/v2.0");
    assertThat(claims.get("tid").asText()).isEqualTo(VAULT.vault().tenantId());
    assertThat(claims.get("appid").asText()).isEqualTo("app");
    assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(3600);
    assertThat(VAULT.http().send("GET", GET_KEYS, token.getToken(), null).status()).isEqualTo(200);
  }

  @Test
  void theV1EndpointIssuesTokensForAResource() {
    RawVaultHttp http = VAULT.http();
    String form =
        "grant_type=client_credentials&client_id=app&client_secret=app-secret&resource=https%3A%2F%2Fvault.azure.net";
    var req =
        java.net.http.HttpRequest.newBuilder(
                VAULT.vault().url().resolve("/" + VAULT.vault().tenantId() + "/oauth2/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form))
            .build();
    RawVaultHttp.Response r = http.send(req);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("resource").asText()).isEqualTo("https://vault.azure.net");
    assertThat(http.send("GET", GET_KEYS, r.json().get("access_token").asText(), null).status())
        .isEqualTo(200);
  }

  @Test
  void wrongSecretUnknownClientAndWrongScopeAreOAuthErrors() {
    RawVaultHttp http = VAULT.http();
    RawVaultHttp.Response bad =
        http.tokenRequest("app", "wrong", "https://vault.azure.net/.default");
    assertThat(bad.status()).isEqualTo(401);
    assertThat(bad.json().get("error").asText()).isEqualTo("invalid_client");
    RawVaultHttp.Response unknown =
        http.tokenRequest("nobody", "x", "https://vault.azure.net/.default");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("error").asText()).isEqualTo("unauthorized_client");
    RawVaultHttp.Response scope =
        http.tokenRequest("app", "app-secret", "https://graph.microsoft.com/.default");
    assertThat(scope.status()).isEqualTo(400);
    assertThat(scope.json().get("error").asText()).isEqualTo("invalid_scope");
    assertThat(VAULT.accessLog().lines())
        .noneMatch(l -> l.contains("app-secret") || l.contains("wrong"));
  }

  @Test
  void expiredForgedAndWrongAudienceTokensGet401() throws Exception {
    RawVaultHttp http = VAULT.http();
    String token = http.token("app", "app-secret", "https://vault.azure.net/.default");
    assertThat(http.send("GET", GET_KEYS, token, null).status()).isEqualTo(200);

    CLOCK.advance(Duration.ofMinutes(61));
    RawVaultHttp.Response expired = http.send("GET", GET_KEYS, token, null);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.errorCode()).isEqualTo("Unauthorized");
    assertThat(expired.headers().firstValue("WWW-Authenticate")).isPresent();
    CLOCK.reset();

    String[] parts = token.split("\\.");
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    String forged =
        parts[0]
            + "."
            + parts[1]
            + "."
            + sign(parts[0] + "." + parts[1], g.generateKeyPair().getPrivate());
    assertThat(http.send("GET", GET_KEYS, forged, null).status()).isEqualTo(401);

    JsonNode claims = claims(token);
    ((com.fasterxml.jackson.databind.node.ObjectNode) claims).put("appid", "reader-in-disguise");
    String tampered = parts[0] + "." + b64(JSON.writeValueAsBytes(claims)) + "." + parts[2];
    assertThat(http.send("GET", GET_KEYS, tampered, null).status()).isEqualTo(401);

    String hsmToken = http.token("app", "app-secret", "https://managedhsm.azure.net/.default");
    RawVaultHttp.Response wrongAudience = http.send("GET", GET_KEYS, hsmToken, null);
    assertThat(wrongAudience.status()).isEqualTo(401);
    assertThat(wrongAudience.body()).contains("Invalid audience");

    assertThat(http.send("GET", GET_KEYS, "not-a-jwt", null).status()).isEqualTo(401);
  }

  @Test
  void servesOpenIdDiscoveryJwksAndInstanceDiscovery() {
    RawVaultHttp http = VAULT.http();
    String tenant = VAULT.vault().tenantId();
    JsonNode config =
        http.send("GET", "/" + tenant + "/v2.0/.well-known/openid-configuration", null, null)
            .json();
    assertThat(config.get("token_endpoint").asText())
        .isEqualTo(VAULT.vault().url() + "/" + tenant + "/oauth2/v2.0/token");
    assertThat(config.get("issuer").asText())
        .isEqualTo(VAULT.vault().url() + "/" + tenant + "/v2.0");
    JsonNode jwks = http.send("GET", "/" + tenant + "/discovery/v2.0/keys", null, null).json();
    assertThat(jwks.get("keys").get(0).get("kty").asText()).isEqualTo("RSA");
    JsonNode instance =
        http.send("GET", "/common/discovery/instance?api-version=1.1", null, null).json();
    assertThat(instance.get("tenant_discovery_endpoint").asText())
        .contains("/openid-configuration");
  }

  private static JsonNode claims(String jwt) throws Exception {
    return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
  }

  private static String sign(String input, PrivateKey key) throws Exception {
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(key);
    s.update(input.getBytes(StandardCharsets.US_ASCII));
    return b64(s.sign());
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
