package dev.keybridge.cli.token;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import dev.keybridge.cli.CliException;
import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.VaultCommand;
import dev.keybridge.cli.output.Output;
import dev.keybridge.management.KeyVaultClients;
import dev.keybridge.management.KeyVaultErrors;
import dev.keybridge.management.config.KeyVaultConfig;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keybridge token}: an access token for the configured identity and the vault's audience,
 * for {@code curl -H "Authorization: Bearer $(keybridge token --config ...)"}. The audience and
 * tenant come from the vault's own 401 challenge unless {@code --resource} is given.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {
      "Print an access token for the configured client (for curl users of the vault).",
      "Example:",
      "  curl -H \"Authorization: Bearer $(keybridge token -c DIR/keybridge.properties)\" \\",
      "       --cacert DIR/ca.pem \"https://localhost:PORT/keys?api-version=7.5\"",
      "The token is a secret: it is printed to stdout only."
    })
public final class TokenCommand extends VaultCommand {
  @Option(
      names = "--resource",
      paramLabel = "URL",
      description =
          "Token audience, e.g. https://vault.azure.net. Default: what the vault's 401 challenge"
              + " names.")
  String resource;

  @Override
  protected int run(Output out) {
    KeyVaultConfig config = config();
    String scope;
    String tenant = config.tenantId().orElse(null);
    if (resource != null) {
      scope = resource.replaceFirst("/+$", "") + "/.default";
    } else {
      ChallengeProbe challenge = challenge(config);
      scope = challenge.scope();
      tenant = challenge.tenant().orElse(tenant);
    }
    TokenRequestContext request = new TokenRequestContext().addScopes(scope);
    if (tenant != null) {
      request.setTenantId(tenant);
    }
    AccessToken token;
    try {
      token = KeyVaultClients.of(config).credential().getTokenSync(request);
    } catch (RuntimeException e) {
      throw KeyVaultErrors.translate(e, "getToken", null);
    }
    if (out.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("accessToken", token.getToken());
      json.put("tokenType", "Bearer");
      json.put("scope", scope);
      json.put(
          "expiresOn",
          token.getExpiresAt() == null ? null : token.getExpiresAt().toInstant().toString());
      out.printJson(json);
    } else {
      out.println(token.getToken());
    }
    return ExitCode.OK;
  }

  private static ChallengeProbe challenge(KeyVaultConfig config) {
    ChallengeProbe challenge;
    try {
      challenge =
          ChallengeProbe.probe(
              config.vaultUrl(),
              VaultTrust.configured(config.trustCaFile().orElse(null)),
              config.connectTimeout().multipliedBy(3));
    } catch (IOException e) {
      throw KeyVaultErrors.unreachable("getToken", null, e);
    } catch (GeneralSecurityException e) {
      throw new CliException(ExitCode.CONFIG, "cannot set up TLS trust: " + e.getMessage(), e);
    }
    if (!challenge.isBearerChallenge()) {
      throw new CliException(
          ExitCode.VAULT_ERROR,
          config.vaultUrl()
              + " answered HTTP "
              + challenge.status()
              + (challenge.problem() == null ? "" : " (" + challenge.problem() + ")")
              + " without a Bearer challenge: not a Key Vault; pass --resource to name the"
              + " audience");
    }
    return challenge;
  }
}
