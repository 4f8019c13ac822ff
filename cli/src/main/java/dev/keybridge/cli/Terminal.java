package dev.keybridge.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the process's stderr is an interactive terminal (then progress is shown). */
final class Terminal {
  private Terminal() {}

  /**
   * True only when {@code err} is the process's own stderr and that is a terminal. Java 17 cannot
   * ask about one stream, so on Linux this reads where {@code /proc/self/fd/2} points; elsewhere it
   * falls back to {@link System#console()}.
   */
  static boolean isTerminal(PrintStream err) {
    if (err != System.err) {
      return false;
    }
    Path fd = Path.of("/proc/self/fd/2");
    if (Files.exists(fd)) {
      try {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (IOException | UnsupportedOperationException e) {
        return System.console() != null;
      }
    }
    return System.console() != null;
  }
}
