package dev.keybridge.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private Output output(boolean progress, boolean terminal) {
    return new Output(new PrintWriter(out), new PrintWriter(err), false, progress, terminal);
  }

  @Test
  void onATerminalCountsEveryItemAndErasesTheLineWhenDone() {
    Output output = output(false, true);
    List<Integer> views =
        output.progress().listed(IntStream.rangeClosed(1, 3).iterator(), i -> i * 10);
    assertThat(views).containsExactly(10, 20, 30);
    String line = "listed 3";
    assertThat(err.toString())
        .isEqualTo("\rlisted 1\rlisted 2\r" + line + "\r" + " ".repeat(line.length()) + "\r");
  }

  @Test
  void aNoteErasesTheProgressLineFirst() {
    Output output = output(false, true);
    output.progress().step("listed", 50, -1, null);
    output.note("skipped 1 key(s)");
    assertThat(err.toString())
        .isEqualTo("\rlisted 50\r" + " ".repeat("listed 50".length()) + "\rskipped 1 key(s)\n");
  }

  @Test
  void withoutATerminalLogsEveryHundredItemsAndTheTotal() {
    Output output = output(true, false);
    output.progress().listed(IntStream.rangeClosed(1, 230).iterator(), i -> i);
    assertThat(err.toString()).isEqualTo("listed 100\nlisted 200\nlisted 230\n");
  }

  @Test
  void silentWithoutTerminalOrProgressOption() {
    Output output = output(false, false);
    output.progress().listed(IntStream.rangeClosed(1, 230).iterator(), i -> i);
    assertThat(err.toString()).isEmpty();
  }
}
