package dev.keybridge.management.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.policy.HttpLogDetailLevel;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyVaultConfigTest {
  private static final String SECRET = "s3cr3t-Value-That-Must-Not-Leak";

  @TempDir Path dir;

  @Test
  void missingUrlFailsNamingTheProperty() {
    assertThatThrownBy(() -> KeyVaultConfig.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("keybridge.vault.url: missing");
  }

  @Test
  void malformedUrlsFailNamingTheProperty() {
    for (String url :
        new String[] {
          "not a url",
          "vault.azure.net",
          "http://kv.vault.azure.net",
          "https://",
          "https://kv.vault.azure.net/keys",
          "https://kv.vault.azure.net?x=1"
        }) {
      assertThatThrownBy(() -> KeyVaultConfig.builder().vaultUrl(url).build())
          .as(url)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("keybridge.vault.url: malformed URL");
    }
  }

  @Test
  void urlIsNormalisedAndDefaultsApply() {
    KeyVaultConfig config =
        KeyVaultConfig.builder().vaultUrl("https://kv.vault.azure.net/").build();
    assertThat(config.vaultUrl()).isEqualTo(URI.create("https://kv.vault.azure.net"));
    assertThat(config.authMethod()).isEqualTo(AuthMethod.DEFAULT);
    assertThat(config.maxConnections()).isEqualTo(64);
    assertThat(config.maxRetries()).isEqualTo(6);
    assertThat(config.keystoreCacheTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.httpLogLevel()).isEqualTo(HttpLogDetailLevel.NONE);
    assertThat(config.isLoopbackVault()).isFalse();
  }

  @Test
  void eachMethodNamesTheMissingCredentialProperty() {
    String url = "https://kv.vault.azure.net";
    assertThatThrownBy(
            () ->
                KeyVaultConfig.builder()
                    .vaultUrl(url)
                    .authMethod(AuthMethod.CLIENT_SECRET)
                    .clientId("c")
                    .clientSecret("x")
                    .build())
        .hasMessageStartingWith(
            "keybridge.auth.tenant-id: missing; keybridge.auth.method=client-secret needs it");
    assertThatThrownBy(
            () -> KeyVaultConfig.builder().vaultUrl(url).authMethod(AuthMethod.TOKEN).build())
        .hasMessageStartingWith("keybridge.auth.token: missing");
    assertThatThrownBy(
            () ->
                KeyVaultConfig.builder()
                    .vaultUrl(url)
                    .authMethod(AuthMethod.WORKLOAD_IDENTITY)
                    .tenantId("t")
                    .clientId("c")
                    .build())
        .hasMessageStartingWith("keybridge.auth.federated-token-file: missing");
    assertThatThrownBy(
            () ->
                KeyVaultConfig.builder()
                    .vaultUrl(url)
                    .set("keybridge.auth.method", "kerberos")
                    .build())
        .hasMessageStartingWith("keybridge.auth.method: unknown method 'kerberos'");
  }

  @Test
  void badNumbersAndDurationsNameTheirProperty() {
    String url = "https://kv.vault.azure.net";
    assertThatThrownBy(() -> KeyVaultConfig.builder().vaultUrl(url).maxConnections(0).build())
        .hasMessageStartingWith("keybridge.http.max-connections: 0 is out of range 1 to 1024");
    assertThatThrownBy(
            () ->
                KeyVaultConfig.builder()
                    .vaultUrl(url)
                    .set("keybridge.http.read-timeout", "soon")
                    .build())
        .hasMessageStartingWith("keybridge.http.read-timeout: not a duration");
    assertThatThrownBy(
            () ->
                KeyVaultConfig.builder()
                    .vaultUrl(url)
                    .set("keybridge.retry.max-retries", "x")
                    .build())
        .hasMessageStartingWith("keybridge.retry.max-retries: not a whole number");
    assertThatThrownBy(
            () ->
                KeyVaultConfig.builder()
                    .vaultUrl(url)
                    .retryDelays(Duration.ofSeconds(9), Duration.ofSeconds(1))
                    .build())
        .hasMessageStartingWith("keybridge.retry.base-delay:");
    assertThatThrownBy(
            () ->
                KeyVaultConfig.builder().vaultUrl(url).trustCaFile(dir.resolve("none.pem")).build())
        .hasMessageStartingWith("keybridge.trust.ca-file: file not found");
    assertThatThrownBy(() -> KeyVaultConfig.builder().set("keybridge.vault.uri", url))
        .hasMessageStartingWith("keybridge.vault.uri: unknown property");
  }

  @Test
  void shortDurationFormsAreAccepted() {
    KeyVaultConfig config =
        KeyVaultConfig.builder()
            .vaultUrl("https://kv.vault.azure.net")
            .set("keybridge.http.connect-timeout", "500ms")
            .set("keybridge.keystore.cache-ttl", "0s")
            .set("keybridge.retry.max-delay", "2m")
            .build();
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.keystoreCacheTtl()).isZero();
    assertThat(config.retryMaxDelay()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void toStringNeverShowsSecretsPasswordsOrTokens() throws IOException {
    Path pfx = Files.writeString(dir.resolve("client.pfx"), "x");
    KeyVaultConfig secret =
        KeyVaultConfig.builder()
            .vaultUrl("https://kv.vault.azure.net")
            .tenantId("t")
            .clientId("c")
            .clientSecret(SECRET)
            .build();
    KeyVaultConfig token =
        KeyVaultConfig.builder().vaultUrl("https://kv.vault.azure.net").token(SECRET).build();
    KeyVaultConfig certificate =
        KeyVaultConfig.builder()
            .vaultUrl("https://kv.vault.azure.net")
            .authMethod(AuthMethod.CLIENT_CERTIFICATE)
            .tenantId("t")
            .clientId("c")
            .clientCertificate(pfx, SECRET)
            .build();
    for (KeyVaultConfig config : new KeyVaultConfig[] {secret, token, certificate}) {
      assertThat(config.toString())
          .doesNotContain(SECRET)
          .contains("***")
          .contains("https://kv.vault.azure.net");
    }
    assertThat(secret.toString())
        .contains("keybridge.auth.client-secret=***", "keybridge.auth.client-id=c");
  }

  @Test
  void equalConfigurationsAreEqual() {
    KeyVaultConfig a =
        KeyVaultConfig.builder().vaultUrl("https://kv.vault.azure.net/").maxConnections(8).build();
    KeyVaultConfig b =
        KeyVaultConfig.builder()
            .vaultUrl("https://kv.vault.azure.net")
            .set("keybridge.http.max-connections", "8")
            .build();
    KeyVaultConfig c =
        KeyVaultConfig.builder().vaultUrl("https://kv.vault.azure.net").maxConnections(9).build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
    assertThat(a.toBuilder().build()).isEqualTo(a);
  }

  @Test
  void methodIsInferredFromTheCredentialSettings() {
    KeyVaultConfig config =
        KeyVaultConfig.builder()
            .vaultUrl("https://kv.vault.azure.net")
            .tenantId("t")
            .clientId("c")
            .clientSecret("s")
            .build();
    assertThat(config.authMethod()).isEqualTo(AuthMethod.CLIENT_SECRET);
    assertThat(
            KeyVaultConfig.builder()
                .vaultUrl("https://kv.vault.azure.net")
                .tokenFile(dir.resolve("t"))
                .build()
                .authMethod())
        .isEqualTo(AuthMethod.TOKEN_FILE);
  }

  @Test
  void propertiesFileResolvesRelativePathsAgainstItsFolder() throws IOException {
    Files.writeString(dir.resolve("ca.pem"), "not checked here");
    Path file =
        Files.writeString(
            dir.resolve("keybridge.properties"),
            "keybridge.vault.url=https://localhost:8443\n"
                + "keybridge.trust.ca-file=ca.pem\n"
                + "keybridge.auth.method=client-secret\n"
                + "keybridge.auth.tenant-id=tenant\n"
                + "keybridge.auth.client-id=admin\n"
                + "keybridge.auth.client-secret="
                + SECRET
                + "\n"
                + "keybridge.auth.authority-host=https://localhost:8443\n"
                + "other.setting=ignored\n");
    KeyVaultConfig config = KeyVaultConfig.fromProperties(file);
    assertThat(config.trustCaFile()).contains(dir.resolve("ca.pem").toAbsolutePath());
    assertThat(config.isLoopbackVault()).isTrue();
    assertThat(config.clientSecret()).contains(SECRET);
    assertThat(config.authorityHost()).contains(URI.create("https://localhost:8443"));
    assertThat(KeyVaultConfig.parse(file.toString())).isEqualTo(config);
  }

  @Test
  void unknownKeybridgePropertyInAFileIsAnError() {
    Properties properties = new Properties();
    properties.setProperty("keybridge.vault.url", "https://kv.vault.azure.net");
    properties.setProperty("keybridge.auth.clientid", "typo");
    assertThatThrownBy(() -> KeyVaultConfig.fromProperties(properties))
        .hasMessage(
            "keybridge.auth.clientid: unknown property; did you mean keybridge.auth.client-id?"
                + " (every property is listed in keybridge's docs/configuration.md)");
    properties.setProperty("keybridge.auth.clientid", "x");
    properties.setProperty("keybridge.auth.client-id", "x");
    properties.remove("keybridge.auth.clientid");
    properties.setProperty("keybridge.nothing-like-it", "x");
    assertThatThrownBy(() -> KeyVaultConfig.fromProperties(properties))
        .hasMessage(
            "keybridge.nothing-like-it: unknown property (every property is listed in"
                + " keybridge's docs/configuration.md)");
  }

  @Test
  void aBinaryPropertiesFileIsNamedAsSuch() throws Exception {
    Path file = Files.write(dir.resolve("binary.properties"), new byte[] {(byte) 0xff, 0, 1});
    assertThatThrownBy(() -> KeyVaultConfig.fromProperties(file))
        .hasMessage(
            "keybridge properties file "
                + file.toAbsolutePath().normalize()
                + " is not UTF-8 text (a binary file?)");
  }

  @Test
  void missingPropertiesFileIsNamed() {
    assertThatThrownBy(() -> KeyVaultConfig.fromProperties(dir.resolve("nope.properties")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope.properties");
  }

  @Test
  void systemPropertiesOverrideKeybridgeVariablesWhichOverrideAzureVariables() {
    Map<String, String> env =
        Map.of(
            "AZURE_KEYVAULT_URL", "https://env.vault.azure.net",
            "AZURE_TENANT_ID", "env-tenant",
            "AZURE_CLIENT_ID", "env-client",
            "AZURE_CLIENT_SECRET", SECRET,
            "KEYBRIDGE_HTTP_MAX_CONNECTIONS", "7",
            "AZURE_AUTHORITY_HOST", "https://login.microsoftonline.us");
    Properties system = new Properties();
    system.setProperty("keybridge.auth.client-id", "sys-client");
    system.setProperty("keybridge.shared.dir", "/unrelated");
    KeyVaultConfig config = KeyVaultConfig.fromEnvironment(env, system);
    assertThat(config.vaultUrl()).isEqualTo(URI.create("https://env.vault.azure.net"));
    assertThat(config.clientId()).contains("sys-client");
    assertThat(config.tenantId()).contains("env-tenant");
    assertThat(config.maxConnections()).isEqualTo(7);
    assertThat(config.authMethod()).isEqualTo(AuthMethod.CLIENT_SECRET);
    assertThat(config.authorityHost()).contains(URI.create("https://login.microsoftonline.us"));

    system.setProperty("keybridge.vault.url", "https://sys.vault.azure.net");
    assertThat(KeyVaultConfig.fromEnvironment(env, system).vaultUrl())
        .isEqualTo(URI.create("https://sys.vault.azure.net"));
  }

  @Test
  void environmentWithoutUrlFailsNamingTheProperty() {
    assertThatThrownBy(() -> KeyVaultConfig.fromEnvironment(Map.of(), new Properties()))
        .hasMessageStartingWith("keybridge.vault.url: missing");
  }

  @Test
  void parseTakesAUrlWithEnvironmentCredentials() {
    KeyVaultConfig config =
        ConfigSources.parse(
            "https://kv.vault.azure.net", Map.of("AZURE_TENANT_ID", "t"), new Properties());
    assertThat(config.vaultUrl()).isEqualTo(URI.create("https://kv.vault.azure.net"));
    assertThat(config.tenantId()).contains("t");
    assertThat(config.authMethod()).isEqualTo(AuthMethod.DEFAULT);
    assertThatThrownBy(
            () -> ConfigSources.parse("http://kv.vault.azure.net", Map.of(), new Properties()))
        .hasMessageContaining("keybridge.vault.url: malformed URL")
        .hasMessageContaining("https");
  }

  @Test
  void loopbackHostsAreRecognisedWithoutDns() {
    assertThat(LoopbackHosts.isLoopback("localhost")).isTrue();
    assertThat(LoopbackHosts.isLoopback("127.0.0.1")).isTrue();
    assertThat(LoopbackHosts.isLoopback("127.10.0.2")).isTrue();
    assertThat(LoopbackHosts.isLoopback("[::1]")).isTrue();
    assertThat(LoopbackHosts.isLoopback("localhost.evil.com")).isFalse();
    assertThat(LoopbackHosts.isLoopback("128.0.0.1")).isFalse();
    assertThat(LoopbackHosts.isLoopback("kv.vault.azure.net")).isFalse();
  }

  @Test
  void everyPropertyIsDocumentedAndPrefixed() {
    for (KeyVaultProperty property : KeyVaultProperty.values()) {
      assertThat(property.propertyName()).startsWith("keybridge.");
      assertThat(property.description()).isNotBlank();
    }
  }
}
