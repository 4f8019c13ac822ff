package dev.keybridge.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * Progress of a long operation on stderr ({@code backing up 12/40: key-name}). Silent unless
 * enabled (stderr is a terminal, or {@code --progress}). On a terminal it redraws one line and
 * erases it when done or before a note, so nothing of it stays above the result; otherwise it
 * prints one line per step so logs stay readable.
 */
public final class Progress {
  /** Without a terminal, a listing reports every this many items (and its total). */
  static final int LOG_EVERY = 100;

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
   * Drains a listing that the vault pages lazily into one view per item, counting the items as they
   * arrive ({@code listed N}), then erases the display.
   */
  public <T, V> List<V> listed(Iterator<T> items, Function<? super T, V> view) {
    List<V> views = new ArrayList<>();
    while (items.hasNext()) {
      views.add(view.apply(items.next()));
      if (terminal || views.size() % LOG_EVERY == 0) {
        step("listed", views.size(), -1, null);
      }
    }
    if (!terminal && views.size() % LOG_EVERY != 0) {
      step("listed", views.size(), -1, null);
    }
    done();
    return views;
  }

  /** Ends the progress display: on a terminal the redrawn line is erased. */
  public void done() {
    if (enabled && terminal && lastLength > 0) {
      err.print("\r" + " ".repeat(lastLength) + "\r");
      err.flush();
      lastLength = 0;
    }
  }
}
