package dev.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.cli.Cli.Result;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code keys backup} and {@code keys restore} through {@link Main#run}, against a local vault. */
class KeyBackupCommandsTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  @TempDir Path dir;

  private static Path config() {
    return VAULT.vault().propertiesFile();
  }

  @Test
  void backsUpAndRestoresEveryVersion() throws Exception {
    assertThat(Cli.run(config(), "keys", "create", "cli-bak", "--type", "ec").exitCode()).isZero();
    assertThat(Cli.run(config(), "keys", "rotate", "cli-bak").exitCode()).isZero();
    Path file = dir.resolve("backups/cli-bak.keybackup");

    Result backup =
        Cli.run(config(), "keys", "backup", "cli-bak", "--out", file.toString(), "--json");
    assertThat(backup.exitCode()).as(backup.toString()).isZero();
    assertThat(backup.json().get("file").asText()).isEqualTo(file.toAbsolutePath().toString());
    assertThat(backup.json().get("bytes").asLong()).isEqualTo(Files.size(file));
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }

    Result again = Cli.run(config(), "keys", "backup", "cli-bak", "--out", file.toString());
    assertThat(again.exitCode()).isEqualTo(ExitCode.FILE);
    assertThat(again.err()).contains("already exists (use --force");

    assertThat(Cli.run(config(), "keys", "delete", "cli-bak").exitCode()).isZero();
    assertThat(Cli.run(config(), "keys", "purge", "cli-bak").exitCode()).isZero();
    Result restored = Cli.run(config(), "keys", "restore", file.toString(), "--json");
    assertThat(restored.exitCode()).as(restored.toString()).isZero();
    assertThat(restored.json().get("name").asText()).isEqualTo("cli-bak");
    assertThat(Cli.run(config(), "keys", "versions", "cli-bak", "--json").json()).hasSize(2);
  }

  @Test
  void restoreRefusesFilesThatAreNotBackupsBeforeSendingThem() throws Exception {
    AccessLog log = VAULT.accessLog();
    long mark = log.mark();
    Path text = Files.writeString(dir.resolve("notes.txt"), "remember to rotate the keys\n");
    Path pem = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n");
    Path empty = Files.createFile(dir.resolve("empty.bin"));
    for (Path file : List.of(text, pem, empty)) {
      Result refused = Cli.run(config(), "keys", "restore", file.toString());
      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.FILE);
      assertThat(refused.errLines()).hasSize(1);
      assertThat(refused.err()).startsWith("error: " + file).contains("not a Key Vault key backup");
      if (file.equals(text)) {
        DocSample.assertShown(
            "docs/cli.md",
            "keybridge keys restore notes.txt -c ./vault/keybridge.properties",
            refused.out() + refused.err(),
            Map.of(text.toString(), "notes.txt"));
      }
    }
    Result missing = Cli.run(config(), "keys", "restore", dir.resolve("nope.bin").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCode.FILE);
    assertThat(log.count(mark, "POST", "/keys/restore")).isZero();
  }

  @Test
  void backsUpAllKeysIntoAFolderWithProgress() throws Exception {
    for (String name : List.of("cli-all-1", "cli-all-2")) {
      assertThat(Cli.run(config(), "keys", "create", name, "--type", "ec").exitCode()).isZero();
    }
    Path folder = dir.resolve("all");
    Result backup =
        Cli.run(config(), "keys", "backup", "--all", "--out", folder.toString(), "--progress");
    assertThat(backup.exitCode()).as(backup.toString()).isZero();
    List<String> keyNames = names(Cli.run(config(), "keys", "list", "--json").json());
    for (String name : keyNames) {
      assertThat(folder.resolve(name + ".keybackup")).isNotEmptyFile();
    }
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files).hasSize(keyNames.size());
    }
    assertThat(backup.err()).contains("backing up 1/" + keyNames.size() + ": ");
    assertThat(backup.out()).containsPattern("(?m)^cli-all-1\\s+\\d+\\s+\\S+cli-all-1.keybackup$");
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(item -> names.add(item.get("name").asText()));
    return names;
  }
}
