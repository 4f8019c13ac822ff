package dev.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A wrong network simulation flag of {@code serve} is a usage error, and nothing starts. */
class ServeNetworkFlagsTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--faults|503=120%|fault 503: rate '120%' is outside 0% to 100%",
        "--faults|404=5%|unknown fault '404' (known: 500, 503, 429, reset, stall)",
        "--faults|503=60%,429=50%|add up to 110.0%, more than 100%",
        "--latency|-3|latency '-3': milliseconds must be zero or more",
        "--latency|20:abc|is not MS or MS:JITTER_MS",
        "--retry-after|-1|retry-after -1 is outside 0 to 3600",
        "--stall-ms|0|stall-ms 0 is outside 1 to 3600000",
      })
  void refusedWithExitCode2AndNothingStarts(String flag, String value, String message) {
    Path data = dir.resolve("vault");
    Cli.Result result = Cli.run("serve", "--data", data.toString(), flag + "=" + value);
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).startsWith("error: ").contains(message).contains("serve --help");
    assertThat(result.out()).doesNotContain("listening");
    assertThat(Files.exists(data)).as("no data folder was created").isFalse();
  }

  @ParameterizedTest(name = "demo {0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {"--latency|-3|milliseconds must be zero or more"})
  void demoRefusesABadLatencyToo(String flag, String value, String message) {
    Path data = dir.resolve("demo");
    Cli.Result result = Cli.run("demo", "--data", data.toString(), flag + "=" + value);
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains(message);
    assertThat(Files.exists(data)).isFalse();
  }
}
