package dev.keybridge.management.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.TokenRequestContext;
import dev.keybridge.localvault.LocalVault;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.management.KeyVaultClients;
import dev.keybridge.management.KeyVaultManager;
import dev.keybridge.management.VaultFixtures;
import dev.keybridge.management.keys.KeyBundle;
import dev.keybridge.management.keys.KeyOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #3 acceptance 2: a properties file, system properties and the environment each give a
 * working client; secrets and tokens never reach the logs.
 */
class ConfigurationSourcesTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  @TempDir Path dir;

  private static Properties vaultProperties(LocalVault vault) throws Exception {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(vault.propertiesFile())) {
      properties.load(in);
    }
    return properties;
  }

  private static void works(KeyVaultConfig config) {
    KeyBundle key =
        new KeyVaultManager(config)
            .createEcKey(
                VaultFixtures.name("cfg"),
                com.azure.security.keyvault.keys.models.KeyCurveName.P_256,
                KeyOptions.defaults());
    assertThat(KeyVaultClients.of(config).crypto().sign(key.id(), "ES256", new byte[32]))
        .hasSize(64);
  }

  @Test
  void theVaultsPropertiesFileGivesAWorkingClient() {
    KeyVaultConfig config = KeyVaultConfig.fromProperties(VAULT.vault().propertiesFile());
    assertThat(config.authMethod()).isEqualTo(AuthMethod.CLIENT_SECRET);
    assertThat(config.trustCaFile()).contains(VAULT.vault().caCertificateFile().toAbsolutePath());
    assertThat(config.isLoopbackVault()).isTrue();
    works(config);
    assertThat(KeyVaultConfig.parse(VAULT.vault().propertiesFile().toString())).isEqualTo(config);
  }

  @Test
  void systemPropertiesGiveAWorkingClient() throws Exception {
    Properties system = new Properties();
    system.putAll(vaultProperties(VAULT.vault()));
    system.setProperty("keybridge.http.max-connections", "5");
    KeyVaultConfig config = KeyVaultConfig.fromEnvironment(Map.of(), system);
    assertThat(config.maxConnections()).isEqualTo(5);
    works(config);
  }

  @Test
  void azureEnvironmentVariablesGiveAWorkingClient() {
    LocalVault vault = VAULT.vault();
    Map<String, String> env = azureEnvironment(vault);
    KeyVaultConfig config = KeyVaultConfig.fromEnvironment(env, new Properties());
    assertThat(config.authMethod()).isEqualTo(AuthMethod.CLIENT_SECRET);
    works(config);
    assertThat(ConfigSources.parse(vault.url().toString(), env, new Properties()).vaultUrl())
        .isEqualTo(vault.url());
  }

  @Test
  void tokenAndTokenFileGiveWorkingClients() throws Exception {
    KeyVaultConfig admin = VaultFixtures.adminConfig(VAULT.vault());
    String token =
        KeyVaultClients.of(admin)
            .credential()
            .getTokenSync(
                new TokenRequestContext()
                    .addScopes(VAULT.vault().resource() + "/.default")
                    .setTenantId(VAULT.vault().tenantId()))
            .getToken();
    KeyVaultConfig byToken =
        KeyVaultConfig.builder()
            .vaultUrl(VAULT.vault().url())
            .trustCaFile(VAULT.vault().caCertificateFile())
            .token(token)
            .build();
    assertThat(byToken.toString()).doesNotContain(token);
    works(byToken);
    Path file = Files.writeString(dir.resolve("token"), token);
    works(
        KeyVaultConfig.builder()
            .vaultUrl(VAULT.vault().url())
            .trustCaFile(VAULT.vault().caCertificateFile())
            .tokenFile(file)
            .build());
  }

  @Test
  void aWrongSecretFailsAsAuthenticationWithoutShowingTheSecret() {
    String wrong = "wrong-secret-value-1234";
    KeyVaultConfig config =
        VaultFixtures.adminConfig(VAULT.vault()).toBuilder().clientSecret(wrong).build();
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> new KeyVaultManager(config).getKey("any-key"));
    assertThat(thrown).isInstanceOf(dev.keybridge.management.KeyVaultException.class);
    var e = (dev.keybridge.management.KeyVaultException) thrown;
    assertThat(e.errorCode()).isEqualTo("AuthenticationFailed");
    assertThat(e.operation()).isEqualTo("getKey");
    assertThat(e.getMessage()).doesNotContain(wrong);
  }

  /**
   * A child JVM configured only through its environment, with azure-core verbose logging and HTTP
   * header logging on: it works, logs requests, and its output holds neither the client secret nor
   * any token (JWTs start with "eyJ").
   */
  @Test
  void aChildJvmConfiguredByEnvironmentWorksAndLogsNoSecret() throws Exception {
    LocalVault vault = VAULT.vault();
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ConfigurationProbe.class.getName())
            .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("AZURE_") || k.startsWith("KEYBRIDGE_"));
    env.putAll(azureEnvironment(vault));
    env.put("AZURE_LOG_LEVEL", "verbose");
    env.put("KEYBRIDGE_HTTP_LOG_LEVEL", "headers");
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String text = new String(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(text).isZero();
    assertThat(text).contains("PROBE-OK " + vault.url() + "/keys/probe-");
    assertThat(text)
        .as("azure-core HTTP logging was on")
        .contains("\"az.sdk.message\":\"HTTP request\"")
        .contains("Azure Identity => getToken()");
    assertThat(text).contains("keybridge.auth.client-secret=***");
    assertThat(text).doesNotContain(vault.adminClientSecret());
    assertThat(text).doesNotContain("eyJ");
  }

  private static Map<String, String> azureEnvironment(LocalVault vault) {
    Map<String, String> env = new HashMap<>();
    env.put("AZURE_KEYVAULT_URL", vault.url().toString());
    env.put("AZURE_TENANT_ID", vault.tenantId());
    env.put("AZURE_CLIENT_ID", vault.adminClientId());
    env.put("AZURE_CLIENT_SECRET", vault.adminClientSecret());
    env.put("AZURE_AUTHORITY_HOST", vault.url().toString());
    env.put("KEYBRIDGE_TRUST_CA_FILE", vault.caCertificateFile().toString());
    return env;
  }
}
