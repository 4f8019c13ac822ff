package dev.keybridge.localvault.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing of client secrets, per client id, the way Entra ID's lockout does: after
 * {@value #FREE_FAILURES} failed sign-ins in a row a client is locked for one second, and every
 * further failure doubles the lock, up to {@value #MAX_LOCK_SECONDS} seconds. While locked, the
 * token endpoint refuses the client without looking at the secret (so a lock cannot be probed for
 * the right secret); a successful sign-in clears the count. Failures for unknown client ids count
 * too, so probing for ids is slowed down as well. At most {@value #MAX_TRACKED} ids are tracked;
 * when full, entries whose lock has expired are dropped first.
 */
public final class SignInThrottle {
  static final int FREE_FAILURES = 5;
  static final long MAX_LOCK_SECONDS = 300;
  private static final int MAX_TRACKED = 10_000;

  private record State(int failures, Instant lockedUntil) {}

  private final Clock clock;
  private final Map<String, State> states = new ConcurrentHashMap<>();

  public SignInThrottle(Clock clock) {
    this.clock = clock;
  }

  /** How long {@code clientId} must still wait, or empty when it may sign in now. */
  public Optional<Duration> lockedFor(String clientId) {
    State s = states.get(key(clientId));
    if (s == null || s.lockedUntil() == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(clock.instant(), s.lockedUntil());
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  /** Records a failed sign-in; returns the lock it caused (zero when none). */
  public Duration failed(String clientId) {
    if (states.size() >= MAX_TRACKED) {
      evictExpired();
    }
    Instant now = clock.instant();
    State next =
        states.merge(
            key(clientId),
            new State(1, lock(1, now)),
            (old, one) -> new State(old.failures() + 1, lock(old.failures() + 1, now)));
    return next.lockedUntil() == null ? Duration.ZERO : Duration.between(now, next.lockedUntil());
  }

  /** Clears the failures of a client that signed in. */
  public void succeeded(String clientId) {
    states.remove(key(clientId));
  }

  private static Instant lock(int failures, Instant now) {
    if (failures < FREE_FAILURES) {
      return null;
    }
    int doublings = Math.min(failures - FREE_FAILURES, 20);
    return now.plusSeconds(Math.min(MAX_LOCK_SECONDS, 1L << doublings));
  }

  private void evictExpired() {
    Instant now = clock.instant();
    for (Iterator<State> it = states.values().iterator(); it.hasNext(); ) {
      State s = it.next();
      if (s.lockedUntil() == null || !s.lockedUntil().isAfter(now)) {
        it.remove();
      }
    }
    if (states.size() >= MAX_TRACKED) {
      states.clear(); // a flood of distinct ids: start over rather than grow without bound
    }
  }

  private static String key(String clientId) {
    return clientId == null ? "" : clientId;
  }
}
