package dev.keybridge.management.http;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import java.util.Objects;
import java.util.concurrent.Semaphore;
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

  @Override
  public HttpResponse sendSync(HttpRequest request, Context context) {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a connection", e);
    }
    try {
      return delegate.sendSync(request, eager(context));
    } finally {
      permits.release();
    }
  }

  private static Context eager(Context context) {
    return (context == null ? Context.NONE : context).addData(EAGERLY_READ, true);
  }
}
