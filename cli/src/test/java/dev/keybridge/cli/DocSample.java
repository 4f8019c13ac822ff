package dev.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A sample session in the docs ({@code ```text produced-by=TestClass} blocks of {@code docs/*.md}:
 * a {@code $ keybridge ...} line, then what it prints) compared with what a test's run printed, so
 * the docs show real output. Both sides are normalized where runs differ: ports, UUIDs, 32-digit
 * hex ids and ISO times; runs of spaces (table alignment) count as one; a doc line may also use
 * {@code ...} for any text, and a line {@code ...} alone for any number of lines.
 */
final class DocSample {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private DocSample() {}

  /**
   * Asserts that {@code doc} shows {@code command} (a {@code $ } line of a produced-by block)
   * followed by exactly the lines of {@code printed}.
   *
   * @param doc the doc file, relative to the repository root, e.g. {@code docs/cli.md}
   * @param command the command as shown after {@code $ }
   * @param printed what the run printed (stdout, then stderr)
   * @param replacements run-specific text (temporary paths) to the doc's text
   */
  static void assertShown(
      String doc, String command, String printed, Map<String, String> replacements) {
    List<String> shown = shownAfter(doc, command);
    String actual = printed;
    for (Map.Entry<String, String> r : replacements.entrySet()) {
      actual = actual.replace(r.getKey(), r.getValue());
    }
    String normalized = String.join("\n", actual.lines().map(DocSample::normalize).toList()) + "\n";
    StringBuilder regex = new StringBuilder();
    for (String line : shown) {
      regex.append(line.equals("...") ? "(?:[^\n]*\n)*?" : pattern(normalize(line)) + "\n");
    }
    assertThat(normalized)
        .as(doc + " shows '$ " + command + "' with other output; the run printed:\n" + actual)
        .matches(Pattern.compile(regex.toString(), Pattern.DOTALL));
  }

  private static List<String> shownAfter(String doc, String command) {
    List<String> lines;
    try {
      lines = Files.readAllLines(ROOT.resolve(doc));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    boolean inProduced = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("```text produced-by=")) {
        inProduced = true;
      } else if (line.startsWith("```")) {
        inProduced = false;
      } else if (inProduced && line.equals("$ " + command)) {
        List<String> shown = new ArrayList<>();
        for (int j = i + 1;
            !lines.get(j).startsWith("```") && !lines.get(j).startsWith("$ ");
            j++) {
          shown.add(lines.get(j));
        }
        while (!shown.isEmpty() && shown.get(shown.size() - 1).isEmpty()) {
          shown.remove(shown.size() - 1);
        }
        return shown;
      }
    }
    throw new AssertionError(doc + " has no produced-by block showing '$ " + command + "'");
  }

  private static String normalize(String line) {
    return line.strip()
        .replaceAll(" {2,}", " ")
        .replaceAll("localhost:\\d+", "localhost:PORT")
        .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT")
        .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID")
        .replaceAll("\\b[0-9a-f]{32}\\b", "HEX")
        .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "TIME");
  }

  /** A doc line as a pattern: literal text, with {@code ...} matching anything. */
  private static String pattern(String docLine) {
    return String.join(
        ".*", Arrays.stream(docLine.split("\\.\\.\\.", -1)).map(Pattern::quote).toList());
  }
}
