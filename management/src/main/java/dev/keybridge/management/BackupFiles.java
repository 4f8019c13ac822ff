package dev.keybridge.management;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;

/**
 * Key backup files and other files the tools write whole: written atomically (a hidden temp file in
 * the same folder, forced to disk, then an atomic rename), so an interrupted write never leaves a
 * truncated file. A backup file holds the vault's backup blob as raw bytes, the file {@code az
 * keyvault key backup --file} writes. The blob is opaque to the client: only the vault that made it
 * knows its layout, and that vault judges it on restore.
 */
public final class BackupFiles {
  /** Below this many bytes, base64-looking text is a word, not an encoded backup. */
  private static final int MIN_TEXT_BLOB = 16;

  private BackupFiles() {}

  /** Writes {@code content} to {@code file} atomically, replacing an existing file. */
  public static Path write(Path file, byte[] content) {
    return write(file, content, true);
  }

  /**
   * Writes {@code content} to {@code file} atomically; an existing file is replaced only when
   * {@code overwrite} is set.
   *
   * @return the absolute path written
   * @throws UncheckedIOException naming the file when it exists (and {@code overwrite} is off) or
   *     cannot be written; the cause is a {@link FileAlreadyExistsException} in the first case
   */
  public static Path write(Path file, byte[] content, boolean overwrite) {
    Path target = file.toAbsolutePath().normalize();
    if (!overwrite && Files.exists(target)) {
      throw new UncheckedIOException(
          target + " already exists (use --force to replace it)",
          new FileAlreadyExistsException(target.toString()));
    }
    Path dir = target.getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".partial");
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
      throw new BackupFileException("write", target, e);
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

  /**
   * Reads a key backup file and returns the blob to send to the vault. Accepts the raw blob (what
   * {@link #write} and {@code az keyvault key backup} write), its base64 or base64url text, or the
   * vault's JSON {@code {"value":"..."}}. Text that is none of these, and an empty file, are
   * refused before anything is sent to a vault.
   *
   * @throws UncheckedIOException naming the file when it cannot be read, is empty or is not a key
   *     backup
   */
  public static byte[] read(Path file) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BackupFileException("read backup file", file, e);
    }
    if (content.length == 0) {
      throw notABackup(file, "is empty: not a Key Vault key backup");
    }
    if (isBinary(content)) {
      return content;
    }
    byte[] decoded = decodeText(new String(content, StandardCharsets.US_ASCII).trim());
    if (decoded != null && decoded.length >= MIN_TEXT_BLOB && isBinary(decoded)) {
      return decoded;
    }
    throw notABackup(file, "is not a Key Vault key backup");
  }

  private static UncheckedIOException notABackup(Path file, String problem) {
    String message =
        file
            + " "
            + problem
            + " (expected a file written by 'keybridge keys backup' or 'az keyvault key"
            + " backup'); nothing was sent to the vault";
    return new UncheckedIOException(message, new IOException(message));
  }

  /**
   * True when the bytes are a blob rather than text: a vault's backup is binary (Azure's starts
   * with a fixed ASCII prefix followed by binary data), text is base64 or JSON.
   */
  private static boolean isBinary(byte[] data) {
    for (byte value : data) {
      int b = value & 0xff;
      if (b < 0x09 || (b > 0x0d && b < 0x20) || b > 0x7e) {
        return true;
      }
    }
    return false;
  }

  private static byte[] decodeText(String text) {
    String value = text;
    if (value.startsWith("{")) {
      int key = value.indexOf("\"value\"");
      if (key < 0) {
        return null;
      }
      int open = value.indexOf('"', value.indexOf(':', key) + 1);
      int close = open < 0 ? -1 : value.indexOf('"', open + 1);
      if (close < 0) {
        return null;
      }
      value = value.substring(open + 1, close);
    }
    // base64 or base64url, line breaks allowed; PEM ("-----BEGIN ...") and words are not backups
    if (!value.matches("[A-Za-z0-9+/_=\\-\r\n]+") || value.contains("--")) {
      return null;
    }
    String compact = value.replaceAll("\\s", "").replace('+', '-').replace('/', '_');
    try {
      return Base64.getUrlDecoder().decode(compact.replace("=", ""));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
