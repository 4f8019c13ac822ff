package dev.keybridge.management.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The names nearest to a misspelt one, for "did you mean" messages: fewest single-character edits
 * (insert, delete, replace, swap two neighbours), at most a third of the name's length (and at
 * least 2).
 */
public final class NearestNames {
  private NearestNames() {}

  /**
   * The candidates at the smallest distance from {@code name}, in their order; empty if none is
   * near.
   */
  public static List<String> of(String name, Collection<String> candidates) {
    int limit = Math.max(2, name.length() / 3);
    int best = Integer.MAX_VALUE;
    List<String> nearest = new ArrayList<>();
    for (String candidate : candidates) {
      int distance = distance(name, candidate);
      if (distance > limit || distance > best) {
        continue;
      }
      if (distance < best) {
        best = distance;
        nearest.clear();
      }
      nearest.add(candidate);
    }
    return nearest;
  }

  /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
