package dev.keybridge.localvault.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that starts at the base clock's present and then runs {@code factor} times faster, for
 * demos of schedules measured in days ({@code serve --time-scale 86400}: one vault day per real
 * second).
 */
public final class ScaledClock extends Clock {
  private final Clock base;
  private final Instant origin;
  private final double factor;

  /**
   * @throws IllegalArgumentException unless {@code factor} is at least 1
   */
  public ScaledClock(Clock base, double factor) {
    if (!(factor >= 1)) {
      throw new IllegalArgumentException("time scale must be at least 1, got " + factor);
    }
    this.base = base;
    this.origin = base.instant();
    this.factor = factor;
  }

  @Override
  public Instant instant() {
    Duration real = Duration.between(origin, base.instant());
    long nanos = (long) (real.toNanos() * factor);
    return origin.plusNanos(nanos);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
