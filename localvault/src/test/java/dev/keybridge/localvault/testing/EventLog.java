package dev.keybridge.localvault.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.localvault.LocalVault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The Event Grid events of a local vault ({@code DIR/events.log}, one JSON line each). */
public final class EventLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  private EventLog(Path file) {
    this.file = file;
  }

  public static EventLog of(LocalVault vault) {
    return new EventLog(vault.eventsLogFile());
  }

  /** Every event so far, oldest first. */
  public List<JsonNode> events() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      List<JsonNode> out = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          out.add(JSON.readTree(line));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Events of {@code eventType} (e.g. {@code Microsoft.KeyVault.KeyNearExpiry}) for an object. */
  public List<JsonNode> events(String eventType, String objectName) {
    return events().stream()
        .filter(e -> e.path("eventType").asText().equals(eventType))
        .filter(e -> e.path("data").path("ObjectName").asText().equals(objectName))
        .toList();
  }

  /**
   * Waits (polling, up to {@code timeout}) until an event matches, and returns it.
   *
   * @throws AssertionError when none arrives in time
   */
  public JsonNode await(Predicate<JsonNode> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (JsonNode e : events()) {
        if (match.test(e)) {
          return e;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no matching event in " + file + " within " + timeout);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
