package dev.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.cli.Cli.Result;
import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor}'s diagnosis of the common failures, against a local vault. */
class DoctorCommandTest {
  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create().client("doctor-reader", "reader-secret", Role.READER);

  @TempDir static Path dir;

  @BeforeAll
  static void createKeys() {
    assertThat(Cli.run(config(), "keys", "create", "doc-rsa").exitCode()).isZero();
    assertThat(Cli.run(config(), "keys", "create", "doc-ec", "--type", "ec").exitCode()).isZero();
  }

  private static Path config() {
    return VAULT.vault().propertiesFile();
  }

  @Test
  void healthyVaultAndKeyPassEveryCheck() {
    Result rsa = Cli.run(config(), "doctor", "--key", "doc-rsa", "--json");
    assertThat(rsa.exitCode()).as(rsa.toString()).isZero();
    Map<String, JsonNode> checks = checks(rsa.json());
    assertThat(checks.keySet())
        .containsExactly(
            "config",
            "secrets",
            "dns",
            "tcp",
            "tls",
            "vault",
            "auth",
            "get",
            "sign",
            "decrypt",
            "wrapKey",
            "unwrapKey");
    checks
        .values()
        .forEach(c -> assertThat(c.get("status").asText()).as(c.toString()).isEqualTo("ok"));
    assertThat(rsa.json().get("ok").asBoolean()).isTrue();

    Result ec = Cli.run(config(), "doctor", "--key", "doc-ec");
    assertThat(ec.exitCode()).as(ec.toString()).isZero();
    assertThat(ec.out())
        .containsPattern("(?m)^sign\\s+ok\\s+-\\s+allowed$")
        .endsWith("doctor: no problem found\n");

    Result noKey = Cli.run(config(), "doctor", "--json");
    assertThat(noKey.exitCode()).isZero();
    assertThat(checks(noKey.json()).get("list").get("status").asText()).isEqualTo("ok");
  }

