package dev.keybridge.bench;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An in-memory stand-in for a vault at the bottom of the pipeline: a request without a bearer token
 * gets Key Vault's 401 challenge, any other gets the same canned 200 answer. It does no I/O, so a
 * benchmark over it measures only what runs above the HTTP client.
 */
final class CannedVault implements HttpClient {
  private static final String CHALLENGE =
      "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001\","
          + " resource=\"https://vault.azure.net\"";

  private final byte[] answer;

  CannedVault(String answerJson) {
    this.answer = answerJson.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Mono<HttpResponse> send(HttpRequest request) {
    return Mono.just(sendSync(request, Context.NONE));
  }

  @Override
  public HttpResponse sendSync(HttpRequest request, Context context) {
    if (request.getHeaders().getValue(HttpHeaderName.AUTHORIZATION) == null) {
      return new Canned(
          request,
          401,
          new HttpHeaders().set(HttpHeaderName.WWW_AUTHENTICATE, CHALLENGE),
          new byte[0]);
    }
    return new Canned(
        request,
        200,
        new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "application/json"),
        answer);
  }

  /** One answer; its body is already in memory. */
  private static final class Canned extends HttpResponse {
    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;

    Canned(HttpRequest request, int status, HttpHeaders headers, byte[] body) {
      super(request);
      this.status = status;
      this.headers = headers;
      this.body = body;
    }

    @Override
    public int getStatusCode() {
      return status;
    }

    @Override
    @Deprecated
    public String getHeaderValue(String name) {
      return headers.getValue(HttpHeaderName.fromString(name));
    }

    @Override
    public HttpHeaders getHeaders() {
      return headers;
    }

    @Override
    public Flux<ByteBuffer> getBody() {
      return Flux.just(ByteBuffer.wrap(body));
    }

    @Override
    public Mono<byte[]> getBodyAsByteArray() {
      return Mono.just(body);
    }

    @Override
    public BinaryData getBodyAsBinaryData() {
      return BinaryData.fromBytes(body);
    }

    @Override
    public Mono<String> getBodyAsString() {
      return Mono.just(new String(body, StandardCharsets.UTF_8));
    }

    @Override
    public Mono<String> getBodyAsString(Charset charset) {
      return Mono.just(new String(body, charset));
    }
  }
}
