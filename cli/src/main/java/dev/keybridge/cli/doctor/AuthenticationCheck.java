package dev.keybridge.cli.doctor;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.keybridge.cli.token.ChallengeProbe;
import dev.keybridge.management.config.AuthMethod;
import dev.keybridge.management.config.KeyVaultConfig;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gets a token for the vault's audience with the configured credential and, when that fails, says
 * which credential failed and what the token endpoint answered ({@code invalid_client}, {@code
 * AADSTS7000215: Invalid client secret provided ...}).
 */
final class AuthenticationCheck {
  private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d+)");
  private static final Pattern OAUTH_ERROR =
      Pattern.compile(
          "\\b(invalid_client|unauthorized_client|invalid_request|invalid_scope|invalid_tenant|"
              + "invalid_grant|unsupported_grant_type)\\b");

  private AuthenticationCheck() {}

  /** Asks the credential for a token for {@code challenge}'s scope and tenant. */
  static CheckResult run(
      KeyVaultConfig config, TokenCredential credential, ChallengeProbe challenge) {
    TokenRequestContext request = new TokenRequestContext().addScopes(challenge.scope());
    challenge.tenant().ifPresent(request::setTenantId);
    String who = describeCredential(config);
    try {
      AccessToken token = credential.getTokenSync(request);
      if (token == null || token.getToken() == null || token.getToken().isEmpty()) {
        return CheckResult.failed(
            "auth", who + " returned no token", null, "check the credential configuration");
      }
      return CheckResult.ok(
          "auth",
          who + ": token for " + challenge.scope() + " (expires " + token.getExpiresAt() + ")");
    } catch (RuntimeException e) {
      return failure(config, who, e);
    }
  }

  static CheckResult failure(KeyVaultConfig config, String who, Throwable e) {
    String text = messages(e);
    Matcher aadsts = AADSTS.matcher(text);
    String code = aadsts.find() ? "AADSTS" + aadsts.group(1) : null;
    String oauthError = msalErrorCode(e);
    if (oauthError == null) {
      Matcher oauth = OAUTH_ERROR.matcher(text);
      oauthError = oauth.find() ? oauth.group(1) : null;
    }
    String errorCode =
        oauthError == null ? code : (code == null ? oauthError : oauthError + "/" + code);
    String detail = who + " failed: " + firstMeaningfulLine(e);
    return CheckResult.failed("auth", detail, errorCode, fix(config, code, text));
  }

  private static String fix(KeyVaultConfig config, String aadsts, String text) {
    String client = config.clientId().orElse("(none)");
    if ("AADSTS7000215".equals(aadsts)) {
      return "keybridge.auth.client-secret is not a valid secret of client "
          + client
          + ": use the secret's value (not its id)"
          + (config.isLoopbackVault()
              ? "; for the local vault copy it from the keybridge.properties 'keybridge serve' wrote"
              : ", or create a new secret for the app");
    }
    if ("AADSTS700016".equals(aadsts)) {
      return "keybridge.auth.client-id "
          + client
          + " is not an application in tenant "
          + config.tenantId().orElse("(none)")
          + ": check keybridge.auth.client-id and keybridge.auth.tenant-id";
    }
    if ("AADSTS90002".equals(aadsts)) {
      return "keybridge.auth.tenant-id "
          + config.tenantId().orElse("(none)")
          + " does not exist at the authority: check it";
    }
    if (text.contains("PKIX") || text.contains("SSLHandshake")) {
      return "the token endpoint's TLS certificate is not trusted: set keybridge.trust.ca-file (it"
          + " applies to the token endpoint too)";
    }
    return switch (config.authMethod()) {
      case DEFAULT ->
          "DefaultAzureCredential found no working credential: set keybridge.auth.method"
              + " explicitly (client-secret, managed-identity, azure-cli, ...)";
      case AZURE_CLI -> "run 'az login' (and 'az account set') for the account that has access";
      case MANAGED_IDENTITY ->
          "no managed identity answered: run on an Azure host with an identity, or set"
              + " keybridge.auth.client-id to the user-assigned identity's client id";
      default -> "check the keybridge.auth.* settings of method " + config.authMethod();
    };
  }

  /** {@code client-secret credential for client 1234 in tenant abcd at https://...}. */
  static String describeCredential(KeyVaultConfig config) {
    StringBuilder text =
        new StringBuilder(config.authMethod().propertyValue()).append(" credential");
    if (config.authMethod() != AuthMethod.TOKEN && config.authMethod() != AuthMethod.TOKEN_FILE) {
      config.clientId().ifPresent(id -> text.append(" for client ").append(id));
      config.tenantId().ifPresent(id -> text.append(" in tenant ").append(id));
    }
    return text.toString();
  }

  /** The OAuth {@code error} (invalid_client, ...) MSAL read from the token endpoint, or null. */
  private static String msalErrorCode(Throwable e) {
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof MsalServiceException msal && msal.errorCode() != null) {
        return msal.errorCode();
      }
    }
    return null;
  }

  private static String messages(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      text.append(t.getMessage()).append('\n');
    }
    return text.toString();
  }

  /** The most specific message: AADSTS text when present, else the first non-empty one. */
  private static String firstMeaningfulLine(Throwable e) {
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && message.contains("AADSTS")) {
        return trim(message.substring(message.indexOf("AADSTS")));
      }
    }
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return trim(t.getMessage());
      }
    }
    return e.getClass().getSimpleName();
  }

  private static String trim(String message) {
    String line = message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    int trace = line.indexOf(" Trace ID:");
    if (trace > 0) {
      line = line.substring(0, trace);
    }
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
