package dev.keybridge.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.examples.ChildProcess;
import dev.keybridge.examples.JdkTools;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command: {@code java -jar cli/target/keybridge.jar demo --data DIR} as a child
 * process, exactly as a newcomer runs it. It must exit 0, print every step as ok with its time and
 * vault request count, and say where the data folder is and how to use it; a second run on the same
 * folder must work too. The first run's table is the one in {@code docs/demo.md}: its stable
 * columns (step, result, vault requests) must be the documented ones, so the figures in the docs
 * come from a run, not from typing (times vary and are not compared).
 */
class DemoCommandTest {
  private static final List<String> STEPS =
      List.of(
          "start the local vault",
          "create RSA and EC keys",
          "create self-signed certificates",
          "issue a code-signing certificate",
          "sign a JAR with jarsigner",
          "verify it: jarsigner -verify -strict",
          "serve one TLS 1.3 request",
          "wrap and unwrap a data key",
          "rotate a key",
          "back up the key",
          "delete the key",
          "recover the deleted key",
          "restore the key from its backup",
          "stop the local vault");

  @TempDir Path dir;

  @Test
  void demoRunsEveryStepAndExitsZeroTwice() throws Exception {
    Path data = dir.resolve("keybridge-demo");

    for (int run = 1; run <= runs(); run++) {
      // the second run as across a WAN: keybridge demo --latency 20
      List<String> command =
          JdkTools.command(
              JdkTools.java(),
              "-jar",
              JdkTools.cliJar(),
              "demo",
              "--data",
              data,
              run == 2 ? List.of("--latency", "20") : List.of());
      ChildProcess.Result demo = ChildProcess.run(command);

      assertThat(demo.exitCode()).as("run " + run + ":\n" + demo).isZero();
      if (run == 2) {
        assertThat(demo.output())
            .contains(
                "keybridge demo: local vault in " + data + " (simulated latency 20 ms per answer)");
      }
      if (run == 1) {
        assertThat(stableColumns(demo.output()))
            .as(
                "docs/demo.md shows the table of a run; this run printed (copy it into the"
                    + " doc):\n%s",
                demo.output())
            .isEqualTo(stableColumns(documentedTable()));
      }
      Map<String, Row> rows = rows(demo.output());
      assertThat(rows.keySet()).as(demo.toString()).containsExactlyElementsOf(STEPS);
      assertThat(rows.get("start the local vault").requests()).isZero();
      assertThat(rows.get("sign a JAR with jarsigner").detail())
          .isEqualTo("demo-app-signed.jar, 1 signature in the vault");
      assertThat(rows.get("sign a JAR with jarsigner").requests()).isPositive();
      assertThat(rows.get("verify it: jarsigner -verify -strict").detail())
          .startsWith("jar verified.");
      assertThat(rows.get("serve one TLS 1.3 request").detail())
          .startsWith("TLSv1.3 ")
          .endsWith(", 1 signature in the vault");
      assertThat(rows.get("wrap and unwrap a data key").requests()).isPositive();
      assertThat(rows.get("rotate a key").requests()).isPositive();
      assertThat(demo.output())
          .contains("Data folder: " + data)
          .contains("serve --data " + data)
          .contains("--config " + data.resolve("keybridge.properties"));
    }
    assertThat(data.resolve("demo-app-signed.jar")).isRegularFile();
    assertThat(data.resolve("demo-rotating.keybackup")).isRegularFile();
    assertThat(data.resolve("keybridge.properties")).isRegularFile();
  }

  @Test
  void failingStepMakesTheDemoExitNonZeroAndSkipsTheRest() throws Exception {
    Path notADirectory = java.nio.file.Files.writeString(dir.resolve("occupied"), "a file");

    ChildProcess.Result demo =
        ChildProcess.run(
            List.of(
                JdkTools.java(),
                "-jar",
                JdkTools.cliJar().toString(),
                "demo",
                "--data",
                notADirectory.toString()));

    assertThat(demo.exitCode()).as(demo.toString()).isEqualTo(1);
    assertThat(demo.output())
        .as(demo.toString())
        .containsPattern("(?m)^1\\s+start the local vault\\s+FAILED\\s")
        .containsPattern("(?m)^14\\s+stop the local vault\\s+skipped\\s")
        .contains("error: step 'start the local vault' failed: ");
  }

  /**
   * Two runs on the build's JDK; one on the second JDK (profile second-jdk): what the second run
   * adds (the same data folder again, simulated latency) is the demo's own logic, not the JDK's
   * jarsigner or JSSE, which the first run checks there. Each run is a ~15 s CPU child JVM.
   */
  private static int runs() {
    return Boolean.getBoolean("keybridge.second-jdk.run") ? 1 : 2;
  }

  record Row(String status, int requests, String detail) {}

  /** The demo's output as shown in docs/demo.md: its {@code text produced-by} block. */
  private static String documentedTable() throws java.io.IOException {
    List<String> lines =
        java.nio.file.Files.readAllLines(
            Path.of("").toAbsolutePath().getParent().resolve("docs/demo.md"));
    int start = lines.indexOf("```text produced-by=DemoCommandTest");
    assertThat(start).as("docs/demo.md shows the demo's output").isNotNegative();
    int end = lines.subList(start + 1, lines.size()).indexOf("```") + start + 1;
    return String.join("\n", lines.subList(start + 1, end));
  }

  /** "N | step | result | vault requests" of every row of a step table. */
  private static List<String> stableColumns(String output) {
    Pattern row =
        Pattern.compile("^(\\d+)\\s+(.+?)\\s{2,}(ok|FAILED|skipped)\\s+\\S+ ms\\s+(\\d+)\\b.*$");
    return output
        .lines()
        .map(row::matcher)
        .filter(Matcher::matches)
        .map(m -> m.group(1) + " | " + m.group(2) + " | " + m.group(3) + " | " + m.group(4))
        .toList();
  }

  /** Step name -> row, from lines "N step ok 123 ms 7 detail". */
  private static Map<String, Row> rows(String output) {
    Pattern row = Pattern.compile("^\\d+\\s+(.+?)\\s{2,}(ok)\\s+\\d+ ms\\s+(\\d+)\\s+(.*)$");
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String line : output.split("\\R")) {
      Matcher m = row.matcher(line);
      if (m.matches()) {
        rows.put(m.group(1), new Row(m.group(2), Integer.parseInt(m.group(3)), m.group(4).strip()));
      }
    }
    return rows;
  }
}
