package dev.keybridge.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * The operating system's reason for a failed file operation, in words ({@code no such file or
 * directory}, {@code permission denied}, {@code is a folder}): Java's file exceptions carry it in
 * their type and put only the path in the message.
 */
public final class FileReason {
  private FileReason() {}

  /**
   * {@code REASON} or {@code REASON (OTHER PATH)} for a failure on {@code file}: the path the
   * operating system refused is named when it is not {@code file} itself (a lock file, a temporary
   * file, a missing parent folder).
   */
  public static String of(IOException failure, Path file) {
    String reason = reason(failure, file);
    if (failure instanceof FileSystemException fileFailure && fileFailure.getFile() != null) {
      Path refused = Path.of(fileFailure.getFile()).toAbsolutePath().normalize();
      Path target = file.toAbsolutePath().normalize();
      if (!refused.equals(target)) {
        if (refused.getFileName() != null
            && refused.getFileName().toString().endsWith(".partial")
            && target.getParent() != null
            && target.getParent().equals(refused.getParent())) {
          return reason + " (cannot create a file in " + target.getParent() + ")";
        }
        return reason + " (" + refused + ")";
      }
    }
    return reason;
  }

  private static String reason(IOException failure, Path file) {
    if (failure instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (failure instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (failure instanceof FileAlreadyExistsException) {
      return Files.isRegularFile(file) ? "it is a file, not a folder" : "it already exists";
    }
    if (failure instanceof NotDirectoryException) {
      return "not a folder";
    }
    if (failure instanceof DirectoryNotEmptyException) {
      return "the folder is not empty";
    }
    if (failure instanceof CharacterCodingException) {
      return "not UTF-8 text (a binary file?)";
    }
    if (failure instanceof FileSystemException fileFailure && fileFailure.getReason() != null) {
      return lowerFirst(fileFailure.getReason());
    }
    if (Files.isDirectory(file)) {
      return "it is a folder, not a file";
    }
    String message = failure.getMessage();
    return message == null ? "input/output error" : lowerFirst(ErrorReport.oneLine(message));
  }

  private static String lowerFirst(String text) {
    return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }
}
