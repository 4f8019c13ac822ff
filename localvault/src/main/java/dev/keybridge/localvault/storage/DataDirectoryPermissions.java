package dev.keybridge.localvault.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps the data directory private to the vault's user: the directory {@code 0700}, every file in
 * it {@code 0600} (the vault writes no sub-folders; other folders someone put there are left
 * alone). Applied when the directory is created, before any file is written into it (so no file is
 * ever reachable by others, whatever the umask), and again at every start after the vault has
 * created its files (database, WAL, access log, properties). Symbolic links are not followed. On
 * file systems without POSIX permissions this does nothing.
 */
public final class DataDirectoryPermissions {
  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private DataDirectoryPermissions() {}

  /** Makes {@code dir} {@code 0700} and every regular file in it {@code 0600}. */
  public static void secure(Path dir) throws IOException {
    if (Files.getFileAttributeView(dir, PosixFileAttributeView.class) == null) {
      return;
    }
    Files.setPosixFilePermissions(dir, DIRECTORY);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          try {
            Files.setPosixFilePermissions(f, FILE);
          } catch (NoSuchFileException vanished) {
            // SQLite's -shm may go away meanwhile: nothing to protect
          }
        }
      }
    }
  }
}
