package dev.keybridge.localvault.network;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The delay added to every answer ({@code --latency MS[:JITTER_MS]}): {@code millis} plus a
 * uniformly drawn {@code -jitter..+jitter}, never below zero.
 */
public record Latency(long millis, long jitterMillis) {
  /** No added delay. */
  public static final Latency NONE = new Latency(0, 0);

  public Latency {
    if (millis < 0 || jitterMillis < 0) {
      throw new IllegalArgumentException(
          "latency must be zero or more milliseconds, got " + millis + ":" + jitterMillis);
    }
    if (millis > 600_000 || jitterMillis > 600_000) {
      throw new IllegalArgumentException("latency is limited to 600000 ms");
    }
  }

  /**
   * Parses {@code MS} or {@code MS:JITTER_MS}, e.g. {@code 20} or {@code 20:5}.
   *
   * @throws IllegalArgumentException for a negative or malformed value
   */
  public static Latency parse(String text) {
    String[] parts = text.trim().split(":", -1);
    if (parts.length > 2) {
      throw new IllegalArgumentException(
          "latency '" + text + "' is not MS or MS:JITTER_MS (e.g. 20 or 20:5)");
    }
    return new Latency(number(parts[0], text), parts.length == 2 ? number(parts[1], text) : 0);
  }

  private static long number(String part, String text) {
    try {
      long value = Long.parseLong(part.trim());
      if (value < 0) {
        throw new IllegalArgumentException(
            "latency '" + text + "': milliseconds must be zero or more");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "latency '" + text + "' is not MS or MS:JITTER_MS in whole milliseconds (e.g. 20:5)");
    }
  }

  /** One delay drawn from this latency, in milliseconds. */
  public long draw() {
    if (jitterMillis == 0) {
      return millis;
    }
    long offset = ThreadLocalRandom.current().nextLong(-jitterMillis, jitterMillis + 1);
    return Math.max(0, millis + offset);
  }

  public boolean isNone() {
    return millis == 0 && jitterMillis == 0;
  }

  @Override
  public String toString() {
    return jitterMillis == 0 ? millis + " ms" : millis + "±" + jitterMillis + " ms";
  }
}
