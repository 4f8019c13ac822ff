package dev.keybridge.management.http;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.time.Duration;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * One deadline per vault operation ({@code keybridge.http.timeout}), covering every attempt,
 * back-off, token request and a stalled response. When it passes, the attempt in flight is
 * cancelled (its okhttp call with it), the caller's thread is released and the operation fails with
 * a {@link VaultDeadlineExceededException} naming the URL, the attempts and the last cause.
 *
 * <p>A caller never waits much longer than the deadline, whatever the socket does.
 */
public final class DeadlinePolicy implements HttpPipelinePolicy {
  private final Duration timeout;

  public DeadlinePolicy(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    return Mono.defer(
        () -> {
          VaultOperation operation = VaultOperation.start(context, timeout);
          return next.process()
              .timeout(timeout, Mono.error(() -> VaultDeadlineExceededException.of(operation)));
        });
  }

  /**
   * Synchronous calls stay on the caller's thread: the retry policy never sleeps past the deadline,
   * and {@link DispatchedHttpClient} waits for each attempt's answer at most until the deadline,
   * cancelling the call when it passes.
   */
  @Override
  public HttpResponse processSync(
      HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    VaultOperation.start(context, timeout);
    return next.processSync();
  }

  @Override
  public HttpPipelinePosition getPipelinePosition() {
    return HttpPipelinePosition.PER_CALL;
  }
}
