package dev.keybridge.localvault.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.Flavor;
import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.http.Authenticator;
import dev.keybridge.localvault.http.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and verifies the vault's access tokens: RS256 JWTs signed by the {@link TokenSigningKey}
 * with {@code aud} = the resource, {@code iss} = {@code https://localhost:PORT/<tenant>/v2.0},
 * {@code tid}, {@code appid}/{@code azp} = client id, {@code oid}/{@code sub}, {@code iat}, {@code
 * nbf}, {@code exp} (one hour). Verification of a vault request checks signature, time window (with
 * the vault's clock, no skew), audience (the flavor's resource), issuer, tenant and that the client
 * is still registered; its role is read from the registry at every request.
 */
public final class TokenService implements Authenticator {
  /** Lifetime of issued tokens. */
  public static final long LIFETIME_SECONDS = 3600;

  private static final int CACHE_LIMIT = 1024;

  private final TokenSigningKey key;
  private final ClientRegistry clients;
  private final Clock clock;
  private final Flavor flavor;
  private final String tenantId;
  private final String authorityUrl;
  private final Map<String, JsonNode> verified = new ConcurrentHashMap<>();
  private final Set<String> derivedResources;

  /**
   * @param authorityUrl the vault's own URL, e.g. {@code https://localhost:8443}
   * @param hostNames the names the vault is reachable at (those its TLS certificate names)
   */
  public TokenService(
      TokenSigningKey key,
      ClientRegistry clients,
      Clock clock,
      Flavor flavor,
      String tenantId,
      String authorityUrl,
      List<String> hostNames) {
    this.key = key;
    this.clients = clients;
    this.clock = clock;
    this.flavor = flavor;
    this.tenantId = tenantId;
    this.authorityUrl = authorityUrl;
    int port = URI.create(authorityUrl).getPort();
    Set<String> derived = new LinkedHashSet<>();
    for (String host : hostNames) {
      derivedResource(host, port).ifPresent(derived::add);
    }
    this.derivedResources = Set.copyOf(derived);
  }

  /**
   * The resource a client derives from a vault URL the way Azure's DNS names work: the URL without
   * its first host label ({@code myvault.vault.azure.net} gives {@code https://vault.azure.net},
   * {@code 127.0.0.1:8443} gives {@code https://0.0.1:8443}); empty for a host without a dot.
   */
  static Optional<String> derivedResource(String host, int port) {
    int dot = host.indexOf('.');
    if (dot <= 0 || dot == host.length() - 1 || host.contains(":")) {
      return Optional.empty();
    }
    return Optional.of("https://" + host.substring(dot + 1) + (port > 0 ? ":" + port : ""));
  }

  /**
   * Whether a token may be issued for {@code resource}: a flavor's resource, or the resource
   * derived from a URL this vault is reachable at (what azure-security-keyvault-jca asks for).
   */
  public boolean isIssuableResource(String resource) {
    return isKnownResource(resource) || derivedResources.contains(resource);
  }

  /** The audiences this vault accepts: its flavor's resource and the derived resources. */
  private boolean isAcceptedAudience(String aud) {
    return flavor.resource().equals(aud) || derivedResources.contains(aud);
  }

  public String tenantId() {
    return tenantId;
  }

  /** {@code https://localhost:PORT/<tenant>/v2.0}. */
  public String issuer() {
    return authorityUrl + "/" + tenantId + "/v2.0";
  }

  public String authorityUrl() {
    return authorityUrl;
  }

  public TokenSigningKey signingKey() {
    return key;
  }

  /** The resources a token can be requested for (both flavors; the vault then checks its own). */
  public static boolean isKnownResource(String resource) {
    for (Flavor f : Flavor.values()) {
      if (f.resource().equals(resource)) {
        return true;
      }
    }
    return false;
  }

  /** Issues a token for a registered client (credentials already checked) and {@code resource}. */
  public String issue(String clientId, String resource) {
    long now = clock.instant().getEpochSecond();
    ObjectNode p = Json.object();
    p.put("aud", resource);
    p.put("iss", issuer());
    p.put("iat", now);
    p.put("nbf", now);
    p.put("exp", now + LIFETIME_SECONDS);
    p.put("appid", clientId);
    p.put("azp", clientId);
    String oid = objectId(clientId);
    p.put("oid", oid);
    p.put("sub", oid);
    p.put("tid", tenantId);
    p.put("idtyp", "app");
    p.put("ver", "2.0");
    p.put("jti", UUID.randomUUID().toString());
    return key.sign("JWT", p);
  }

  /** The stable object id of a client in this tenant. */
  public String objectId(String clientId) {
    return UUID.nameUUIDFromBytes((tenantId + "/" + clientId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  @Override
  public String challenge() {
    return "Bearer authorization=\""
        + authorityUrl
        + "/"
        + tenantId
        + "\", resource=\""
        + flavor.resource()
        + "\"";
  }

  @Override
  public Principal authenticate(String authorization) {
    String h = authorization.trim();
    int sp = h.indexOf(' ');
    if (sp < 0 || !h.substring(0, sp).equalsIgnoreCase("Bearer")) {
      throw VaultError.unauthorized("AKV10000: Request is missing a Bearer or PoP token.");
    }
    String token = h.substring(sp + 1).trim();
    JsonNode claims = verified.get(token);
    if (claims == null) {
      claims = verifySignature(token);
      if (verified.size() >= CACHE_LIMIT) {
        verified.clear();
      }
      verified.put(token, claims);
    }
    return checkClaims(claims);
  }

  private JsonNode verifySignature(String token) {
    Jwt.Parsed jws;
    try {
      jws = Jwt.parse(token);
    } catch (IllegalArgumentException e) {
      throw VaultError.unauthorized("AKV10022: Invalid token: the token is not a well-formed JWT.");
    }
    if (!key.verify(jws)) {
      throw VaultError.unauthorized(
          "AKV10032: Invalid token: the signature is not valid for any key of issuer "
              + issuer()
              + ".");
    }
    return jws.payload();
  }

  private Principal checkClaims(JsonNode c) {
    long now = clock.instant().getEpochSecond();
    long exp = c.path("exp").asLong(0);
    long nbf = c.path("nbf").asLong(0);
    if (exp <= now) {
      throw VaultError.unauthorized("AKV10013: Invalid token: the token is expired.");
    }
    if (nbf > now) {
      throw VaultError.unauthorized("AKV10013: Invalid token: the token is not yet valid.");
    }
    String aud = c.path("aud").asText("");
    if (!isAcceptedAudience(stripSlash(aud))) {
      throw VaultError.unauthorized(
          "AKV10022: Invalid audience. Expected " + flavor.resource() + ", found: " + aud + ".");
    }
    String iss = c.path("iss").asText("");
    if (!iss.equals(issuer())) {
      throw VaultError.unauthorized(
          "AKV10032: Invalid issuer. Expected " + issuer() + ", found " + iss + ".");
    }
    if (!tenantId.equals(c.path("tid").asText(""))) {
      throw VaultError.unauthorized("AKV10032: Invalid tenant in token.");
    }
    String clientId = c.path("appid").asText("");
    Optional<Role> role = clients.roleOf(clientId);
    if (role.isEmpty()) {
      throw VaultError.unauthorized(
          "AKV10032: Invalid token: client '" + clientId + "' is not registered with this vault.");
    }
    return new Principal(clientId, role.get());
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
