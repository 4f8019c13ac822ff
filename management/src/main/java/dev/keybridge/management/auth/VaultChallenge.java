package dev.keybridge.management.auth;

import com.azure.core.util.AuthenticateChallenge;
import com.azure.core.util.CoreUtils;
import dev.keybridge.management.config.LoopbackHosts;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed {@code WWW-Authenticate: Bearer authorization="...", resource="..."} challenge: the
 * scope to ask a token for ({@code resource + "/.default"}, or {@code scope}), the tenant (first
 * path segment of the authorization URI) and CAE claims when the challenge carries them.
 */
public record VaultChallenge(String scope, String tenantId, String claims) {

  /**
   * The token audience: the scope without {@code /.default}, e.g. {@code https://vault.azure.net}.
   */
  public String resource() {
    return scope.replaceFirst("/\\.default$", "");
  }

  /**
   * Parses the first Bearer challenge of a header value and checks it against the request host.
   *
   * @return null when the header has no Bearer challenge
   * @throws VaultChallengeException when the challenge is malformed or its resource does not match
   *     a non-loopback request host
   */
  public static VaultChallenge parse(String header, String requestHost) {
    if (header == null) {
      return null;
    }
    AuthenticateChallenge bearer = null;
    for (AuthenticateChallenge challenge : CoreUtils.parseAuthenticateHeader(header)) {
      if ("bearer".equalsIgnoreCase(challenge.getScheme())) {
        bearer = challenge;
        break;
      }
    }
    if (bearer == null) {
      return null;
    }
    Map<String, String> params = bearer.getParameters();
    String scope = null;
    if (params.get("resource") != null) {
      scope = params.get("resource") + "/.default";
    } else if (params.get("scope") != null) {
      scope = params.get("scope");
    }
    if (scope == null) {
      throw new VaultChallengeException(
          VaultChallengeException.INVALID_CHALLENGE,
          "the vault's authentication challenge names neither resource nor scope");
    }
    String authorization =
        params.get("authorization") != null
            ? params.get("authorization")
            : params.get("authorization_uri");
    String tenant = tenantOf(authorization);
    verifyResource(scope, requestHost);
    String claims = null;
    if ("insufficient_claims".equals(params.get("error")) && params.get("claims") != null) {
      claims = new String(Base64.getDecoder().decode(params.get("claims")), StandardCharsets.UTF_8);
    }
    return new VaultChallenge(scope, tenant, claims);
  }

  private static String tenantOf(String authorization) {
    if (authorization == null) {
      throw new VaultChallengeException(
          VaultChallengeException.INVALID_CHALLENGE,
          "the vault's authentication challenge has no authorization URI");
    }
    try {
      String path = new URI(authorization).getPath();
      String[] segments = path == null ? new String[0] : path.split("/");
      if (segments.length < 2 || segments[1].isEmpty()) {
        throw new VaultChallengeException(
            VaultChallengeException.INVALID_CHALLENGE,
            "the challenge's authorization URI " + authorization + " names no tenant");
      }
      return segments[1];
    } catch (URISyntaxException e) {
      throw new VaultChallengeException(
          VaultChallengeException.INVALID_CHALLENGE,
          "the challenge's authorization URI is malformed: " + authorization);
    }
  }

  /**
   * The token's audience must be the vault's own domain: the request host has to end with "." + the
   * scope's host. Only loopback hosts (a local vault) are exempt, as with the SDK's
   * disableChallengeResourceVerification().
   */
  private static void verifyResource(String scope, String requestHost) {
    if (LoopbackHosts.isLoopback(requestHost)) {
      return;
    }
    String scopeHost;
    try {
      scopeHost = new URI(scope).getHost();
    } catch (URISyntaxException e) {
      scopeHost = null;
    }
    String host = requestHost.toLowerCase(Locale.ROOT);
    if (scopeHost == null || !host.endsWith("." + scopeHost.toLowerCase(Locale.ROOT))) {
      throw new VaultChallengeException(
          "ChallengeResourceMismatch",
          "the challenge resource '"
              + scope
              + "' does not match the requested domain '"
              + requestHost
              + "'; no token is sent");
    }
  }
}
