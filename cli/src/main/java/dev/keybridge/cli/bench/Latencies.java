package dev.keybridge.cli.bench;

import java.util.Arrays;

/** Latencies of one measurement (nanoseconds) and the wall time they took. */
record Latencies(long[] nanos, long wallNanos) {

  /** The q-quantile (0 < q <= 1) in milliseconds, nearest-rank. */
  double percentileMs(double q) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }

  double opsPerSecond() {
    return nanos.length / (wallNanos / 1e9);
  }

  /** Both measurements as one (rounds of a paired run). */
  Latencies plus(Latencies other) {
    long[] all = Arrays.copyOf(nanos, nanos.length + other.nanos.length);
    System.arraycopy(other.nanos, 0, all, nanos.length, other.nanos.length);
    return new Latencies(all, wallNanos + other.wallNanos);
  }
}