  @Test
  void wrongUrlNothingListening() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path wrong =
        Cli.derivedConfig(
            config(),
            dir,
            "wrong-url.properties",
            "keybridge.vault.url",
            "https://localhost:" + port);
    Result result = Cli.run(wrong, "doctor", "--key", "doc-rsa", "--json");
    assertThat(result.exitCode()).isEqualTo(ExitCode.DIAGNOSIS_FAILED);
    JsonNode tcp = checks(result.json()).get("tcp");
    assertThat(tcp.get("status").asText()).isEqualTo("failed");
    assertThat(tcp.get("detail").asText()).contains("nothing is listening").contains(":" + port);
    assertThat(tcp.get("fix").asText()).contains("keybridge serve");
    assertThat(checks(result.json())).doesNotContainKey("auth");
  }

  @Test
  void untrustedCertificateNamesTheCaFileSetting() {
    Path noCa =
        Cli.derivedConfig(config(), dir, "no-ca.properties", "keybridge.trust.ca-file", null);
    Result result = Cli.run(noCa, "doctor", "--key", "doc-rsa");
    assertThat(result.exitCode()).isEqualTo(ExitCode.DIAGNOSIS_FAILED);
    assertThat(result.out())
        .containsPattern("(?m)^tls\\s+failed\\s+-\\s+the vault's certificate .* is not trusted$")
        .contains("fix: set keybridge.trust.ca-file to the PEM file of the CA that issued it")
        .endsWith("doctor: 1 problem found\n");
  }

  @Test
  void badSecretNamesTheCredentialAndTheTokenEndpointError() {
    Path badSecret =
        Cli.derivedConfig(
            config(), dir, "bad-secret.properties", "keybridge.auth.client-secret", "wrong");
    Result result = Cli.run(badSecret, "doctor", "--key", "doc-rsa", "--json");
    assertThat(result.exitCode()).isEqualTo(ExitCode.DIAGNOSIS_FAILED);
    JsonNode auth = checks(result.json()).get("auth");
    assertThat(auth.get("status").asText()).isEqualTo("failed");
    assertThat(auth.get("errorCode").asText()).isEqualTo("invalid_client/AADSTS7000215");
    assertThat(auth.get("detail").asText())
        .contains("client-secret credential for client " + VAULT.vault().adminClientId())
        .contains("AADSTS7000215: Invalid client secret provided")
        .doesNotContain("wrong");
    assertThat(auth.get("fix").asText()).contains("keybridge.auth.client-secret");
    assertThat(checks(result.json())).doesNotContainKey("get");
  }

  @Test
  void missingRoleNamesTheBuiltInRoleThatGrantsIt() throws Exception {
    Path reader =
        Cli.derivedConfig(
            config(),
            dir,
            "reader.properties",
            "keybridge.auth.client-id",
            "doctor-reader",
            "keybridge.auth.client-secret",
            "reader-secret");
    Result result = Cli.run(reader, "doctor", "--key", "doc-rsa", "--json");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.DIAGNOSIS_FAILED);
    Map<String, JsonNode> checks = checks(result.json());
    assertThat(checks.get("auth").get("status").asText()).isEqualTo("ok");
    assertThat(checks.get("get").get("status").asText()).isEqualTo("ok");
    JsonNode sign = checks.get("sign");
    assertThat(sign.get("status").asText()).isEqualTo("denied");
    assertThat(sign.get("errorCode").asText()).isEqualTo("Forbidden/ForbiddenByRbac");
    assertThat(sign.get("fix").asText())
        .contains("'Key Vault Crypto User'")
        .contains("doctor-reader:SECRET:crypto-user")
        .contains("--clients-file FILE");
    assertThat(checks.get("unwrapKey").get("fix").asText())
        .contains("'Key Vault Crypto Service Encryption User'");

    // as the docs show it: the file holding the secret private to its owner
    Files.setPosixFilePermissions(reader, PosixFilePermissions.fromString("rw-------"));
    Result text = Cli.run(reader, "doctor", "--key", "doc-rsa");
    assertThat(text.out())
        .containsPattern(
            "(?m)^sign\\s+denied\\s+Forbidden/ForbiddenByRbac\\s+the identity may not sign this key$")
        .contains("What is wrong and how to fix it:")
        .endsWith("doctor: 4 problems found\n");
    DocSample.assertShown(
        "docs/cli.md",
        "keybridge doctor --key doc-rsa -c reader.properties      # a client registered with Key"
            + " Vault Reader",
        text.out() + text.err(),
        Map.of(config().getParent().toString(), "./vault"));
  }

  @Test
  void missingConfigurationIsReported() {
    Result result =
        Cli.run("doctor", "--config", dir.resolve("absent.properties").toString(), "--json");
    assertThat(result.exitCode()).isEqualTo(ExitCode.DIAGNOSIS_FAILED);
    JsonNode config = checks(result.json()).get("config");
    assertThat(config.get("status").asText()).isEqualTo("failed");
    assertThat(config.get("fix").asText()).contains("--config FILE");
  }

  @Test
  void recommendsAClientsFileAndWarnsAboutASharedSecretFile() throws Exception {
    JsonNode secrets = checks(Cli.run(config(), "doctor", "--json").json()).get("secrets");
    assertThat(secrets.get("status").asText()).isEqualTo("ok");
    assertThat(secrets.get("detail").asText())
        .contains("the configuration file is private")
        .contains("--clients-file");

    Path shared = dir.resolve("shared.properties");
    java.nio.file.Files.copy(config(), shared);
    java.nio.file.Files.setPosixFilePermissions(
        shared, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    Result result = Cli.run(shared, "doctor", "--json");
    assertThat(result.exitCode()).as("a warning is not a failure").isZero();
    JsonNode warning = checks(result.json()).get("secrets");
    assertThat(warning.get("status").asText()).isEqualTo("warning");
    assertThat(warning.get("detail").asText()).contains("rw-r--r--");
    assertThat(warning.get("fix").asText()).contains("chmod 600").contains("--clients-file");
  }

  private static Map<String, JsonNode> checks(JsonNode report) {
    Map<String, JsonNode> checks = new LinkedHashMap<>();
    report.get("checks").forEach(c -> checks.put(c.get("check").asText(), c));
    return checks;
  }
}
