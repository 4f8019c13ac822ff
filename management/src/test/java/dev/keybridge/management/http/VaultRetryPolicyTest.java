package dev.keybridge.management.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.security.cert.CertPathBuilderException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The retry rules of one class: verdicts, back-off bounds, Retry-After parsing and cap. */
class VaultRetryPolicyTest {
  private final VaultRetryPolicy policy =
      new VaultRetryPolicy(3, Duration.ofMillis(800), Duration.ofSeconds(8), Duration.ofSeconds(1));

  @Test
  void whatIsRetriedAndWhatNever() {
    assertThat(RetryConditions.verdict(new SocketException("Connection reset")))
        .isEqualTo(RetryConditions.Verdict.RETRY);
    assertThat(RetryConditions.verdict(new SocketTimeoutException("timeout")))
        .isEqualTo(RetryConditions.Verdict.RETRY);
    assertThat(RetryConditions.verdict(new ConnectException("Connection refused")))
        .isEqualTo(RetryConditions.Verdict.RETRY_WHILE_CONNECTING);
    SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
    untrusted.initCause(new CertPathBuilderException("unable to find valid certification path"));
    assertThat(RetryConditions.verdict(untrusted)).isEqualTo(RetryConditions.Verdict.FAIL);
    assertThat(RetryConditions.verdict(new SSLPeerUnverifiedException("Hostname not verified")))
        .isEqualTo(RetryConditions.Verdict.FAIL);
    assertThat(RetryConditions.verdict(new UnknownHostException("vault.invalid")))
        .isEqualTo(RetryConditions.Verdict.FAIL);
    SSLHandshakeException closedMidHandshake =
        new SSLHandshakeException("Remote host terminated the handshake");
    closedMidHandshake.initCause(new java.io.EOFException("SSL peer shut down incorrectly"));
    assertThat(RetryConditions.verdict(closedMidHandshake))
        .isEqualTo(RetryConditions.Verdict.RETRY);
    assertThat(
            RetryConditions.verdict(
                new SSLHandshakeException("Received fatal alert: protocol_version")))
        .isEqualTo(RetryConditions.Verdict.FAIL);
    assertThat(RetryConditions.verdict(new IllegalStateException("bug")))
        .isEqualTo(RetryConditions.Verdict.FAIL);
    for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
      assertThat(RetryConditions.isRetryableStatus(status)).as("%d", status).isTrue();
    }
    for (int status : new int[] {200, 400, 401, 403, 404, 409, 501}) {
      assertThat(RetryConditions.isRetryableStatus(status)).as("%d", status).isFalse();
    }
  }

  @Test
  void backoffGrowsExponentiallyWithJitterUpToTheMaximum() {
    for (int i = 0; i < 200; i++) {
      assertThat(policy.backoff(0).toMillis()).isBetween(400L, 800L);
      assertThat(policy.backoff(1).toMillis()).isBetween(800L, 1600L);
      assertThat(policy.backoff(2).toMillis()).isBetween(1600L, 3200L);
      assertThat(policy.backoff(9).toMillis()).isBetween(4000L, 8000L);
    }
  }

  @Test
  void retryAfterIsHonouredInEachFormAndCapped() {
    assertThat(policy.retryAfter(response("Retry-After", "2"))).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.retryAfter(response("retry-after-ms", "150")))
        .isEqualTo(Duration.ofMillis(150));
    assertThat(policy.retryAfter(response("x-ms-retry-after-ms", "40")))
        .isEqualTo(Duration.ofMillis(40));
    assertThat(policy.retryAfter(response("Retry-After", "3600")))
        .as("capped at keybridge.retry.max-delay")
        .isEqualTo(Duration.ofSeconds(8));
    assertThat(policy.retryAfter(response("Retry-After", "soon"))).isNull();
    assertThat(policy.retryAfter(response("Other", "1"))).isNull();
  }

  private static HttpResponse response(String header, String value) {
    HttpRequest request = new HttpRequest(HttpMethod.GET, "https://localhost:1/keys");
    HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.fromString(header), value);
    return new HttpResponse(request) {
      @Override
      public int getStatusCode() {
        return 429;
      }

      @Override
      @Deprecated
      public String getHeaderValue(String name) {
        return headers.getValue(HttpHeaderName.fromString(name));
      }

      @Override
      public String getHeaderValue(HttpHeaderName name) {
        return headers.getValue(name);
      }

      @Override
      public HttpHeaders getHeaders() {
        return headers;
      }

      @Override
      public Flux<ByteBuffer> getBody() {
        return Flux.empty();
      }

      @Override
      public Mono<byte[]> getBodyAsByteArray() {
        return Mono.empty();
      }

      @Override
      public Mono<String> getBodyAsString() {
        return Mono.empty();
      }

      @Override
      public Mono<String> getBodyAsString(Charset charset) {
        return Mono.empty();
      }
    };
  }
}
