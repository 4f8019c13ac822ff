package dev.keybridge.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * How this keybridge was started, as a command a user can paste from the folder they are in: {@code
 * java -jar cli/target/keybridge.jar} when run from the jar, the class path and main class
 * otherwise (a development run).
 */
public final class Launcher {
  private Launcher() {}

  /** The command that starts this keybridge, without arguments. */
  public static String command() {
    Path jar = runningJar();
    if (jar != null) {
      return "java -jar " + quote(relativeToWorkingDirectory(jar));
    }
    return "java -cp " + quote(System.getProperty("java.class.path")) + " " + Main.class.getName();
  }

  /** {@code path} for a POSIX shell: single-quoted when it holds anything but safe characters. */
  public static String quote(Object path) {
    String text = String.valueOf(path);
    return text.matches("[A-Za-z0-9_./:=@%+,-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
  }

  private static Path runningJar() {
    CodeSource source = Main.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return null;
    }
    try {
      Path location = Path.of(source.getLocation().toURI());
      return location.getFileName() != null && location.getFileName().toString().endsWith(".jar")
          ? location
          : null;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  private static Path relativeToWorkingDirectory(Path file) {
    Path cwd = Path.of("").toAbsolutePath();
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.startsWith(cwd) ? cwd.relativize(absolute) : absolute;
  }
}
