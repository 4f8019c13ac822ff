package dev.keybridge.cli.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.TypeConversionException;

/**
 * Clients of {@code serve} kept out of the process list: a file ({@code --clients-file FILE}) or
 * the environment variable {@value #ENVIRONMENT}, one {@code ID:SECRET:ROLE} per line; blank lines
 * and lines starting with {@code #} are skipped. The file must be private to the user (owned by
 * them, no group or other permissions), like an SSH key.
 */
final class ClientsFile {
  /** The environment variable with clients, one {@code ID:SECRET:ROLE} per line. */
  static final String ENVIRONMENT = "KEYBRIDGE_CLIENTS";

  private static final Set<PosixFilePermission> SHARED =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private ClientsFile() {}

  /**
   * Reads a clients file.
   *
   * @throws IllegalArgumentException when it is missing, readable by others or malformed
   */
  static List<ClientSpec> read(Path file) {
    checkPrivate(file);
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the clients file " + file + ": " + e);
    }
  }

  /** Parses the lines of {@code text}; {@code source} names it in errors (never a secret). */
  static List<ClientSpec> parse(String text, String source) {
    List<ClientSpec> out = new ArrayList<>();
    String[] lines = text.split("\r?\n");
    ClientSpec.Converter converter = new ClientSpec.Converter();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        out.add(converter.convert(line));
      } catch (TypeConversionException e) {
        throw new IllegalArgumentException(
            source + " line " + (i + 1) + ": " + e.getMessage().replace(line, "<line>"));
      }
    }
    return out;
  }

  private static void checkPrivate(Path file) {
    PosixFileAttributeView view =
        Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("The clients file " + file + " is not a regular file");
    }
    if (view == null) {
      return; // no POSIX permissions on this file system (Windows): the ACLs decide
    }
    try {
      PosixFileAttributes a = view.readAttributes();
      String me = System.getProperty("user.name");
      Set<PosixFilePermission> shared = EnumSet.copyOf(a.permissions());
      shared.retainAll(SHARED);
      if (!shared.isEmpty() || !a.owner().getName().equals(me)) {
        throw new IllegalArgumentException(
            "The clients file "
                + file
                + " must be private to "
                + me
                + " (owned by them, mode 600): it is owned by "
                + a.owner().getName()
                + " with mode "
                + java.nio.file.attribute.PosixFilePermissions.toString(a.permissions())
                + "; run: chmod 600 "
                + file);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the permissions of " + file + ": " + e);
    }
  }
}
