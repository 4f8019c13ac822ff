package dev.keybridge.localvault.network;

/**
 * A weighted transaction budget over the last 10 seconds, kept in 100 buckets of 100 ms. {@link
 * #tryAcquire} admits a transaction when the weights of the last 10 s plus its own stay within the
 * limit. Thread-safe.
 */
final class SlidingWindow {
  static final long WINDOW_MILLIS = 10_000;
  private static final int BUCKETS = 100;
  private static final long BUCKET_MILLIS = WINDOW_MILLIS / BUCKETS;

  private final String name;
  private final long limit;
  private final long[] weights = new long[BUCKETS];
  private final long[] bucketStart = new long[BUCKETS];

  SlidingWindow(String name, long limit) {
    this.name = name;
    this.limit = limit;
  }

  String name() {
    return name;
  }

  long limit() {
    return limit;
  }

  /**
   * Admits a transaction of {@code weight} at {@code nowMillis}, or returns the whole seconds (at
   * least 1) after which enough of the window has passed for it to be admitted.
   *
   * @return 0 when admitted, else the Retry-After seconds
   */
  synchronized long tryAcquire(long weight, long nowMillis) {
    long current = nowMillis / BUCKET_MILLIS;
    long used = 0;
    for (int i = 0; i < BUCKETS; i++) {
      long start = current - i;
      int slot = (int) Math.floorMod(start, (long) BUCKETS);
      if (bucketStart[slot] == start) {
        used += weights[slot];
      }
    }
    if (used + weight <= limit) {
      int slot = (int) Math.floorMod(current, (long) BUCKETS);
      if (bucketStart[slot] != current) {
        bucketStart[slot] = current;
        weights[slot] = 0;
      }
      weights[slot] += weight;
      return 0;
    }
    // The oldest buckets leave the window first: find when enough weight has left.
    long excess = used + weight - limit;
    for (int i = BUCKETS - 1; i >= 0; i--) {
      long start = current - i;
      int slot = (int) Math.floorMod(start, (long) BUCKETS);
      if (bucketStart[slot] == start) {
        excess -= weights[slot];
        if (excess <= 0) {
          long freeAt = (start + BUCKETS) * BUCKET_MILLIS;
          return Math.max(1, (freeAt - nowMillis + 999) / 1000);
        }
      }
    }
    return WINDOW_MILLIS / 1000; // a single transaction heavier than the limit
  }
}
