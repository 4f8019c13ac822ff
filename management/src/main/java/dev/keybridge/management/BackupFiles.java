package dev.keybridge.management;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Backup files: written atomically (temp file, fsync, atomic rename), never left truncated. */
final class BackupFiles {
  private BackupFiles() {}

  static Path write(Path file, byte[] content) {
    Path target = file.toAbsolutePath().normalize();
    Path dir = target.getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system of " + dir + " cannot rename atomically", e);
      }
      temp = null;
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write backup file " + target + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // The original failure is what the caller needs to see.
        }
      }
    }
  }

  static byte[] read(Path file) {
    try {
      byte[] content = Files.readAllBytes(file);
      if (content.length == 0) {
        throw new IllegalArgumentException("backup file " + file + " is empty");
      }
      return content;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read backup file " + file + ": " + e.getMessage(), e);
    }
  }
}
