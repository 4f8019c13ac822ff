package dev.keybridge.management.http;

import com.azure.core.http.HttpPipelineCallContext;
import dev.keybridge.management.KeyVaultErrors;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state of one vault operation across its attempts: where it goes, when it started, its
 * deadline, how many attempts were made and what the last one ran into. Kept in the pipeline call
 * context by {@link DeadlinePolicy} and updated by {@link VaultRetryPolicy}. Never holds a token or
 * a body.
 */
final class VaultOperation {
  private static final String KEY = "keybridge-vault-operation";

  private final String target;
  private final long startNanos;
  private final Duration timeout;
  private final AtomicInteger attempts = new AtomicInteger();
  private volatile String lastCause = "none";
  private volatile Throwable lastFailure;

  private VaultOperation(String target, Duration timeout) {
    this.target = target;
    this.timeout = timeout;
    this.startNanos = System.nanoTime();
  }

  /** Starts an operation for the context's request and stores it in the context. */
  static VaultOperation start(HttpPipelineCallContext context, Duration timeout) {
    VaultOperation operation =
        new VaultOperation(
            context.getHttpRequest().getHttpMethod() + " " + withoutQuery(context), timeout);
    context.setData(KEY, operation);
    return operation;
  }

  /** The operation of this call, or one without deadline when no {@link DeadlinePolicy} ran. */
  static VaultOperation of(HttpPipelineCallContext context) {
    return context
        .getData(KEY)
        .map(VaultOperation.class::cast)
        .orElseGet(() -> start(context, Duration.ofDays(1)));
  }

  /** The operation carried by an azure-core context (what the HTTP client sees), or null. */
  static VaultOperation find(com.azure.core.util.Context context) {
    if (context == null) {
      return null;
    }
    return context.getData(KEY).map(VaultOperation.class::cast).orElse(null);
  }

  private static String withoutQuery(HttpPipelineCallContext context) {
    String url = context.getHttpRequest().getUrl().toString();
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  /** Method and URL without query, e.g. {@code POST https://v.vault.azure.net/keys/k/sign}. */
  String target() {
    return target;
  }

  Duration timeout() {
    return timeout;
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** Time left until the deadline, zero or more. */
  Duration remaining() {
    Duration left = timeout.minus(elapsed());
    return left.isNegative() ? Duration.ZERO : left;
  }

  int beginAttempt() {
    return attempts.incrementAndGet();
  }

  int attempts() {
    return attempts.get();
  }

  void failedWith(int status) {
    lastCause = "HTTP " + status;
    lastFailure = null;
  }

  void failedWith(Throwable failure) {
    lastCause = KeyVaultErrors.rootReason(failure);
    lastFailure = failure;
  }

  String lastCause() {
    return lastCause;
  }

  Throwable lastFailure() {
    return lastFailure;
  }

  /** {@code 2.31 s}. */
  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.2f s", duration.toNanos() / 1e9);
  }
}
