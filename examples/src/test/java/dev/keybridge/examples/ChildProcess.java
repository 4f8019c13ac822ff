package dev.keybridge.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a tool (jarsigner, keytool, openssl, curl, java) as a child process with stdout and stderr
 * merged, and kills it if it outlives the timeout.
 */
public final class ChildProcess {
  private static final long TIMEOUT_SECONDS = 120;

  /** The command, its exit code and everything it printed. */
  public record Result(List<String> command, int exitCode, String output) {
    @Override
    public String toString() {
      return String.join(" ", command) + "\n-> exit " + exitCode + "\n" + output;
    }
  }

  private ChildProcess() {}

  public static Result run(List<String> command) {
    return run(command, null, null);
  }

  /**
   * Runs {@code command} in {@code workDir} (null: the current directory) with {@code stdin} as its
   * input (null: none, stdin closed at once).
   */
  public static Result run(List<String> command, Path workDir, String stdin) {
    return run(command, workDir, stdin, TIMEOUT_SECONDS);
  }

  /** As {@link #run(List, Path, String)}, killed after {@code timeoutSeconds}. */
  public static Result run(List<String> command, Path workDir, String stdin, long timeoutSeconds) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (workDir != null) {
      builder.directory(workDir.toFile());
    }
    try {
      Process process = builder.start();
      CompletableFuture<String> output =
          CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
      try (OutputStream in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      } catch (IOException ignoredBrokenPipe) {
        // the tool may exit before reading its input
      }
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(
            "timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
      }
      return new Result(new ArrayList<>(command), process.exitValue(), output.join());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      in.transferTo(buffer);
      return buffer.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
