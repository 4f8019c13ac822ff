package dev.keybridge.cli;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A failure the CLI reports as one line on stderr with a chosen exit code (see {@link ExitCode}),
 * for problems that are not vault errors: configuration, local files, arguments checked after
 * parsing.
 */
public class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** A configuration problem: exit code {@link ExitCode#CONFIG}. */
  public static CliException config(String message, Throwable cause) {
    return new CliException(ExitCode.CONFIG, message, cause);
  }

  /** A local file problem: exit code {@link ExitCode#FILE}. */
  public static CliException file(String message, Throwable cause) {
    return new CliException(ExitCode.FILE, message, cause);
  }

  /**
   * A local file operation failed: {@code cannot ACTION FILE: REASON}, with the operating system's
   * reason (see {@link FileReason}); exit code {@link ExitCode#FILE}.
   */
  public static CliException file(String action, Path file, IOException e) {
    return new CliException(
        ExitCode.FILE, "cannot " + action + " " + file + ": " + FileReason.of(e, file), e);
  }

  /** A usage problem found after parsing: exit code {@link ExitCode#USAGE}. */
  public static CliException usage(String message) {
    return new CliException(ExitCode.USAGE, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
