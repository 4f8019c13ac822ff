package dev.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keybridge keys list} against a vault that is not running: with the CLI's default settings
 * it gives up within seconds (refused connections are retried for keybridge.retry.connect-window)
 * and says which URL it tried.
 */
class VaultDownTest {
  @TempDir Path dir;

  @Test
  void keysListFailsFastNamingTheUrl() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path config =
        Files.writeString(
            dir.resolve("keybridge.properties"),
            "keybridge.vault.url=https://localhost:"
                + port
                + "\nkeybridge.auth.method=token\nkeybridge.auth.token=not-a-real-token\n");
    Cli.run(config, "keys", "list"); // warm-up: class loading is not what is measured
    long start = System.nanoTime();
    Cli.Result result = Cli.run(config, "keys", "list");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.VAULT_ERROR);
    assertThat(result.err())
        .startsWith("error: VaultUnreachable: GET https://localhost:" + port + "/keys: ")
        .contains("connection refused")
        .doesNotContain("Exception")
        .contains("run 'keybridge doctor' to diagnose");
    assertThat(took).isLessThan(Duration.ofSeconds(3));
  }
}
