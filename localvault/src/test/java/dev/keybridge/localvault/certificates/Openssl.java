package dev.keybridge.localvault.certificates;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the openssl command line tool for cross-checks. Tests using it are assumed away (reported as
 * skipped, with the reason) only on a machine without openssl, since the build itself must run with
 * just a JDK and Maven.
 */
final class Openssl {
  private static final Path BINARY = Path.of("/usr/bin/openssl");

  /** Exit status and combined stdout/stderr of one run. */
  record Result(int exitCode, String output) {}

  private Openssl() {}

  static Result run(String... arguments) throws Exception {
    assumeTrue(Files.isExecutable(BINARY), "openssl is not installed at " + BINARY);
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("openssl did not finish: " + command);
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
