package dev.keybridge.examples.bench;

import static dev.keybridge.examples.JdkTools.command;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.examples.ChildProcess;
import dev.keybridge.examples.JdkTools;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code keybridge bench} as users run it ({@code java -jar keybridge.jar}, a child process) on a
 * local vault: what must hold whatever the machine's speed (every row present, percentiles ordered,
 * exactly one vault request per operation for keybridge and the raw clients), never a timing.
 */
class BenchCommandTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void helpListsTheOptions() {
    ChildProcess.Result help =
        ChildProcess.run(command(JdkTools.java(), "-jar", JdkTools.cliJar(), "bench", "--help"));
    assertThat(help.exitCode()).as(help.toString()).isZero();
    assertThat(help.output())
        .contains("Usage: keybridge bench")
        .contains("--threads")
        .contains("--ops")
        .contains("--json")
        .contains("--key");
  }

  @Test
  void measuresSignAndDecryptWithOneRequestPerOperation() throws Exception {
    ChildProcess.Result run =
        ChildProcess.run(
            command(
                JdkTools.java(),
                "-jar",
                JdkTools.cliJar(),
                "bench",
                "--config",
                VAULT.vault().propertiesFile(),
                "--threads",
                "1,4",
                "--ops",
                "24",
                "--rounds",
                "2",
                "--warmup",
                "1",
                "--json"));
    assertThat(run.exitCode()).as(run.toString()).isZero();
    String output = run.output();
    JsonNode result = JSON.readTree(output.substring(output.indexOf('{')));

    assertThat(result.path("key").asText()).contains("/keys/keybridge-bench/");
    JsonNode rows = result.path("results");
    assertThat(rows).hasSize(2 * 2 * 3);
    Set<String> seen = new HashSet<>();
    for (JsonNode row : rows) {
      seen.add(
          row.path("operation").asText()
              + "/"
              + row.path("threads").asInt()
              + "/"
              + row.path("client").asText());
      assertThat(row.path("ops").asInt()).isEqualTo(24);
      double p50 = row.path("p50Ms").asDouble();
      double p90 = row.path("p90Ms").asDouble();
      double p99 = row.path("p99Ms").asDouble();
      assertThat(p50).as(row.toString()).isPositive().isLessThanOrEqualTo(p90);
      assertThat(p90).as(row.toString()).isLessThanOrEqualTo(p99);
      assertThat(row.path("opsPerSecond").asDouble()).isPositive();
      assertThat(row.path("requestsPerOp").asDouble())
          .as("one vault request per operation: " + row)
          .isEqualTo(1.0);
    }
    for (String operation : new String[] {"sign", "decrypt"}) {
      for (int threads : new int[] {1, 4}) {
        for (String client : new String[] {"keybridge", "okhttp-raw", "one-write-raw"}) {
          assertThat(seen).contains(operation + "/" + threads + "/" + client);
        }
      }
    }
    JsonNode ratios = result.path("ratios");
    assertThat(ratios).hasSize(4);
    for (JsonNode ratio : ratios) {
      assertThat(ratio.path("p50VsOneWrite").asDouble()).isPositive();
      assertThat(ratio.path("throughputVsOkhttp").asDouble()).isPositive();
    }
    assertThat(VAULT.sdk().keyClient().getKey("keybridge-bench").getKeyType().toString())
        .isEqualTo("RSA");
  }
}
