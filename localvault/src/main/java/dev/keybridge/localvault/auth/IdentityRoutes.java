package dev.keybridge.localvault.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.http.PathSegments;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The identity authority on the vault's own port (anonymous routes): OAuth2 client-credentials
 * token endpoints ({@code /{tenant}/oauth2/v2.0/token} with {@code scope}, {@code
 * /{tenant}/oauth2/token} with {@code resource}), OpenID discovery, JWKS and MSAL instance
 * discovery. Errors use the Entra ID shape {@code {"error","error_description","error_codes",...}}.
 */
public final class IdentityRoutes {
  private static final String FORM = "application/x-www-form-urlencoded";

  private final TokenService tokens;
  private final ClientRegistry clients;
  private final Clock clock;
  private final SignInThrottle throttle;
  private final ClientAssertions assertions;

  public IdentityRoutes(TokenService tokens, ClientRegistry clients, Clock clock) {
    this(tokens, clients, clock, new ClientAssertions(clock));
  }

  /** With client assertions (certificate and federated credentials) besides secrets. */
  public IdentityRoutes(
      TokenService tokens, ClientRegistry clients, Clock clock, ClientAssertions assertions) {
    this.tokens = tokens;
    this.clients = clients;
    this.clock = clock;
    this.throttle = new SignInThrottle(clock);
    this.assertions = assertions;
  }

  /** Registers the identity endpoints. */
  public void register(Router router) {
    router.anonymous("POST", "/{tenant}/oauth2/v2.0/token", r -> token(r, true));
    router.anonymous("POST", "/{tenant}/oauth2/token", r -> token(r, false));
    router.anonymous(
        "GET", "/{tenant}/v2.0/.well-known/openid-configuration", r -> openid(r, true));
    router.anonymous("GET", "/{tenant}/.well-known/openid-configuration", r -> openid(r, false));
    router.anonymous("GET", "/{tenant}/discovery/v2.0/keys", this::jwks);
    router.anonymous("GET", "/{tenant}/discovery/keys", this::jwks);
    router.anonymous("GET", "/{tenant}/discovery/instance", this::instanceDiscovery);
  }

