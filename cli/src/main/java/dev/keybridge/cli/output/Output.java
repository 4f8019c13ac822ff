package dev.keybridge.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;

/**
 * Where a command writes: results to stdout (a table or details by default, JSON with {@code
 * --json}), progress and warnings to stderr. Error lines are written by {@code Main}, never here.
 */
public final class Output {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;
  private final boolean progress;
  private final boolean terminal;
  private final Progress progressDisplay;

  /**
   * @param json print results as JSON
   * @param progress show progress ({@code --progress}); progress is also shown when {@code
   *     terminal} is true
   * @param terminal stderr is an interactive terminal
   */
  public Output(
      PrintWriter out, PrintWriter err, boolean json, boolean progress, boolean terminal) {
    this.out = out;
    this.err = err;
    this.json = json;
    this.progress = progress;
    this.terminal = terminal;
    this.progressDisplay = new Progress(err, progress || terminal, terminal);
  }

  /** True when results must be printed as JSON. */
  public boolean json() {
    return json;
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  /** Prints a JSON document (maps, lists, strings, numbers, booleans) to stdout. */
  public void printJson(Object document) {
    try {
      out.println(JSON.writeValueAsString(document));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON output", e);
    }
  }

  /** Prints one line of text to stdout. */
  public void println(String line) {
    out.println(line);
    out.flush();
  }

  /** Prints a note for humans to stderr (never part of the result). */
  public void note(String line) {
    progressDisplay.done();
    err.println(line);
    err.flush();
  }

  /** The progress display of this command (notes erase it first on a terminal). */
  public Progress progress() {
    return progressDisplay;
  }
}
