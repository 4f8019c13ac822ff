package dev.keybridge.localvault.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;

/**
 * The managed identity endpoint of App Service and Azure Functions, which azure-identity's {@code
 * ManagedIdentityCredential} (and {@code DefaultAzureCredential}) call when the environment has
 * {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER}: {@code GET /msi/token?resource=R
 * &api-version=2019-08-01} with the header {@code X-IDENTITY-HEADER}, answered with {@code
 * {"access_token","expires_on","resource","token_type","client_id"}}. The token is the vault's own,
 * issued to the managed identity's client id (whose role the vault's RBAC applies). A missing or
 * wrong header is refused with 401 (the header is the secret of the hosting environment).
 */
public final class ManagedIdentityRoutes {
  /** The path of the endpoint; {@code IDENTITY_ENDPOINT} is the vault URL plus this. */
  public static final String PATH = "/msi/token";

  private final TokenService tokens;
  private final Clock clock;
  private final String clientId;
  private final byte[] identityHeader;

  /**
   * @param clientId the managed identity's client id (registered with its role)
   * @param identityHeader the value {@code IDENTITY_HEADER} carries
   */
  public ManagedIdentityRoutes(
      TokenService tokens, Clock clock, String clientId, String identityHeader) {
    this.tokens = tokens;
    this.clock = clock;
    this.clientId = clientId;
    this.identityHeader = identityHeader.getBytes(StandardCharsets.UTF_8);
  }

  public void register(Router router) {
    router.anonymous("GET", PATH, this::token);
  }

  private VaultResponse token(VaultRequest r) {
    String header = r.header("X-IDENTITY-HEADER");
    if (header == null
        || !MessageDigest.isEqual(identityHeader, header.getBytes(StandardCharsets.UTF_8))) {
      return error(401, "invalid_request", "The X-IDENTITY-HEADER header is missing or wrong.");
    }
    String requestedClient = r.query("client_id");
    if (requestedClient != null && !requestedClient.equals(clientId)) {
      return error(
          400,
          "invalid_request",
          "No managed identity with client id '"
              + requestedClient.replaceAll("[^\\x20-\\x7e]", "?")
              + "' is assigned to this environment.");
    }
    String resource = r.query("resource");
    if (resource != null && resource.endsWith("/")) {
      resource = resource.substring(0, resource.length() - 1);
    }
    if (resource == null || !TokenService.isKnownResource(resource)) {
      return error(
          400,
          "invalid_resource",
          "The resource must be https://vault.azure.net or https://managedhsm.azure.net.");
    }
    long now = clock.instant().getEpochSecond();
    ObjectNode body = Json.object();
    body.put("access_token", tokens.issue(clientId, resource));
    body.put("expires_on", Long.toString(now + TokenService.LIFETIME_SECONDS - 1));
    body.put("resource", resource);
    body.put("token_type", "Bearer");
    body.put("client_id", clientId);
    return VaultResponse.ok(body);
  }

  private static VaultResponse error(int status, String error, String description) {
    ObjectNode body = Json.object();
    body.put("error", error);
    body.put("error_description", description);
    return VaultResponse.raw(status, VaultResponse.JSON_TYPE, Json.bytes(body), error);
  }
}
