package dev.keybridge.cli.output;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/** How values look in the output: timestamps in UTC ISO-8601, tags sorted. */
public final class Values {
  private Values() {}

  /** {@code 2026-11-25T12:00:00Z}, or null. */
  public static String time(OffsetDateTime time) {
    return time == null
        ? null
        : DateTimeFormatter.ISO_INSTANT.format(
            time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
  }

  /** Tags sorted by name; an empty map for none (never null in JSON). */
  public static Map<String, String> tags(Map<String, String> tags) {
    return tags == null ? new TreeMap<>() : new TreeMap<>(tags);
  }

  /** {@code a=1,b=2} for tables, or null when there are none. */
  public static String tagsText(Map<String, String> tags) {
    if (tags == null || tags.isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    new TreeMap<>(tags)
        .forEach(
            (k, v) -> text.append(text.length() == 0 ? "" : ",").append(k).append('=').append(v));
    return text.toString();
  }
}
