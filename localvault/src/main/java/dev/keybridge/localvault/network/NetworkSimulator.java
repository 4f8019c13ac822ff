package dev.keybridge.localvault.network;

import dev.keybridge.localvault.http.RequestInterceptor;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;
import dev.keybridge.localvault.keys.KeyRepository;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Applies {@link NetworkConditions} at the vault's dispatch point: Key Vault's service limits first
 * (429 {@code Throttled}), then at most one random fault, and the latency on every answer (faults
 * and throttled answers included; a reset is delayed too, as a connection dropped after a round
 * trip). Token and discovery endpoints are never throttled, and are spared from faults with {@code
 * faultsSkipAuth}.
 */
public final class NetworkSimulator implements RequestInterceptor {
  private static final Set<String> IDENTITY_SEGMENTS =
      Set.of("oauth2", "discovery", "v2.0", ".well-known");

  private final NetworkConditions conditions;
  private final ServiceLimits limits;

  /**
   * @param keys the vault's keys (the weight of a key transaction depends on the key's type)
   * @param allHsm whether every key counts as an HSM key (the Managed HSM flavor)
   */
  public NetworkSimulator(NetworkConditions conditions, KeyRepository keys, boolean allHsm) {
    this.conditions = conditions;
    this.limits =
        conditions.throttle() ? new ServiceLimits(keys, allHsm, System::currentTimeMillis) : null;
  }

  @Override
  public VaultResponse beforeHandling(VaultRequest request) {
    boolean identity = isIdentityRequest(request.segments());
    if (limits != null && !identity) {
      ServiceLimits.Throttled throttled = limits.admit(request);
      if (throttled != null) {
        return throttled(
            throttled.retryAfterSeconds(),
            "Request was not processed because too many requests were received: the vault's"
                + " limit of "
                + throttled.limit()
                + " "
                + throttled.budget()
                + " per 10 seconds is reached. Retry after "
                + throttled.retryAfterSeconds()
                + " seconds.");
      }
    }
    if (conditions.faults().isEmpty() || (identity && conditions.faultsSkipAuth())) {
      return null;
    }
    Fault fault = conditions.faults().pick(ThreadLocalRandom.current().nextDouble());
    if (fault == null) {
      return null;
    }
    return switch (fault) {
      case HTTP_500 ->
          VaultResponse.error(
              500, "InternalServerError", null, "Injected fault: the service failed (500).");
      case HTTP_503 ->
          VaultResponse.error(
              503,
              "ServiceUnavailable",
              null,
              "Injected fault: the service is temporarily unavailable (503).");
      case HTTP_429 ->
          throttled(
              conditions.retryAfter().toSeconds(),
              "Injected fault: request was not processed because too many requests were received.");
      case RESET -> VaultResponse.dropConnection();
      case STALL -> {
        sleep(conditions.stall().toMillis());
        yield null;
      }
    };
  }

  @Override
  public VaultResponse afterHandling(VaultRequest request, VaultResponse response) {
    sleep(conditions.latency().draw());
    return response;
  }

  private static VaultResponse throttled(long retryAfterSeconds, String message) {
    return VaultResponse.error(429, "Throttled", null, message)
        .header("Retry-After", Long.toString(retryAfterSeconds));
  }

  /** Token, OpenID configuration, JWKS and instance discovery: {@code /{tenant}/oauth2/...}. */
  static boolean isIdentityRequest(List<String> segments) {
    return segments.size() >= 2 && IDENTITY_SEGMENTS.contains(segments.get(1));
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
