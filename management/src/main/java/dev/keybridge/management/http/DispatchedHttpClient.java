package dev.keybridge.management.http;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Bounds the requests in flight per configuration to the pool size, synchronous and asynchronous
 * ones together, and reads each response body before the request counts as done.
 *
 * <p>Why: okhttp's {@code ConnectionPool} only caps idle connections, and synchronous calls ({@code
 * Call.execute()}, used by azure-core's {@code sendSync}) bypass the dispatcher's limits. Every
 * request holds one of {@code keybridge.http.max-connections} permits until its body is read, so
 * its connection is back in the pool before another request can start: a vault host never sees more
 * connections than that. Synchronous calls run on the caller's thread (no hand-off to a dispatcher
 * thread and back, which costs a scheduling round trip per private-key operation); asynchronous
 * calls wait for a permit off the caller's thread and then go through okhttp's dispatcher. Key
 * Vault bodies are small JSON documents, so eager reading costs nothing.
 */
final class DispatchedHttpClient implements HttpClient {
  static final String EAGERLY_READ = "azure-eagerly-read-response";
  // azure-core-http-okhttp's per-call response timeout (a Duration in the request's Context)
  static final String RESPONSE_TIMEOUT = "azure-response-timeout";

  private final HttpClient delegate;
  private final Semaphore permits;

  DispatchedHttpClient(HttpClient delegate, int maxInFlight) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.permits = new Semaphore(maxInFlight, true);
  }

  @Override
  public Mono<HttpResponse> send(HttpRequest request) {
    return send(request, Context.NONE);
  }

  @Override
  public Mono<HttpResponse> send(HttpRequest request, Context context) {
    Context eager = eager(context);
    return Mono.using(
            () -> {
              permits.acquire();
              return permits;
            },
            held -> delegate.send(request, eager),
            Semaphore::release)
        .subscribeOn(Schedulers.boundedElastic());
  }

  /**
   * Waits for the answer at most until the deadline of the operation ({@link DeadlinePolicy}), if
   * there is one; when it passes, the okhttp call is cancelled (azure-core-http-okhttp's per-call
   * response timeout) and the caller released with a {@link VaultDeadlineExceededException}.
   */
  @Override
  public HttpResponse sendSync(HttpRequest request, Context context) {
    VaultOperation operation = VaultOperation.find(context);
    Context eager = eager(context);
    if (operation == null) {
      acquire(permits);
      try {
        return delegate.sendSync(request, eager);
      } finally {
        permits.release();
      }
    }
    // on the caller's thread, bounded by what is left of the operation's deadline: waiting for a
    // permit, and the answer through okhttp's per-call response timeout
    Duration remaining = operation.remaining();
    try {
      if (remaining.isNegative()
          || remaining.isZero()
          || !permits.tryAcquire(remaining.toNanos(), TimeUnit.NANOSECONDS)) {
        throw VaultDeadlineExceededException.of(operation);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a connection", e);
    }
    try {
      return delegate.sendSync(request, eager.addData(RESPONSE_TIMEOUT, operation.remaining()));
    } catch (RuntimeException e) {
      if (operation.remaining().isNegative() || operation.remaining().isZero()) {
        VaultDeadlineExceededException exceeded = VaultDeadlineExceededException.of(operation);
        exceeded.addSuppressed(e);
        throw exceeded;
      }
      throw e;
    } finally {
      permits.release();
    }
  }

  private static void acquire(Semaphore permits) {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a connection", e);
    }
  }

  private static Context eager(Context context) {
    return (context == null ? Context.NONE : context).addData(EAGERLY_READ, true);
  }
}
