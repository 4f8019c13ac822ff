package dev.keybridge.management.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.AzureCliCredential;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.DefaultAzureCredential;
import com.azure.identity.ManagedIdentityCredential;
import com.azure.identity.WorkloadIdentityCredential;
import dev.keybridge.management.config.AuthMethod;
import dev.keybridge.management.config.KeyVaultConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each auth method yields its credential type (no token is requested here). */
class VaultCredentialsTest {
  private static final HttpClient NO_HTTP =
      request -> reactor.core.publisher.Mono.error(new AssertionError("no I/O"));

  @TempDir Path dir;

  private static KeyVaultConfig.Builder base() {
    return KeyVaultConfig.builder().vaultUrl("https://kv.vault.azure.net");
  }

  @Test
  void everyMethodHasItsCredential() throws Exception {
    Path federated = Files.writeString(dir.resolve("federated"), "x");
    assertThat(VaultCredentials.create(base().build(), NO_HTTP))
        .isInstanceOf(DefaultAzureCredential.class);
    assertThat(
            VaultCredentials.create(
                base().tenantId("t").clientId("c").clientSecret("s").build(), NO_HTTP))
        .isInstanceOf(ClientSecretCredential.class);
    assertThat(
            VaultCredentials.create(
                base().authMethod(AuthMethod.MANAGED_IDENTITY).clientId("c").build(), NO_HTTP))
        .isInstanceOf(ManagedIdentityCredential.class);
    assertThat(
            VaultCredentials.create(
                base()
                    .authMethod(AuthMethod.WORKLOAD_IDENTITY)
                    .tenantId("t")
                    .clientId("c")
                    .federatedTokenFile(federated)
                    .build(),
                NO_HTTP))
        .isInstanceOf(WorkloadIdentityCredential.class);
    assertThat(VaultCredentials.create(base().authMethod(AuthMethod.AZURE_CLI).build(), NO_HTTP))
        .isInstanceOf(AzureCliCredential.class);
    assertThat(VaultCredentials.create(base().token("abc").build(), NO_HTTP))
        .isInstanceOf(StaticTokenCredential.class);
    assertThat(VaultCredentials.create(base().tokenFile(federated).build(), NO_HTTP))
        .isInstanceOf(TokenFileCredential.class);
    TokenCredential custom = request -> reactor.core.publisher.Mono.empty();
    assertThat(VaultCredentials.create(base().credential(custom).build(), NO_HTTP))
        .isSameAs(custom);
  }
}
