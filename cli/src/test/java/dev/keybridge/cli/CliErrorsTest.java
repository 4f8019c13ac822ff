package dev.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.cli.Cli.Result;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every CLI failure of issue 12, run through {@link Main#run} as a user types it: the one {@code
 * error:} line (exact text) and the exit code. No line may carry a Java class name.
 */
class CliErrorsTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  @TempDir static Path dir;

  static Path config() {
    return VAULT.vault().propertiesFile();
  }

  @BeforeAll
  static void objects() throws IOException {
    assertThat(Cli.run(config(), "keys", "create", "errors-live").exitCode()).isZero();
    assertThat(
            Cli.run(config(), "certs", "create", "errors-cert", "--subject", "CN=errors")
                .exitCode())
        .isZero();
    Files.writeString(dir.resolve("a-file"), "not a folder");
    Files.write(dir.resolve("binary.properties"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
    Files.writeString(
        dir.resolve("typo.properties"),
        "keybridge.vault.url=https://example.vault.azure.net\nkeybridge.http.max-conections=4\n");
    Files.createDirectories(dir.resolve("with-properties"));
    Files.writeString(
        dir.resolve("with-properties/keybridge.properties"),
        "keybridge.vault.url=https://example.vault.azure.net\n");
  }

  static Stream<Arguments> failures() {
    String cfg = config().toString();
    int port = VAULT.vault().port();
    Path file = dir.resolve("a-file");
    Path unused = dir.resolve("never-made");
    return Stream.of(
        row(
            ExitCode.FILE,
            "cannot start the local vault in " + file + ": it is a file, not a folder",
            "serve",
            "--data",
            file.toString()),
        row(
            ExitCode.FILE,
            "cannot start the local vault in /sys: permission denied (/sys/.lock)",
            "serve",
            "--data",
            "/sys"),
        row(
            ExitCode.FILE,
            "The data directory " + VAULT.vault().dataDir() + " is used by another running vault",
            "serve",
            "--data",
            VAULT.vault().dataDir().toString()),
        row(
            ExitCode.PORT_IN_USE,
            "port "
                + port
                + " is already in use (another 'keybridge serve'?): choose another --port, or"
                + " --port 0 for a free one; nothing was written to "
                + unused,
            "serve",
            "--data",
            unused.toString(),
            "--port",
            String.valueOf(port)),
        row(
            ExitCode.FILE,
            "cannot write /proc/x.bak: no such file or directory (cannot create a file in /proc)",
            "keys",
            "backup",
            "errors-live",
            "--out",
            "/proc/x.bak",
            "--config",
            cfg),
        row(
            ExitCode.FILE,
            "cannot read backup file missing.bin: no such file or directory",
            "keys",
            "restore",
            "missing.bin",
            "--config",
            cfg),
        row(
            ExitCode.FILE,
            "cannot read backup file " + dir + ": it is a folder, not a file",
            "keys",
            "restore",
            dir.toString(),
            "--config",
            cfg),
        row(ExitCode.USAGE, "unknown command 'kyes'; did you mean 'keys'?", "kyes", "list"),
        row(
            ExitCode.USAGE,
            "unknown command 'keys get'; did you mean 'keys show'?",
            "keys",
            "get",
            "k1"),
        row(
            ExitCode.USAGE,
            "unknown command 'certs lst'; did you mean 'certs list'?",
            "certs",
            "lst"),
        row(
            ExitCode.USAGE,
            "unknown command 'keys frobnicate'; the commands are: create, import, show, list,"
                + " versions, update, delete, deleted, recover, purge, backup, restore, rotate,"
                + " rotation-policy, release",
            "keys",
            "frobnicate"),
        row(
            ExitCode.USAGE,
            "unknown option '--jsn'; did you mean '--json'?",
            "keys",
            "list",
            "--jsn",
            "--config",
            cfg),
        row(
            ExitCode.CONFIG,
            "configuration ("
                + dir.resolve("typo.properties")
                + "): keybridge.http.max-conections: unknown property; did you mean"
                + " keybridge.http.max-connections? (every property is listed in keybridge's"
                + " docs/configuration.md)",
            "keys",
            "list",
            "--config",
            dir.resolve("typo.properties").toString()),
        row(
            ExitCode.CONFIG,
            "configuration file "
                + dir.resolve("binary.properties")
                + " is not a properties file: not UTF-8 text (a binary file?) (expected key=value"
                + " lines such as those 'keybridge serve' writes)",
            "keys",
            "list",
            "--config",
            dir.resolve("binary.properties").toString()),
        row(
            ExitCode.CONFIG,
            "configuration file "
                + dir.resolve("with-properties")
                + " is a folder, not a properties file; did you mean --config "
                + dir.resolve("with-properties/keybridge.properties")
                + "?",
            "keys",
            "list",
            "--config",
            dir.resolve("with-properties").toString()),
        row(
            ExitCode.CONFIG,
            "cannot read configuration file "
                + dir.resolve("nothing.properties")
                + ": no such file or directory",
            "keys",
            "list",
            "--config",
            dir.resolve("nothing.properties").toString()),
        row(
            ExitCode.USAGE,
            "--vault not-a-url: not a vault URL (expected https://NAME.vault.azure.net or the URL"
                + " 'keybridge serve' prints; a properties file goes to --config)",
            "keys",
            "list",
            "--vault",
            "not-a-url"),
        row(
            ExitCode.VAULT_ERROR,
            "Forbidden/ManagedKey (HTTP 403): Operation delete is not allowed on key errors-cert"
                + " because it backs a certificate; use the certificates API. [deleteKey"
                + " 'errors-cert']; the key belongs to a certificate: use 'keybridge certs delete"
                + " errors-cert'",
            "keys",
            "delete",
            "errors-cert",
            "--config",
            cfg),
        row(
            ExitCode.VAULT_ERROR,
            "KeyNotFound (HTTP 404): Deleted Key not found: errors-live [purgeDeletedKey"
                + " 'errors-live']; key errors-live is not deleted, and purge removes deleted ones"
                + " only: run 'keybridge keys delete errors-live' first",
            "keys",
            "purge",
            "errors-live",
            "--config",
            cfg),
        row(
            ExitCode.VAULT_ERROR,
            "CertificateNotFound (HTTP 404): Deleted Certificate not found: errors-cert"
                + " [purgeDeletedCertificate 'errors-cert']; certificate errors-cert is not"
                + " deleted, and purge removes deleted ones only: run 'keybridge certs delete"
                + " errors-cert' first",
            "certs",
            "purge",
            "errors-cert",
            "--config",
            cfg));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("failures")
  void saysWhatWentWrong(int exitCode, String message, String commandLine, String[] args) {
    Result result = Cli.run(args);
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
    assertThat(result.errLines()).as(result.toString()).isNotEmpty();
    assertThat(result.errLines().get(0)).isEqualTo("error: " + message);
    assertThat(result.err())
        .as("no Java class names")
        .doesNotContainPattern("\\b[A-Z]\\w*(Exception|Error)\\b|\\bjava\\.|\\bdev\\.keybridge\\.");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void portInUseLeavesNoDataFolder() {
    Path unused = dir.resolve("port-taken");
    Result result =
        Cli.run(
            "serve", "--data", unused.toString(), "--port", String.valueOf(VAULT.vault().port()));
    assertThat(result.exitCode()).isEqualTo(ExitCode.PORT_IN_USE);
    assertThat(unused).doesNotExist();
  }

  @Test
  void verboseAddsTheStackTraceWithClassNames() {
    Result result =
        Cli.run("keys", "restore", "missing.bin", "--config", config().toString(), "--verbose");
    assertThat(result.exitCode()).isEqualTo(ExitCode.FILE);
    assertThat(result.errLines().get(0))
        .isEqualTo("error: cannot read backup file missing.bin: no such file or directory");
    assertThat(result.err()).contains("java.nio.file.NoSuchFileException: missing.bin");
  }

  private static Arguments row(int exitCode, String message, String... args) {
    return Arguments.of(exitCode, message, String.join(" ", args), args);
  }
}
