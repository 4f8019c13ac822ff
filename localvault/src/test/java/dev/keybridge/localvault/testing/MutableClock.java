package dev.keybridge.localvault.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock for vault tests that follows real time plus an offset the test can move forward, e.g. to
 * expire tokens or keys: {@code clock.advance(Duration.ofHours(2))}.
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  /** Moves this clock forward (or back, with a negative duration). */
  public void advance(Duration d) {
    offset.updateAndGet(o -> o.plus(d));
  }

  /** Back to real time. */
  public void reset() {
    offset.set(Duration.ZERO);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("MutableClock is UTC only");
  }
}
