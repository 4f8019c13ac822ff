package dev.keybridge.management.auth;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.AadCredentialBuilderBase;
import com.azure.identity.AzureCliCredentialBuilder;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.management.config.LoopbackHosts;
import java.net.URI;
import java.util.Locale;

/**
 * Creates the {@link TokenCredential} a configuration names. Every azure-identity credential uses
 * the configuration's shared HTTP client, so a configured CA file is trusted by the token endpoint
 * too. For a loopback authority (the local vault) instance discovery is disabled: MSAL would
 * otherwise ask login.microsoftonline.com whether the authority is known.
 */
public final class VaultCredentials {
  private VaultCredentials() {}

  /**
   * The credential for {@code config.authMethod()}, using {@code httpClient} for token requests.
   */
  public static TokenCredential create(KeyVaultConfig config, HttpClient httpClient) {
    return switch (config.authMethod()) {
      case DEFAULT -> defaultCredential(config, httpClient);
      case CLIENT_SECRET ->
          aad(new ClientSecretCredentialBuilder(), config, httpClient)
              .clientSecret(config.clientSecret().orElseThrow())
              .build();
      case CLIENT_CERTIFICATE -> clientCertificate(config, httpClient);
      case MANAGED_IDENTITY -> {
        ManagedIdentityCredentialBuilder builder =
            new ManagedIdentityCredentialBuilder().httpClient(httpClient);
        config.clientId().ifPresent(builder::clientId);
        yield builder.build();
      }
      case WORKLOAD_IDENTITY ->
          aad(new WorkloadIdentityCredentialBuilder(), config, httpClient)
              .tokenFilePath(config.federatedTokenFile().orElseThrow().toString())
              .build();
      case AZURE_CLI -> {
        AzureCliCredentialBuilder builder = new AzureCliCredentialBuilder();
        config.tenantId().ifPresent(builder::tenantId);
        yield builder.build();
      }
      case TOKEN -> new StaticTokenCredential(config.token().orElseThrow());
      case TOKEN_FILE -> new TokenFileCredential(config.tokenFile().orElseThrow());
      case CUSTOM -> config.credential().orElseThrow();
    };
  }

  private static TokenCredential defaultCredential(KeyVaultConfig config, HttpClient httpClient) {
    DefaultAzureCredentialBuilder builder =
        new DefaultAzureCredentialBuilder().httpClient(httpClient);
    config.tenantId().ifPresent(builder::tenantId);
    config.authorityHost().map(URI::toString).ifPresent(builder::authorityHost);
    config
        .clientId()
        .ifPresent(id -> builder.managedIdentityClientId(id).workloadIdentityClientId(id));
    if (isLoopbackAuthority(config)) {
      builder.disableInstanceDiscovery();
    }
    return builder.build();
  }

  private static TokenCredential clientCertificate(KeyVaultConfig config, HttpClient httpClient) {
    ClientCertificateCredentialBuilder builder =
        aad(new ClientCertificateCredentialBuilder(), config, httpClient);
    String path = config.clientCertificate().orElseThrow().toString();
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".pfx") || lower.endsWith(".p12")) {
      builder.pfxCertificate(path);
      config.clientCertificatePassword().ifPresent(builder::clientCertificatePassword);
    } else {
      builder.pemCertificate(path);
    }
    return builder.build();
  }

  private static <T extends AadCredentialBuilderBase<T>> T aad(
      T builder, KeyVaultConfig config, HttpClient httpClient) {
    builder.httpClient(httpClient);
    config.tenantId().ifPresent(builder::tenantId);
    config.clientId().ifPresent(builder::clientId);
    config.authorityHost().map(URI::toString).ifPresent(builder::authorityHost);
    if (isLoopbackAuthority(config)) {
      builder.disableInstanceDiscovery();
    }
    return builder;
  }

  private static boolean isLoopbackAuthority(KeyVaultConfig config) {
    return config.authorityHost().map(uri -> LoopbackHosts.isLoopback(uri.getHost())).orElse(false);
  }
}
