package dev.keybridge.localvault.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.localvault.LocalVault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a local vault's {@code access.log} (one JSON object per request). A line is written before
 * the response is sent, so once a client has its answer the line is there.
 *
 * <pre>{@code
 * AccessLog log = AccessLog.of(vault);
 * long mark = log.mark();
 * ... requests ...
 * assertThat(log.count(mark, "POST", "/keys/k1/.+/sign")).isEqualTo(1);
 * }</pre>
 */
public final class AccessLog {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One line of the log. {@code error} and {@code client} may be null. */
  public record Entry(
      String time,
      String method,
      String path,
      int status,
      double latencyMs,
      String error,
      String client,
      String conn) {}

  private final Path file;

  public AccessLog(Path file) {
    this.file = file;
  }

  public static AccessLog of(LocalVault vault) {
    return new AccessLog(vault.accessLogFile());
  }

  public Path file() {
    return file;
  }

  /** The raw lines. */
  public List<String> lines() {
    try {
      if (!Files.exists(file)) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!l.isBlank()) {
          out.add(l);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every entry, oldest first. */
  public List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    for (String line : lines()) {
      out.add(parse(line));
    }
    return out;
  }

  /** A position to count from: the number of lines now. */
  public long mark() {
    return lines().size();
  }

  /** Entries written after {@code mark}. */
  public List<Entry> since(long mark) {
    List<Entry> all = entries();
    return all.subList((int) Math.min(mark, all.size()), all.size());
  }

  /** Entries with this method (null: any) whose path matches {@code pathRegex} fully. */
  public long count(String method, String pathRegex) {
    return count(0, method, pathRegex);
  }

  /** Like {@link #count(String, String)} for entries after {@code mark}. */
  public long count(long mark, String method, String pathRegex) {
    Pattern p = Pattern.compile(pathRegex);
    return since(mark).stream()
        .filter(e -> method == null || method.equalsIgnoreCase(e.method()))
        .filter(e -> p.matcher(e.path()).matches())
        .count();
  }

  /** The last entry, or null when the log is empty. */
  public Entry last() {
    List<Entry> all = entries();
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  private static Entry parse(String line) {
    try {
      JsonNode n = MAPPER.readTree(line);
      return new Entry(
          n.path("time").asText(),
          n.path("method").asText(),
          n.path("path").asText(),
          n.path("status").asInt(),
          n.path("latencyMs").asDouble(),
          text(n.get("error")),
          text(n.get("client")),
          text(n.get("conn")));
    } catch (IOException e) {
      throw new IllegalStateException("access.log line is not JSON: " + line, e);
    }
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }
}
