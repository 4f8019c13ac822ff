package dev.keybridge.localvault.keys;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO-8601 duration as rotation policies use it ({@code P90D}, {@code P1Y}, {@code P2M}, {@code
 * PT48H}, {@code P1Y2M3DT4H}). Converted to seconds with a year of 365 days and a month of 30 days,
 * which is how the comparisons of the rotation-policy rules are made.
 */
public record IsoDuration(String text, long seconds) {
  private static final Pattern ISO =
      Pattern.compile(
          "^P(?:(\\d{1,4})Y)?(?:(\\d{1,5})M)?(?:(\\d{1,5})W)?(?:(\\d{1,6})D)?"
              + "(?:T(?:(\\d{1,7})H)?(?:(\\d{1,9})M)?(?:(\\d{1,10})S)?)?$");

  /**
   * Parses a duration; returns null when {@code text} is not a valid non-empty ISO-8601 duration.
   */
  public static IsoDuration parse(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = ISO.matcher(text);
    if (!m.matches() || text.equals("P") || text.endsWith("T")) {
      return null;
    }
    long[] unit = {365L * 86400, 30L * 86400, 7L * 86400, 86400, 3600, 60, 1};
    long total = 0;
    for (int i = 0; i < unit.length; i++) {
      String g = m.group(i + 1);
      if (g != null) {
        total += Long.parseLong(g) * unit[i];
      }
    }
    return new IsoDuration(text, total);
  }

  public long days() {
    return seconds / 86400;
  }
}