  private VaultResponse token(VaultRequest r, boolean v2) {
    if (!tenantMatches(r)) {
      return oauthError(
          400, "invalid_request", 90002, "Tenant '" + r.pathParam("tenant") + "' not found.");
    }
    String contentType = r.header("Content-Type");
    if (contentType == null || !contentType.toLowerCase().startsWith(FORM)) {
      return oauthError(400, "invalid_request", 900144, "The request body must be " + FORM + ".");
    }
    Map<String, String> form;
    try {
      form = parseForm(new String(r.body(), StandardCharsets.UTF_8));
    } catch (VaultError e) {
      return oauthError(400, "invalid_request", 900144, "The request body is not a valid form.");
    }
    String grant = form.get("grant_type");
    if (!"client_credentials".equals(grant)) {
      return oauthError(
          400,
          "unsupported_grant_type",
          70003,
          "The app requested an unsupported grant type '" + (grant == null ? "" : grant) + "'.");
    }
    String clientId = form.get("client_id");
    String secret = form.get("client_secret");
    String basic = r.header("Authorization");
    if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded =
            new String(
                Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon > 0) {
          clientId = PathSegments.percentDecode(decoded.substring(0, colon), true);
          secret = PathSegments.percentDecode(decoded.substring(colon + 1), true);
        }
      } catch (IllegalArgumentException | VaultError e) {
        return oauthError(401, "invalid_client", 7000216, "The client credentials are malformed.");
      }
    }
    if (clientId == null || clientId.isEmpty()) {
      return oauthError(
          400,
          "invalid_request",
          900144,
          "The request body must contain the parameter: 'client_id'.");
    }
    Optional<Duration> locked = throttle.lockedFor(clientId);
    if (locked.isPresent()) {
      long seconds = Math.max(1, (locked.get().toMillis() + 999) / 1000);
      return oauthError(
              400,
              "invalid_client",
              50196,
              "Too many failed sign-ins for application '"
                  + printable(clientId)
                  + "'; it is locked for "
                  + seconds
                  + " more seconds.")
          .header("Retry-After", Long.toString(seconds));
    }
    if (form.containsKey("client_assertion")) {
      VaultResponse refused = assertionRefusal(clientId, form, v2);
      if (refused != null) {
        throttle.failed(clientId);
        return refused;
      }
      throttle.succeeded(clientId);
    } else {
      ClientRegistry.Check check = clients.check(clientId, secret);
      if (check == ClientRegistry.Check.OK) {
        throttle.succeeded(clientId);
      } else {
        throttle.failed(clientId);
      }
      switch (check) {
        case UNKNOWN_CLIENT:
          return unknownClient(clientId);
        case BAD_SECRET:
          return oauthError(
              401,
              "invalid_client",
              7000215,
              "Invalid client secret provided. Ensure the secret being sent in the request is the client"
                  + " secret value, not the client secret ID, for a secret added to app '"
                  + clientId
                  + "'.");
        default:
          break;
      }
    }
    String resource = v2 ? resourceFromScope(form.get("scope")) : stripSlash(form.get("resource"));
    if (resource == null || !tokens.isIssuableResource(resource)) {
      return oauthError(
          400,
          "invalid_scope",
          v2 ? 70011 : 500011,
          "The provided value for the "
              + (v2 ? "scope" : "resource")
              + " is not valid; use "
              + (v2
                  ? "https://vault.azure.net/.default or https://managedhsm.azure.net/.default"
                  : "https://vault.azure.net or https://managedhsm.azure.net")
              + ".");
    }
    String token = tokens.issue(clientId, resource);
    ObjectNode body = Json.object();
    body.put("token_type", "Bearer");
    long lifetime = TokenService.LIFETIME_SECONDS - 1;
    if (v2) {
      body.put("expires_in", lifetime);
      body.put("ext_expires_in", lifetime);
    } else {
      long now = clock.instant().getEpochSecond();
      body.put("expires_in", Long.toString(lifetime));
      body.put("ext_expires_in", Long.toString(lifetime));
      body.put("expires_on", Long.toString(now + lifetime));
      body.put("not_before", Long.toString(now));
      body.put("resource", resource);
    }
    body.put("access_token", token);
    return VaultResponse.ok(body);
  }

  private VaultResponse unknownClient(String clientId) {
    return oauthError(
        400,
        "unauthorized_client",
        700016,
        "Application with identifier '"
            + printable(clientId)
            + "' was not found in the directory '"
            + tokens.tenantId()
            + "'.");
  }

  /** Null when the client assertion authenticates {@code clientId}, else the refusal. */
  private VaultResponse assertionRefusal(String clientId, Map<String, String> form, boolean v2) {
    if (clients.roleOf(clientId).isEmpty()) {
      return unknownClient(clientId);
    }
    ClientAssertions.Refusal refusal =
        assertions.check(
            clientId,
            form.get("client_assertion_type"),
            form.get("client_assertion"),
            tokens.authorityUrl()
                + "/"
                + tokens.tenantId()
                + (v2 ? "/oauth2/v2.0/token" : "/oauth2/token"));
    return refusal == null
        ? null
        : oauthError(refusal.status(), refusal.error(), refusal.code(), refusal.description());
  }

  private VaultResponse openid(VaultRequest r, boolean v2) {
    if (!tenantMatches(r)) {
      return oauthError(
          400, "invalid_tenant", 90002, "Tenant '" + r.pathParam("tenant") + "' not found.");
    }
    String base = tokens.authorityUrl() + "/" + tokens.tenantId();
    ObjectNode c = Json.object();
    c.put("issuer", v2 ? tokens.issuer() : base + "/");
    c.put("token_endpoint", base + (v2 ? "/oauth2/v2.0/token" : "/oauth2/token"));
    c.put("authorization_endpoint", base + (v2 ? "/oauth2/v2.0/authorize" : "/oauth2/authorize"));
    c.put("jwks_uri", base + (v2 ? "/discovery/v2.0/keys" : "/discovery/keys"));
    c.putArray("token_endpoint_auth_methods_supported")
        .add("client_secret_post")
        .add("client_secret_basic")
        .add("private_key_jwt");
    c.putArray("response_types_supported").add("token");
    c.putArray("grant_types_supported").add("client_credentials");
    c.putArray("subject_types_supported").add("pairwise");
    c.putArray("id_token_signing_alg_values_supported").add("RS256");
    c.putArray("scopes_supported")
        .add("https://vault.azure.net/.default")
        .add("https://managedhsm.azure.net/.default");
    c.put("tenant_region_scope", "WW");
    c.put("cloud_instance_name", "localhost");
    return VaultResponse.ok(c);
  }

  private VaultResponse jwks(VaultRequest r) {
    ObjectNode body = Json.object();
    body.putArray("keys").add(tokens.signingKey().publicJwk());
    return VaultResponse.ok(body);
  }

  private VaultResponse instanceDiscovery(VaultRequest r) {
    String hostPort = tokens.authorityUrl().substring("https://".length());
    ObjectNode body = Json.object();
    body.put(
        "tenant_discovery_endpoint",
        tokens.authorityUrl() + "/" + tokens.tenantId() + "/v2.0/.well-known/openid-configuration");
    body.put("api-version", "1.1");
    ArrayNode metadata = body.putArray("metadata");
    ObjectNode m = metadata.addObject();
    m.put("preferred_network", hostPort);
    m.put("preferred_cache", hostPort);
    m.putArray("aliases").add(hostPort);
    return VaultResponse.ok(body);
  }

  private boolean tenantMatches(VaultRequest r) {
    return tokens.tenantId().equalsIgnoreCase(r.pathParam("tenant"));
  }

  private static String resourceFromScope(String scope) {
    if (scope == null) {
      return null;
    }
    String resource = null;
    for (String s : scope.trim().split("\\s+")) {
      if (s.equals("openid") || s.equals("profile") || s.equals("offline_access") || s.isEmpty()) {
        continue;
      }
      if (resource != null || !s.endsWith("/.default")) {
        return null;
      }
      resource = stripSlash(s.substring(0, s.length() - "/.default".length()));
    }
    return resource;
  }

  private static String stripSlash(String s) {
    if (s == null) {
      return null;
    }
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static Map<String, String> parseForm(String form) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = PathSegments.percentDecode(eq < 0 ? pair : pair.substring(0, eq), true);
      String value = eq < 0 ? "" : PathSegments.percentDecode(pair.substring(eq + 1), true);
      out.putIfAbsent(name, value);
    }
    return out;
  }

  private static String printable(String s) {
    String t = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    return t.replaceAll("[^\\x20-\\x7e]", "?");
  }

  private VaultResponse oauthError(int status, String error, int code, String description) {
    ObjectNode body = Json.object();
    String trace = UUID.randomUUID().toString();
    body.put("error", error);
    body.put("error_description", "AADSTS" + code + ": " + description + " Trace ID: " + trace);
    body.putArray("error_codes").add(code);
    body.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
    body.put("trace_id", trace);
    body.put("correlation_id", UUID.randomUUID().toString());
    return VaultResponse.raw(status, VaultResponse.JSON_TYPE, Json.bytes(body), error);
  }
}
