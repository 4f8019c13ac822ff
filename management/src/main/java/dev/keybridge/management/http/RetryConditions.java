package dev.keybridge.management.http;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.policy.RequestRetryCondition;
import dev.keybridge.management.auth.VaultChallengeException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * What keybridge's pipeline retries and what it never retries.
 *
 * <ul>
 *   <li>Retried: throttling (429), request timeout (408), server failures (500, 502, 503, 504),
 *       resets and other I/O failures after the connection was made, read timeouts.
 *   <li>Retried only within {@code keybridge.retry.connect-window}: a refused connection (nothing
 *       listening yet, e.g. a vault being restarted).
 *   <li>Never retried: TLS trust and host name failures, an unknown host, every other status (400,
 *       401, 403, 404, 409, ...), a refused challenge or token request. Asking again cannot help.
 * </ul>
 */
public final class RetryConditions {
  /** How a failed attempt is treated. */
  public enum Verdict {
    /** Try again after a back-off, while retries and the deadline allow. */
    RETRY,
    /** Try again only within the connect window (connection refused). */
    RETRY_WHILE_CONNECTING,
    /** Fail the operation now. */
    FAIL
  }

  private RetryConditions() {}

  /** Whether an HTTP status is worth another attempt. */
  public static boolean isRetryableStatus(int status) {
    return status == 408
        || status == 429
        || status == 500
        || status == 502
        || status == 503
        || status == 504;
  }

  /** The verdict for a failure without response. */
  public static Verdict verdict(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof VaultChallengeException
          || t instanceof ClientAuthenticationException
          || t instanceof UnknownHostException
          || t instanceof SSLHandshakeException
          || t instanceof SSLPeerUnverifiedException
          || isCertificateFailure(t)) {
        return Verdict.FAIL;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return Verdict.RETRY_WHILE_CONNECTING;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SSLException && !(t.getCause() instanceof IOException)) {
        // a TLS alert from the peer (protocol, certificate): permanent
        return isReset(t) ? Verdict.RETRY : Verdict.FAIL;
      }
      if (t instanceof IOException
          || t instanceof UncheckedIOException
          || t instanceof InterruptedIOException
          || t instanceof TimeoutException) {
        return Verdict.RETRY;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Verdict.FAIL;
  }

  /** azure-core's retry condition form of {@link #verdict} and {@link #isRetryableStatus}. */
  public static boolean shouldRetry(RequestRetryCondition condition) {
    Throwable failure = condition.getThrowable();
    if (failure != null) {
      return verdict(failure) != Verdict.FAIL;
    }
    return condition.getResponse() != null
        && isRetryableStatus(condition.getResponse().getStatusCode());
  }

  private static boolean isCertificateFailure(Throwable t) {
    return t instanceof java.security.cert.CertificateException
        || t instanceof java.security.cert.CertPathValidatorException
        || t instanceof java.security.cert.CertPathBuilderException;
  }

  /** A TLS connection closed by the peer mid-stream is a reset, not a trust failure. */
  private static boolean isReset(Throwable t) {
    String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
    return message.contains("connection reset")
        || message.contains("closed")
        || message.contains("broken pipe")
        || message.contains("end of stream");
  }
}
