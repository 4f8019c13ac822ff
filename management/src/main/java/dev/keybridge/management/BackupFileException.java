package dev.keybridge.management;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The file system refused a {@link BackupFiles} read or write: names the file and what was being
 * done, with the operating system's failure as the cause, so that a caller (the CLI) can say why in
 * its own words.
 */
public final class BackupFileException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String action;

  BackupFileException(String action, Path file, IOException cause) {
    super("cannot " + action + " " + file + ": " + cause.getMessage(), cause);
    this.action = action;
    this.file = file;
  }

  /** What was being done: {@code write}, {@code read backup file}. */
  public String action() {
    return action;
  }

  /** The file as the caller named it. */
  public Path file() {
    return file;
  }
}
