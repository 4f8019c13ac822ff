package dev.keybridge.management.http;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Routes every request, synchronous ones included, through okhttp's dispatcher, and reads each
 * response body inside okhttp's callback.
 *
 * <p>Why: okhttp's {@code ConnectionPool} only caps idle connections, and synchronous calls ({@code
 * Call.execute()}, used by azure-core's {@code sendSync}) bypass the dispatcher. With every call
 * dispatched, at most {@code maxRequestsPerHost} requests are in flight per host, and since a body
 * is read before the dispatcher starts the next call, its connection is back in the pool by then: a
 * vault host never sees more connections than {@code keybridge.http.max-connections}. Key Vault
 * bodies are small JSON documents, so eager reading costs nothing.
 */
final class DispatchedHttpClient implements HttpClient {
  static final String EAGERLY_READ = "azure-eagerly-read-response";

  private final HttpClient delegate;

  DispatchedHttpClient(HttpClient delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public Mono<HttpResponse> send(HttpRequest request) {
    return send(request, Context.NONE);
  }

  @Override
  public Mono<HttpResponse> send(HttpRequest request, Context context) {
    return delegate.send(
        request, (context == null ? Context.NONE : context).addData(EAGERLY_READ, true));
  }

  /**
   * Waits for the answer at most until the deadline of the operation ({@link DeadlinePolicy}), if
   * there is one; when it passes, the okhttp call is cancelled and the caller released with a
   * {@link VaultDeadlineExceededException}.
   */
  @Override
  public HttpResponse sendSync(HttpRequest request, Context context) {
    Mono<HttpResponse> response = send(request, context);
    VaultOperation operation = VaultOperation.find(context);
    if (operation != null) {
      response =
          response.timeout(
              operation.remaining(),
              Mono.error(() -> VaultDeadlineExceededException.of(operation)));
    }
    return response.block();
  }
}
