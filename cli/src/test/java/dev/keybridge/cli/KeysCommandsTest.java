package dev.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.cli.Cli.Result;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every {@code keys} command through {@link Main#run}, against a local vault. */
class KeysCommandsTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  @TempDir Path dir;

  private static Path config() {
    return VAULT.vault().propertiesFile();
  }

  @Test
  void createsShowsAndListsRsaKey() {
    Result created = Cli.run(config(), "keys", "create", "cli-rsa", "--tag", "team=pay", "--json");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    JsonNode key = created.json();
    assertThat(key.get("name").asText()).isEqualTo("cli-rsa");
    assertThat(key.get("keyType").asText()).isEqualTo("RSA");
    assertThat(key.get("keySize").asInt()).isEqualTo(2048);
    assertThat(key.get("enabled").asBoolean()).isTrue();
    assertThat(key.get("tags").get("team").asText()).isEqualTo("pay");
    assertThat(key.get("id").asText()).startsWith(VAULT.vault().url() + "/keys/cli-rsa/");
    assertThat(key.get("publicKeyPem").asText()).startsWith("-----BEGIN PUBLIC KEY-----\n");
    List<String> ops = new ArrayList<>();
    key.get("keyOps").forEach(op -> ops.add(op.asText()));
    assertThat(ops).contains("sign", "verify", "decrypt");
    assertThat(created.err()).isEmpty();

    Result shown = Cli.run(config(), "keys", "show", "cli-rsa");
    assertThat(shown.exitCode()).isZero();
    assertThat(shown.out())
        .containsPattern("(?m)^name:\\s+cli-rsa$")
        .containsPattern("(?m)^keyType:\\s+RSA$")
        .containsPattern("(?m)^keySize:\\s+2048$")
        .containsPattern("(?m)^tags:\\s+team=pay$")
        .contains("-----BEGIN PUBLIC KEY-----");

    Result publicKey = Cli.run(config(), "keys", "show", "cli-rsa", "--public-key");
    assertThat(publicKey.out()).isEqualTo(key.get("publicKeyPem").asText());

    Result listed = Cli.run(config(), "keys", "list", "--json");
    assertThat(listed.exitCode()).isZero();
    assertThat(names(listed.json())).contains("cli-rsa");
    JsonNode item = find(listed.json(), "cli-rsa");
    assertThat(item.get("enabled").asBoolean()).isTrue();
    assertThat(item.get("managed").asBoolean()).isFalse();
    assertThat(item.has("keyType")).isFalse();

    Result table = Cli.run(config(), "keys", "list");
    assertThat(table.out().lines().findFirst().orElseThrow())
        .matches("NAME\\s+ENABLED\\s+EXPIRES\\s+UPDATED\\s+MANAGED\\s+TAGS");
    assertThat(table.out())
        .containsPattern("(?m)^cli-rsa\\s+true\\s+-\\s+\\S+\\s+false\\s+team=pay$");
  }

  @Test
  void createsEcKeyAndUpdatesIt() {
    Result created =
        Cli.run(config(), "keys", "create", "cli-ec", "--type", "ec", "--curve", "P-384", "--json");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    assertThat(created.json().get("keyType").asText()).isEqualTo("EC");
    assertThat(created.json().get("curve").asText()).isEqualTo("P-384");
    assertThat(created.json().get("keySize").isNull()).isTrue();

    Result disabled =
        Cli.run(
            config(), "keys", "update", "cli-ec", "--disable", "--expires", "2031-01-31", "--json");
    assertThat(disabled.exitCode()).as(disabled.toString()).isZero();
    assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
    assertThat(disabled.json().get("expiresOn").asText()).isEqualTo("2031-01-31T00:00:00Z");

    Result enabled = Cli.run(config(), "keys", "update", "cli-ec", "--enable", "--json");
    assertThat(enabled.json().get("enabled").asBoolean()).isTrue();

    Result nothing = Cli.run(config(), "keys", "update", "cli-ec");
    assertThat(nothing.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(nothing.err()).startsWith("error: a key update must change at least one property");
  }

  @Test
  void rotatesAndListsVersionsAndRotationPolicy() {
    assertThat(Cli.run(config(), "keys", "create", "cli-rot", "--type", "ec").exitCode()).isZero();
    Result rotated = Cli.run(config(), "keys", "rotate", "cli-rot", "--json");
    assertThat(rotated.exitCode()).as(rotated.toString()).isZero();

    Result versions = Cli.run(config(), "keys", "versions", "cli-rot", "--json");
    assertThat(versions.exitCode()).isZero();
    assertThat(versions.json()).hasSize(2);
    List<String> ids = new ArrayList<>();
    versions.json().forEach(v -> ids.add(v.get("version").asText()));
    assertThat(ids).contains(rotated.json().get("version").asText());
    assertThat(
            Cli.run(config(), "keys", "show", "cli-rot", "--json").json().get("version").asText())
        .isEqualTo(rotated.json().get("version").asText());

    Result set =
        Cli.run(
            config(),
            "keys",
            "rotation-policy",
            "cli-rot",
            "--rotate-after",
            "P30D",
            "--expires-in",
            "P90D",
            "--json");
    assertThat(set.exitCode()).as(set.toString()).isZero();
    JsonNode policy = set.json();
    assertThat(policy.get("expiresIn").asText()).isEqualTo("P90D");
    assertThat(policy.get("lifetimeActions").get(0).get("action").asText()).isEqualTo("rotate");
    assertThat(policy.get("lifetimeActions").get(0).get("timeAfterCreate").asText())
        .isEqualTo("P30D");

    Result shown = Cli.run(config(), "keys", "rotation-policy", "cli-rot");
    assertThat(shown.out())
        .contains("expiresIn: P90D")
        .containsPattern("(?m)^rotate\\s+P30D\\s+-$");
  }

  @Test
  void deletesRecoversAndPurges() {
    assertThat(Cli.run(config(), "keys", "create", "cli-del", "--type", "ec").exitCode()).isZero();
    Result deleted = Cli.run(config(), "keys", "delete", "cli-del", "--json");
    assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
    assertThat(deleted.json().get("recoveryId").asText()).endsWith("/deletedkeys/cli-del");
    assertThat(deleted.json().get("scheduledPurgeDate").asText()).isNotEmpty();

    Result listed = Cli.run(config(), "keys", "deleted", "--json");
    assertThat(names(listed.json())).contains("cli-del");
    Result one = Cli.run(config(), "keys", "deleted", "cli-del");
    assertThat(one.out()).containsPattern("(?m)^recoveryId:\\s+\\S+/deletedkeys/cli-del$");

    Result recreate = Cli.run(config(), "keys", "create", "cli-del");
    assertThat(recreate.exitCode()).isEqualTo(ExitCode.VAULT_ERROR);
    assertThat(recreate.errLines()).hasSize(1);
    assertThat(recreate.err())
        .startsWith("error: Conflict/ObjectIsDeletedButRecoverable (HTTP 409)");
    DocSample.assertShown(
        "docs/cli.md",
        "keybridge keys create cli-del -c ./vault/keybridge.properties",
        recreate.out() + recreate.err(),
        Map.of());

    Result recovered = Cli.run(config(), "keys", "recover", "cli-del", "--json");
    assertThat(recovered.exitCode()).as(recovered.toString()).isZero();
    assertThat(recovered.json().get("name").asText()).isEqualTo("cli-del");

    assertThat(Cli.run(config(), "keys", "delete", "cli-del").out())
        .startsWith("deleted key cli-del; recoverable until ");
    Result purged = Cli.run(config(), "keys", "purge", "cli-del", "--json");
    assertThat(purged.exitCode()).isZero();
    assertThat(purged.json().get("purged").asBoolean()).isTrue();
    Result gone = Cli.run(config(), "keys", "show", "cli-del");
    assertThat(gone.exitCode()).isEqualTo(ExitCode.VAULT_ERROR);
  }

  @Test
  void importsAnEcPrivateKeyFromPem() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    Path pem =
        Files.writeString(
            dir.resolve("imp.pem"),
            "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    Result imported =
        Cli.run(config(), "keys", "import", "cli-imp", "--pem", pem.toString(), "--json");
    assertThat(imported.exitCode()).as(imported.toString()).isZero();
    assertThat(imported.json().get("keyType").asText()).isEqualTo("EC");
    assertThat(imported.json().get("curve").asText()).isEqualTo("P-256");
    String expected =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(pair.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    assertThat(imported.json().get("publicKeyPem").asText()).isEqualTo(expected);
  }

  /** The session in docs/cli.md is what these commands print. */
  @Test
  void theDocumentedSessionIsWhatTheCommandsPrint() throws Exception {
    Map<String, String> paths = Map.of(dir.toString(), "/home/me");
    Result created =
        Cli.run(
            config(), "keys", "create", "signing-key", "--type", "ec", "--tag", "team=payments");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    DocSample.assertShown(
        "docs/cli.md",
        "keybridge keys create signing-key --type ec --tag team=payments -c"
            + " ./vault/keybridge.properties",
        created.out() + created.err(),
        paths);
    Result listed = Cli.run(config(), "keys", "list");
    DocSample.assertShown(
        "docs/cli.md",
        "keybridge keys list -c ./vault/keybridge.properties",
        listed.out() + listed.err(),
        paths);
    Path backup = Files.createDirectories(dir.resolve("backups")).resolve("signing-key.keybackup");
    Result backedUp =
        Cli.run(config(), "keys", "backup", "signing-key", "--out", backup.toString());
    DocSample.assertShown(
        "docs/cli.md",
        "keybridge keys backup signing-key --out backups/signing-key.keybackup -c"
            + " ./vault/keybridge.properties",
        backedUp.out() + backedUp.err(),
        paths);
  }

  @Test
  void vaultErrorsAreOneLineWithTheErrorCodeAndExitOne() {
    Result missing = Cli.run(config(), "keys", "show", "nope");
    assertThat(missing.exitCode()).isEqualTo(ExitCode.VAULT_ERROR);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.errLines()).hasSize(1);
    assertThat(missing.err()).startsWith("error: KeyNotFound (HTTP 404): ").contains("nope");
    assertThat(missing.err()).doesNotContain("Exception").doesNotContain("\tat ");
    DocSample.assertShown(
        "docs/cli.md",
        "keybridge keys show nope -c ./vault/keybridge.properties",
        missing.out() + missing.err(),
        Map.of());

    Result verbose = Cli.run(config(), "keys", "show", "nope", "--verbose");
    assertThat(verbose.exitCode()).isEqualTo(ExitCode.VAULT_ERROR);
    assertThat(verbose.err()).contains("KeyVaultException").contains("\tat ");

    Result rng = Cli.run(config(), "random", "--count", "16");
    assertThat(rng.exitCode()).isEqualTo(ExitCode.VAULT_ERROR);
    assertThat(rng.err()).startsWith("error: BadParameter (HTTP 400): ");
  }

  @Test
  void credentialAndTrustFailuresAreOneLineNamingTheFix() {
    Path badSecret =
        Cli.derivedConfig(
            config(),
            dir,
            "bad-secret.properties",
            "keybridge.auth.client-secret",
            "not-the-secret",
            "keybridge.retry.max-retries",
            "0");
    Result denied = Cli.run(badSecret, "keys", "list");
    assertThat(denied.exitCode()).isEqualTo(ExitCode.VAULT_ERROR);
    assertThat(denied.errLines()).hasSize(1);
    assertThat(denied.err())
        .startsWith(
            "error: authentication failed at the token endpoint: invalid_client: AADSTS7000215")
        .contains("keybridge doctor")
        .doesNotContain("not-the-secret");
    DocSample.assertShown(
        "docs/cli.md",
        "keybridge keys list -c bad-secret.properties",
        denied.out() + denied.err(),
        Map.of());

    Path noCa =
        Cli.derivedConfig(
            config(),
            dir,
            "no-ca.properties",
            "keybridge.trust.ca-file",
            null,
            "keybridge.retry.max-retries",
            "0");
    Result untrusted = Cli.run(noCa, "keys", "list");
    assertThat(untrusted.exitCode()).isEqualTo(ExitCode.VAULT_ERROR);
    assertThat(untrusted.errLines()).hasSize(1);
    assertThat(untrusted.err())
        .startsWith("error: VaultUnreachable")
        .contains("the vault's TLS certificate is not trusted: set keybridge.trust.ca-file");
    DocSample.assertShown(
        "docs/cli.md",
        "keybridge keys list -c no-ca.properties",
        untrusted.out() + untrusted.err(),
        Map.of());
  }

  @Test
  void usageErrorsExitTwo() {
    for (String[] args :
        List.of(
            new String[] {"keys", "create"},
            new String[] {"keys", "create", "x", "--type", "dsa"},
            new String[] {"keys", "bogus"},
            new String[] {"keys", "create", "x", "--expires", "someday"},
            new String[] {"--no-such-option"})) {
      Result result = Cli.run(args);
      assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCode.USAGE);
      assertThat(result.err()).startsWith("error: ").contains("--help");
    }
    Result badName = Cli.run(config(), "keys", "show", "bad_name");
    assertThat(badName.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(badName.err()).startsWith("error: ").contains("bad_name");
  }

  @Test
  void configurationErrorsExitThree() throws Exception {
    Result missing = Cli.run("keys", "list", "--config", dir.resolve("none.properties").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCode.CONFIG);
    assertThat(missing.err())
        .isEqualTo(
            "error: cannot read configuration file "
                + dir.resolve("none.properties")
                + ": no such file or directory\n");

    Path malformed =
        Files.writeString(dir.resolve("bad.properties"), "keybridge.vault.url=ftp://nowhere\n");
    Result bad = Cli.run("keys", "list", "--config", malformed.toString());
    assertThat(bad.exitCode()).isEqualTo(ExitCode.CONFIG);
    assertThat(bad.errLines()).hasSize(1);
    assertThat(bad.err())
        .startsWith("error: configuration (" + malformed + "): keybridge.vault.url");
  }

  @Test
  void tokenPrintsABearerTokenForTheVaultAudience() {
    Result plain = Cli.run(config(), "token");
    assertThat(plain.exitCode()).as(plain.toString()).isZero();
    assertThat(plain.out().trim().split("\\.")).hasSize(3);

    Result json = Cli.run(config(), "token", "--json");
    assertThat(json.json().get("tokenType").asText()).isEqualTo("Bearer");
    assertThat(json.json().get("scope").asText()).isEqualTo("https://vault.azure.net/.default");
    String payload =
        new String(
            Base64.getUrlDecoder().decode(json.json().get("accessToken").asText().split("\\.")[1]),
            StandardCharsets.UTF_8);
    assertThat(payload).contains("\"aud\":\"https://vault.azure.net\"");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command :
        List.of(
            "serve",
            "keys create",
            "keys import",
            "keys show",
            "keys list",
            "keys versions",
            "keys update",
            "keys delete",
            "keys deleted",
            "keys recover",
            "keys purge",
            "keys backup",
            "keys restore",
            "keys rotate",
            "keys rotation-policy",
            "keys release",
            "random",
            "certs create",
            "certs import",
            "certs csr",
            "certs merge",
            "certs show",
            "certs list",
            "certs chain",
            "certs delete",
            "certs recover",
            "doctor",
            "token")) {
      List<String> args = new ArrayList<>(List.of(command.split(" ")));
      args.add("--help");
      Result help = Cli.run(args.toArray(String[]::new));
      assertThat(help.exitCode()).as(command).isZero();
      assertThat(help.out()).as(command).startsWith("Usage: keybridge " + command);
    }
    Result version = Cli.run("-V");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("keybridge 0.1.0-SNAPSHOT");
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(item -> names.add(item.get("name").asText()));
    return names;
  }

  private static JsonNode find(JsonNode array, String name) {
    for (JsonNode item : array) {
      if (item.get("name").asText().equals(name)) {
        return item;
      }
    }
    throw new AssertionError(name + " not in " + array);
  }
}
