package dev.keybridge.management.http;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.policy.RequestRetryCondition;
import dev.keybridge.management.auth.VaultChallengeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;

/**
 * When keybridge's own pipeline retries: throttling (429), timeouts (408) and server failures (500,
 * 502, 503, 504), and I/O failures. Never a refused challenge or a failed token request: those do
 * not get better by asking again.
 */
public final class RetryConditions {
  private RetryConditions() {}

  public static boolean shouldRetry(RequestRetryCondition condition) {
    Throwable failure = condition.getThrowable();
    if (failure != null) {
      for (Throwable t = failure; t != null; t = t.getCause()) {
        if (t instanceof VaultChallengeException || t instanceof ClientAuthenticationException) {
          return false;
        }
      }
      for (Throwable t = failure; t != null; t = t.getCause()) {
        if (t instanceof IOException
            || t instanceof UncheckedIOException
            || t instanceof TimeoutException) {
          return true;
        }
      }
      return false;
    }
    int status = condition.getResponse() == null ? 0 : condition.getResponse().getStatusCode();
    return status == 408
        || status == 429
        || status == 500
        || status == 502
        || status == 503
        || status == 504;
  }
}
