package dev.keybridge.cli.keys;

import dev.keybridge.cli.CliException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;

/**
 * Key backup files: the vault's backup blob as raw bytes, the same file {@code az keyvault key
 * backup --file} and {@code KeyVaultManager.backupKey(name, file)} write. Writing is atomic (a temp
 * file in the same folder, forced to disk, then {@code ATOMIC_MOVE}), so an interrupted backup
 * never leaves a truncated file. Reading checks the blob's shape before anything is sent to a
 * vault.
 */
public final class BackupFiles {
  /** The start of every Azure Key Vault key backup blob. */
  static final String AZURE_KEY_BACKUP_MAGIC = "&AzureKeyVaultKeyBackupV1.microsoft.com";

  /**
   * The keybridge local vault's blob: format byte 1, a 12-byte IV, AES-GCM ciphertext of at least
   * one byte and a 16-byte tag (see localvault's MasterKey).
   */
  private static final int LOCAL_VAULT_FORMAT = 1;

  private static final int LOCAL_VAULT_MIN_LENGTH = 1 + 12 + 1 + 16;

  private BackupFiles() {}

  /**
   * Writes {@code blob} to {@code file} atomically; an existing file is replaced only when {@code
   * overwrite} is set.
   *
   * @throws CliException (exit code 4) when the file exists or cannot be written
   */
  public static void write(Path file, byte[] blob, boolean overwrite) {
    Path target = file.toAbsolutePath();
    if (!overwrite && Files.exists(target)) {
      throw CliException.file(target + " already exists (use --force to replace it)", null);
    }
    Path folder = target.getParent();
    Path temp = null;
    try {
      Files.createDirectories(folder);
      temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".partial");
      try (OutputStream out =
          Files.newOutputStream(temp, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
        out.write(blob);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw CliException.file(
            "cannot write " + target + " atomically on this file system: " + e.getMessage(), e);
      }
      temp = null;
    } catch (IOException e) {
      throw CliException.file("write", target, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the partial temp file is hidden and named .partial; nothing else to do
        }
      }
    }
  }

  /**
   * Reads a backup file and returns the blob to send to the vault. Accepts the raw blob (what
   * {@code keys backup} writes), its base64/base64url text, or the vault's JSON {@code
   * {"value":"..."}}.
   *
   * @throws CliException (exit code 4) when the file is missing, empty or not a key backup
   */
  public static byte[] read(Path file) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw CliException.file("read backup file", file, e);
    }
    if (content.length == 0) {
      throw CliException.file(file + " is empty: not a Key Vault key backup", null);
    }
    if (isKnownBlob(content)) {
      return content;
    }
    byte[] decoded = decodeText(new String(content, StandardCharsets.US_ASCII).trim());
    if (decoded != null && isKnownBlob(decoded)) {
      return decoded;
    }
    throw CliException.file(
        file
            + " is not a Key Vault key backup (expected a file written by 'keybridge keys"
            + " backup' or 'az keyvault key backup'); nothing was sent to the vault",
        null);
  }

  /**
   * True when {@code blob} has the shape of an Azure Key Vault key backup (its fixed prefix) or of
   * a keybridge local vault backup (format byte, then binary IV and ciphertext; text never
   * matches).
   */
  static boolean isKnownBlob(byte[] blob) {
    byte[] azure = AZURE_KEY_BACKUP_MAGIC.getBytes(StandardCharsets.US_ASCII);
    if (blob.length > azure.length && startsWith(blob, azure)) {
      return true;
    }
    return blob.length >= LOCAL_VAULT_MIN_LENGTH
        && blob[0] == LOCAL_VAULT_FORMAT
        && hasBinaryByte(blob, 1, Math.min(blob.length, 64));
  }

  private static boolean hasBinaryByte(byte[] data, int from, int to) {
    for (int i = from; i < to; i++) {
      int b = data[i] & 0xff;
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
    if (!value.matches("[A-Za-z0-9+/_=\\-\\s]+")) {
      return null;
    }
    String compact = value.replaceAll("\\s", "").replace('+', '-').replace('/', '_');
    try {
      return Base64.getUrlDecoder().decode(compact.replace("=", ""));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (data[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
