package dev.keybridge.management.http;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.policy.RequestRetryCondition;
import dev.keybridge.management.auth.VaultChallengeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
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
    if (has(failure, VaultChallengeException.class)
        || has(failure, ClientAuthenticationException.class)
        || has(failure, UnknownHostException.class)
        || has(failure, SSLPeerUnverifiedException.class)
        || has(failure, CertificateException.class)
        || has(failure, CertPathValidatorException.class)
        || has(failure, CertPathBuilderException.class)) {
      return Verdict.FAIL;
    }
    if (has(failure, ConnectException.class) || has(failure, NoRouteToHostException.class)) {
      return Verdict.RETRY_WHILE_CONNECTING;
    }
    SSLException tls = find(failure, SSLException.class);
    if (tls != null && find(tls.getCause(), IOException.class) == null) {
      // a TLS alert from the peer (protocol, cipher, handshake failure): asking again cannot help;
      // a TLS connection closed mid-handshake (EOF, reset) has an I/O cause and is retried below
      return Verdict.FAIL;
    }
    if (has(failure, IOException.class)
        || has(failure, UncheckedIOException.class)
        || has(failure, TimeoutException.class)) {
      return Verdict.RETRY;
    }
    return Verdict.FAIL;
  }

  private static boolean has(Throwable failure, Class<? extends Throwable> type) {
    return find(failure, type) != null;
  }

  /** The first {@code type} in the cause chain of {@code failure}, or null. */
  static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
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
}
