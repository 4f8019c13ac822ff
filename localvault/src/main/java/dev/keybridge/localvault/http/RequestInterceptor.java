package dev.keybridge.localvault.http;

/**
 * A hook around every request at the one dispatch point, for fault injection and observation
 * (throttling with 429, injected 5xx, latency, dropped connections). Interceptors run in
 * registration order before authentication and routing; the first non-null answer of {@link
 * #beforeHandling} is sent instead of handling the request. {@link #afterHandling} may replace the
 * computed response. Both are called on worker threads and must be thread-safe; they may sleep.
 */
public interface RequestInterceptor {
  /** Returns a response to send instead of handling the request, or null to continue. */
  default VaultResponse beforeHandling(VaultRequest request) {
    return null;
  }

  /** Returns the response to send (usually {@code response} itself). */
  default VaultResponse afterHandling(VaultRequest request, VaultResponse response) {
    return response;
  }
}
