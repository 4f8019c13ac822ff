package dev.keybridge.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * Progress of a long operation on stderr ({@code backing up 12/40: key-name}). Silent unless
 * enabled (stderr is a terminal, or {@code --progress}). On a terminal it redraws one line;
 * otherwise it prints one line per step so logs stay readable.
 */
public final class Progress {
  private final PrintWriter err;
  private final boolean enabled;
  private final boolean terminal;
  private int lastLength;

  Progress(PrintWriter err, boolean enabled, boolean terminal) {
    this.err = err;
    this.enabled = enabled;
    this.terminal = terminal;
  }

  /** Reports step {@code done} of {@code total} ({@code total} may be -1 when unknown). */
  public void step(String verb, int done, int total, String item) {
    if (!enabled) {
      return;
    }
    String text =
        verb + " " + done + (total >= 0 ? "/" + total : "") + (item == null ? "" : ": " + item);
    if (terminal) {
      String padding = " ".repeat(Math.max(0, lastLength - text.length()));
      err.print("\r" + text + padding);
      lastLength = text.length();
    } else {
      err.println(text);
    }
    err.flush();
  }

  /**
   * Drains a listing that the vault pages lazily into one view per item, reporting {@code listed N}
   * every 25 items, then ends the display.
   */
  public <T, V> List<V> listed(Iterator<T> items, Function<? super T, V> view) {
    List<V> views = new ArrayList<>();
    while (items.hasNext()) {
      views.add(view.apply(items.next()));
      if (views.size() % 25 == 0) {
        step("listed", views.size(), -1, null);
      }
    }
    done();
    return views;
  }

  /** Ends the progress display (moves past the redrawn line on a terminal). */
  public void done() {
    if (enabled && terminal && lastLength > 0) {
      err.println();
      err.flush();
      lastLength = 0;
    }
  }
}
