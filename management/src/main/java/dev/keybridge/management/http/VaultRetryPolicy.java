package dev.keybridge.management.http;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.management.http.RetryConditions.Verdict;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import reactor.core.publisher.Mono;

/**
 * Retries what {@link RetryConditions} allows, within the operation's deadline (see {@link
 * DeadlinePolicy}): at most {@code keybridge.retry.max-retries} retries, each after an exponential
 * back-off with jitter (a random delay between half and all of {@code base-delay * 2^retry}, at
 * most {@code max-delay}), or after the {@code Retry-After} the vault asked for, capped at {@code
 * max-delay}. A refused connection is retried only within {@code keybridge.retry.connect-window}. A
 * retry whose delay would end past the deadline is not started: the last answer (or failure) is
 * returned at once. Failures without answer come out as {@link VaultUnreachableException} naming
 * the URL, the attempts and the cause.
 *
 * <p>Retrying is safe for every Key Vault operation keybridge sends: sign, decrypt, unwrap, get and
 * list have no side effect, and a repeated create/update leaves one new version at worst.
 */
public final class VaultRetryPolicy implements HttpPipelinePolicy {
  private static final HttpHeaderName RETRY_AFTER_MS = HttpHeaderName.fromString("retry-after-ms");
  private static final HttpHeaderName X_MS_RETRY_AFTER_MS =
      HttpHeaderName.fromString("x-ms-retry-after-ms");

  private final int maxRetries;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Duration connectWindow;

  public VaultRetryPolicy(
      int maxRetries, Duration baseDelay, Duration maxDelay, Duration connectWindow) {
    this.maxRetries = maxRetries;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.connectWindow = connectWindow;
  }

  /** The policy of a configuration. */
  public static VaultRetryPolicy of(KeyVaultConfig config) {
    return new VaultRetryPolicy(
        config.maxRetries(),
        config.retryBaseDelay(),
        config.retryMaxDelay(),
        config.connectRetryWindow());
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    return Mono.defer(() -> attempt(context, next, VaultOperation.of(context), 0));
  }

  /**
   * The same rules for synchronous calls, on the caller's thread: the back-off sleeps there, and
   * each attempt waits at most until the deadline (see {@link DispatchedHttpClient}).
   */
  @Override
  public HttpResponse processSync(
      HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    VaultOperation operation = VaultOperation.of(context);
    for (int retry = 0; ; retry++) {
      operation.beginAttempt();
      Duration delay;
      try {
        HttpResponse response = next.clone().processSync();
        delay = delayAfter(operation, retry, response);
        if (delay == null) {
          return response;
        }
        response.close();
      } catch (RuntimeException failure) {
        delay = delayAfter(operation, retry, failure);
      }
      sleep(delay, operation);
    }
  }

  private Mono<HttpResponse> attempt(
      HttpPipelineCallContext context,
      HttpPipelineNextPolicy next,
      VaultOperation operation,
      int retry) {
    operation.beginAttempt();
    // Responses of this attempt are judged in flatMap; what a later attempt returns passes through
    // unchanged (its errors are already final: VaultUnreachableException or a FAIL verdict).
    return next.clone()
        .process()
        .flatMap(
            response -> {
              Duration delay = delayAfter(operation, retry, response);
              if (delay == null) {
                return Mono.just(response);
              }
              response.close();
              return retryAfter(delay, context, next, operation, retry);
            })
        .onErrorResume(
            failure -> {
              Duration delay;
              try {
                delay = delayAfter(operation, retry, failure);
              } catch (RuntimeException last) {
                return Mono.error(last);
              }
              return retryAfter(delay, context, next, operation, retry);
            });
  }

  private Mono<HttpResponse> retryAfter(
      Duration delay,
      HttpPipelineCallContext context,
      HttpPipelineNextPolicy next,
      VaultOperation operation,
      int retry) {
    return Mono.delay(delay).then(Mono.defer(() -> attempt(context, next, operation, retry + 1)));
  }

  /** The back-off before the next attempt after {@code response}, or null to return it. */
  private Duration delayAfter(VaultOperation operation, int retry, HttpResponse response) {
    int status = response.getStatusCode();
    if (!RetryConditions.isRetryableStatus(status) || retry >= maxRetries) {
      return null;
    }
    Duration asked = retryAfter(response);
    Duration delay = asked != null ? asked : backoff(retry);
    if (!fitsDeadline(operation, delay)) {
      return null;
    }
    operation.failedWith(status);
    return delay;
  }

  /**
   * The back-off before the next attempt after {@code failure}.
   *
   * @throws RuntimeException the operation's final failure when it is not retried
   */
  private Duration delayAfter(VaultOperation operation, int retry, Throwable failure) {
    VaultUnreachableException already =
        RetryConditions.find(failure, VaultUnreachableException.class);
    if (already != null) {
      throw already;
    }
    operation.failedWith(failure);
    Verdict verdict = RetryConditions.verdict(failure);
    if (verdict == Verdict.FAIL) {
      if (RetryConditions.find(failure, java.io.IOException.class) != null) {
        throw VaultUnreachableException.failed(operation, failure, "not retried");
      }
      throw failure instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(failure);
    }
    Duration delay = backoff(retry);
    boolean connectWindowOver =
        verdict == Verdict.RETRY_WHILE_CONNECTING
            && operation.elapsed().plus(delay).compareTo(connectWindow) > 0;
    if (retry >= maxRetries || !fitsDeadline(operation, delay) || connectWindowOver) {
      throw VaultUnreachableException.failed(operation, failure, "gave up");
    }
    return delay;
  }

  private static void sleep(Duration delay, VaultOperation operation) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw VaultUnreachableException.failed(operation, e, "interrupted");
    }
  }

  private static boolean fitsDeadline(VaultOperation operation, Duration delay) {
    return delay.compareTo(operation.remaining()) < 0;
  }

  /** Between half and all of {@code base * 2^retry}, at most {@code maxDelay}. */
  Duration backoff(int retry) {
    long ceiling = baseDelay.toMillis() << Math.min(retry, 20);
    ceiling = Math.max(1, Math.min(ceiling, maxDelay.toMillis()));
    long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    return Duration.ofMillis(delay);
  }

  /**
   * The delay the vault asks for ({@code retry-after-ms}, {@code x-ms-retry-after-ms}, {@code
   * Retry-After} in seconds or as an HTTP date), capped at {@code maxDelay}; null when none.
   */
  Duration retryAfter(HttpResponse response) {
    Duration asked = null;
    for (HttpHeaderName name : new HttpHeaderName[] {RETRY_AFTER_MS, X_MS_RETRY_AFTER_MS}) {
      String value = response.getHeaderValue(name);
      if (value != null) {
        try {
          asked = Duration.ofMillis(Long.parseLong(value.trim()));
          break;
        } catch (NumberFormatException ignored) {
          // try the next header
        }
      }
    }
    String retryAfter = response.getHeaderValue(HttpHeaderName.RETRY_AFTER);
    if (asked == null && retryAfter != null) {
      asked = parseRetryAfter(retryAfter.trim());
    }
    if (asked == null || asked.isNegative()) {
      return null;
    }
    return asked.compareTo(maxDelay) > 0 ? maxDelay : asked;
  }

  private static Duration parseRetryAfter(String value) {
    try {
      return Duration.ofSeconds(Long.parseLong(value));
    } catch (NumberFormatException notSeconds) {
      try {
        OffsetDateTime at = OffsetDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        return Duration.between(OffsetDateTime.now(), at);
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }
}
