package dev.keybridge.cli.demo;

import dev.keybridge.cli.Main;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The JDK's real {@code jarsigner}, run as a child process that loads KeyBridge from the running
 * {@code keybridge.jar} ({@code -J-cp}) and signs with a vault key ({@code -providerClass ...
 * -providerArg keybridge.properties -keystore NONE -storetype AzureKeyVault}).
 */
final class DemoJarsigner {
  private static final long TIMEOUT_SECONDS = 120;

  /** A finished jarsigner run: exit code and everything it printed. */
  record Run(List<String> command, int exitCode, String output) {}

  private DemoJarsigner() {}

  /**
   * The class path holding KeyBridge: the running {@code keybridge.jar} (the code source of {@link
   * Main}), or this JVM's class path when running from classes (tests, IDE).
   */
  static String keybridgeClassPath() {
    try {
      Path source = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(source)) {
        return source.toString();
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // fall back to the class path below
    }
    return System.getProperty("java.class.path");
  }

  /** The path of the running keybridge.jar for the hints, or "keybridge.jar". */
  static String keybridgeJarForHints() {
    String classPath = keybridgeClassPath();
    return classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")
        ? "keybridge.jar"
        : classPath;
  }

  static Path jarsigner() throws IOException {
    Path tool = Path.of(System.getProperty("java.home"), "bin", "jarsigner");
    if (!Files.isExecutable(tool)) {
      throw new IOException(
          "no jarsigner in " + tool.getParent() + " (the demo needs a full JDK, not a JRE)");
    }
    return tool;
  }

  /** {@code jarsigner ... -signedjar signed unsigned alias} with the vault as key store. */
  static List<String> signCommand(Path properties, Path unsigned, Path signed, String alias)
      throws IOException {
    return List.of(
        jarsigner().toString(),
        "-J-cp",
        "-J" + keybridgeClassPath(),
        "-providerClass",
        "dev.keybridge.provider.KeyBridgeProvider",
        "-providerArg",
        properties.toString(),
        "-keystore",
        "NONE",
        "-storetype",
        "AzureKeyVault",
        "-storepass",
        "none",
        "-signedjar",
        signed.toString(),
        unsigned.toString(),
        alias);
  }

  /** {@code jarsigner -verify -strict -verbose -certs} trusting the CA in {@code trustStore}. */
  static List<String> verifyCommand(Path trustStore, String password, Path signed)
      throws IOException {
    return List.of(
        jarsigner().toString(),
        "-verify",
        "-strict",
        "-verbose",
        "-certs",
        "-keystore",
        trustStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        password,
        signed.toString());
  }

  /** Runs {@code command}, writing its output to {@code log} as well. */
  static Run run(List<String> command, Path log) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    process.getOutputStream().close();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IOException("jarsigner did not finish within " + TIMEOUT_SECONDS + " s");
    }
    return new Run(
        new ArrayList<>(command),
        process.exitValue(),
        Files.readString(log, StandardCharsets.UTF_8));
  }

  /** A small application JAR built with {@code java.util.jar}. */
  static Path writeSampleJar(Path file) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Created-By", "keybridge demo");
    Map<String, String> entries =
        Map.of(
            "demo/README.txt", "This JAR was signed with a key that never left the vault.\n",
            "demo/app.properties", "greeting=hello\n");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), manifest)) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        out.putNextEntry(new JarEntry(entry.getKey()));
        out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return file;
  }

  /** The command line as one shell-like string, for the summary. */
  static String display(List<String> command) {
    StringBuilder line = new StringBuilder();
    for (String part : command) {
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(part.contains(" ") ? "'" + part + "'" : part);
    }
    return line.toString();
  }
}
