package dev.keybridge.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Counts requests in the local vault's {@code access.log} (one JSON line per request, written
 * before the response is sent, so a finished step finds all of its lines). Counts are taken as the
 * difference between two positions, so requests from child processes (jarsigner) count too.
 */
public final class AccessLogCounter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  public AccessLogCounter(Path file) {
    this.file = file;
  }

  /** The number of lines now: a position to count from. */
  public int mark() {
    return lines().size();
  }

  /** Requests logged after {@code mark}. */
  public int since(int mark) {
    return Math.max(0, lines().size() - mark);
  }

  /**
   * Successful (2xx) requests after {@code mark} whose path matches {@code pathRegex}, e.g. the
   * sign requests of one key.
   */
  int served(int mark, String method, String pathRegex) {
    Pattern path = Pattern.compile(pathRegex);
    List<String> all = lines();
    int count = 0;
    for (String line : all.subList(Math.min(mark, all.size()), all.size())) {
      JsonNode entry = parse(line);
      int status = entry.path("status").asInt();
      if (method.equals(entry.path("method").asText())
          && path.matcher(entry.path("path").asText()).matches()
          && status >= 200
          && status < 300) {
        count++;
      }
    }
    return count;
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException("access.log line is not JSON: " + e.getMessage(), e);
    }
  }

  private List<String> lines() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .filter(l -> !l.isBlank())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
