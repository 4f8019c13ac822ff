package dev.keybridge.localvault.network;

import java.time.Duration;
import java.util.Objects;

/**
 * How the local vault imitates a real network and a busy service: latency added to every answer,
 * injected faults, Key Vault's service limits. Immutable; {@link #NONE} is a perfect network. The
 * {@code serve} flags {@code --latency}, {@code --faults}, {@code --retry-after}, {@code
 * --stall-ms}, {@code --faults-skip-auth} and {@code --throttle} map one to one onto its fields.
 *
 * @param latency delay added to every answer
 * @param faults random faults by rate
 * @param retryAfter the Retry-After of an injected 429 (whole seconds, 0 to 3600)
 * @param stall how long a {@code stall} fault holds the answer back (1 ms to 1 hour)
 * @param faultsSkipAuth whether token and discovery endpoints are spared from faults
 * @param throttle whether Key Vault's service limits are enforced (see {@link ServiceLimits})
 */
public record NetworkConditions(
    Latency latency,
    FaultRates faults,
    Duration retryAfter,
    Duration stall,
    boolean faultsSkipAuth,
    boolean throttle) {
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
  public static final Duration DEFAULT_STALL = Duration.ofSeconds(30);

  /** No latency, no faults, no limits. */
  public static final NetworkConditions NONE =
      new NetworkConditions(
          Latency.NONE, FaultRates.NONE, DEFAULT_RETRY_AFTER, DEFAULT_STALL, false, false);

  public NetworkConditions {
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(faults, "faults");
    Objects.requireNonNull(retryAfter, "retryAfter");
    Objects.requireNonNull(stall, "stall");
    if (retryAfter.isNegative() || retryAfter.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException(
          "retry-after must be 0 to 3600 seconds, got " + retryAfter.toSeconds());
    }
    if (stall.isNegative() || stall.isZero() || stall.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("stall must be 1 to 3600000 ms, got " + stall.toMillis());
    }
  }

  /** True when nothing is simulated. */
  public boolean isNone() {
    return latency.isNone() && faults.isEmpty() && !throttle;
  }

  public NetworkConditions withLatency(Latency value) {
    return new NetworkConditions(value, faults, retryAfter, stall, faultsSkipAuth, throttle);
  }

  public NetworkConditions withFaults(FaultRates value) {
    return new NetworkConditions(latency, value, retryAfter, stall, faultsSkipAuth, throttle);
  }

  public NetworkConditions withRetryAfter(Duration value) {
    return new NetworkConditions(latency, faults, value, stall, faultsSkipAuth, throttle);
  }

  public NetworkConditions withStall(Duration value) {
    return new NetworkConditions(latency, faults, retryAfter, value, faultsSkipAuth, throttle);
  }

  public NetworkConditions withFaultsSkipAuth(boolean value) {
    return new NetworkConditions(latency, faults, retryAfter, stall, value, throttle);
  }

  public NetworkConditions withThrottle(boolean value) {
    return new NetworkConditions(latency, faults, retryAfter, stall, faultsSkipAuth, value);
  }

  @Override
  public String toString() {
    if (isNone()) {
      return "none";
    }
    StringBuilder text = new StringBuilder();
    if (!latency.isNone()) {
      text.append("latency ").append(latency);
    }
    if (!faults.isEmpty()) {
      text.append(text.isEmpty() ? "" : ", ").append("faults ").append(faults);
      text.append(" (429 Retry-After ").append(retryAfter.toSeconds()).append(" s");
      text.append(", stall ").append(stall.toMillis()).append(" ms");
      text.append(faultsSkipAuth ? ", token endpoints spared)" : ")");
    }
    if (throttle) {
      text.append(text.isEmpty() ? "" : ", ").append("Key Vault service limits");
    }
    return text.toString();
  }
}
