package dev.keybridge.cli;

import dev.keybridge.management.BackupFileException;
import dev.keybridge.management.BackupFiles;
import java.nio.file.Path;

/**
 * The CLI's reads and writes of local files (backups, released keys, CSRs) through {@link
 * BackupFiles}: a file the system refuses becomes a {@link CliException} that names the file and
 * the operating system's reason (exit code {@link ExitCode#FILE}).
 */
public final class LocalFiles {
  private LocalFiles() {}

  /** {@link BackupFiles#write(Path, byte[], boolean)}, atomically. */
  public static Path write(Path file, byte[] content, boolean overwrite) {
    try {
      return BackupFiles.write(file, content, overwrite);
    } catch (BackupFileException e) {
      throw CliException.file(e.action(), file, e.getCause());
    }
  }

  /** {@link BackupFiles#read(Path)}: a key backup blob. */
  public static byte[] read(Path file) {
    try {
      return BackupFiles.read(file);
    } catch (BackupFileException e) {
      throw CliException.file(e.action(), file, e.getCause());
    }
  }
}
