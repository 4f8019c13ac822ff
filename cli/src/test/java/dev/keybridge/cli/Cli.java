package dev.keybridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/** Runs keybridge in-process through {@link Main#run} and captures what it printed. */
final class Cli {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Cli() {}

  /** What one run produced. */
  record Result(int exitCode, String out, String err) {
    /** stdout parsed as JSON. */
    JsonNode json() {
      if (out.isBlank()) {
        throw new AssertionError("no JSON on stdout: " + this);
      }
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
      }
    }

    /** The stderr lines. */
    List<String> errLines() {
      return err.isEmpty() ? List.of() : Arrays.asList(err.split("\\R"));
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, o, e);
    }
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs with {@code --config file} appended. */
  static Result run(Path config, String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.add("--config");
    all.add(config.toString());
    return run(all.toArray(String[]::new));
  }

  /**
   * A copy of {@code properties} in {@code dir} with some values replaced (a null value removes the
   * property).
   */
  static Path derivedConfig(Path properties, Path dir, String fileName, String... keyValues) {
    Properties props = new Properties();
    try {
      try (var in = Files.newInputStream(properties)) {
        props.load(in);
      }
      for (int i = 0; i < keyValues.length; i += 2) {
        if (keyValues[i + 1] == null) {
          props.remove(keyValues[i]);
        } else {
          props.setProperty(keyValues[i], keyValues[i + 1]);
        }
      }
      Path file = dir.resolve(fileName);
      try (var out = Files.newOutputStream(file)) {
        props.store(out, "derived for a test");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
