package dev.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.cli.Cli.Result;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keybridge secrets ...} through {@link Main#run} (and once as a child process reading
 * stdin), against a local vault: values come from a file or stdin, never argv, and appear in no
 * output, log or message unless {@code show --reveal} asks for them.
 */
class SecretsCommandsTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final String VALUE = "correct-horse-battery-staple-7f3a";

  @TempDir Path dir;

  private static Path config() {
    return VAULT.vault().propertiesFile();
  }

  private Path valueFile(String value) throws IOException {
    Path file = dir.resolve("value.txt");
    Files.writeString(file, value + "\n");
    return file;
  }

  @Test
  void setShowListUpdateNeverPrintTheValueUnlessRevealed() throws Exception {
    Path file = valueFile(VALUE);
    List<Result> results = new ArrayList<>();
    Result set =
        Cli.run(
            config(),
            "secrets",
            "set",
            "cli-secret",
            "--value-file",
            file.toString(),
            "--content-type",
            "text/plain",
            "--tag",
            "env=test",
            "--expires",
            "30d",
            "--json",
            "--verbose");
    results.add(set);
    assertThat(set.exitCode()).as(set.toString()).isZero();
    JsonNode created = set.json();
    assertThat(created.get("name").asText()).isEqualTo("cli-secret");
    assertThat(created.get("contentType").asText()).isEqualTo("text/plain");
    assertThat(created.get("tags").get("env").asText()).isEqualTo("test");
    assertThat(created.get("expiresOn").isNull()).isFalse();
    assertThat(created.has("value")).isFalse();

    results.add(Cli.run(config(), "secrets", "show", "cli-secret"));
    results.add(Cli.run(config(), "secrets", "show", "cli-secret", "--json"));
    results.add(Cli.run(config(), "secrets", "list"));
    results.add(Cli.run(config(), "secrets", "list", "--json"));
    results.add(Cli.run(config(), "secrets", "versions", "cli-secret", "--json"));
    Result update =
        Cli.run(config(), "secrets", "update", "cli-secret", "--content-type", "x/y", "--json");
    results.add(update);
    assertThat(update.json().get("contentType").asText()).isEqualTo("x/y");
    assertThat(results).allSatisfy(r -> assertThat(r.exitCode()).as(r.toString()).isZero());
    assertThat(results)
        .allSatisfy(
            r -> {
              assertThat(r.out()).doesNotContain(VALUE);
              assertThat(r.err()).doesNotContain(VALUE);
            });

    Result reveal = Cli.run(config(), "secrets", "show", "cli-secret", "--reveal");
    assertThat(reveal.out()).isEqualTo(VALUE);
    Result revealJson = Cli.run(config(), "secrets", "show", "cli-secret", "--reveal", "--json");
    assertThat(revealJson.json().get("value").asText()).isEqualTo(VALUE);

    assertThat(Files.readString(VAULT.vault().accessLogFile())).doesNotContain(VALUE);
  }

  @Test
  void aValueOnTheCommandLineIsRefused() {
    Result positional = Cli.run(config(), "secrets", "set", "argv-secret", VALUE);
    assertThat(positional.exitCode()).isEqualTo(ExitCode.USAGE);
    Result option = Cli.run(config(), "secrets", "set", "argv-secret", "--value", VALUE);
    assertThat(option.exitCode()).isEqualTo(ExitCode.USAGE);
    Result none = Cli.run(config(), "secrets", "set", "argv-secret");
    assertThat(none.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(none.err()).contains("--value-file").contains("--value-stdin");
    Result show = Cli.run(config(), "secrets", "show", "argv-secret");
    assertThat(show.exitCode()).isEqualTo(ExitCode.VAULT_ERROR);
    assertThat(show.err()).contains("SecretNotFound");
  }

  @Test
  void aChildProcessReadsTheValueFromStdinAndItsArgvHoldsNoValue() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(
        List.of(
            "secrets", "set", "stdin-secret", "--value-stdin", "--config", config().toString()));
    Process process = new ProcessBuilder(command).start();
    List<String> argv = process.info().arguments().map(List::of).orElse(List.of());
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write((VALUE + "\n").getBytes(StandardCharsets.UTF_8));
    }
    String out = readAll(process.getInputStream());
    String err = readAll(process.getErrorStream());
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out + err).isZero();
    assertThat(String.join(" ", argv)).doesNotContain(VALUE);
    assertThat(out).contains("stdin-secret").doesNotContain(VALUE);
    assertThat(err).doesNotContain(VALUE);

    Result reveal = Cli.run(config(), "secrets", "show", "stdin-secret", "--reveal");
    assertThat(reveal.out()).isEqualTo(VALUE);
  }

  @Test
  void deleteRecoverPurgeBackupRestore() throws Exception {
    Path file = valueFile("backup-me");
    assertThat(
            Cli.run(config(), "secrets", "set", "cli-bak", "--value-file", file.toString())
                .exitCode())
        .isZero();
    Path backup = dir.resolve("cli-bak.secretbackup");
    Result b = Cli.run(config(), "secrets", "backup", "cli-bak", "--out", backup.toString());
    assertThat(b.exitCode()).as(b.toString()).isZero();
    assertThat(Files.readString(backup, StandardCharsets.ISO_8859_1)).doesNotContain("backup-me");

    Result deleted = Cli.run(config(), "secrets", "delete", "cli-bak", "--json");
    assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
    assertThat(deleted.json().get("recoveryId").asText()).endsWith("/deletedsecrets/cli-bak");
    assertThat(Cli.run(config(), "secrets", "deleted").out()).contains("cli-bak");
    Result recovered = Cli.run(config(), "secrets", "recover", "cli-bak", "--json");
    assertThat(recovered.json().get("name").asText()).isEqualTo("cli-bak");
    assertThat(Cli.run(config(), "secrets", "delete", "cli-bak").exitCode()).isZero();
    assertThat(Cli.run(config(), "secrets", "purge", "cli-bak").exitCode()).isZero();
    Result restored = Cli.run(config(), "secrets", "restore", backup.toString(), "--json");
    assertThat(restored.exitCode()).as(restored.toString()).isZero();
    assertThat(Cli.run(config(), "secrets", "show", "cli-bak", "--reveal").out())
        .isEqualTo("backup-me");
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    in.transferTo(buffer);
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
