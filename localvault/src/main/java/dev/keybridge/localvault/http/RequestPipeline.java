package dev.keybridge.localvault.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.auth.Principal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one dispatch point of the vault: every request passes through {@link #handle} in this order:
 * interceptors, path parsing, routing, api-version check, authentication (401 with the challenge),
 * 404/405, body read (at most 1 MiB), authorization (403 ForbiddenByRbac), the route handler, error
 * rendering, the access-log line and the latency measurement. Nothing is processed for a request
 * without a valid token except the anonymous identity routes.
 */
public final class RequestPipeline implements HttpHandler {
  /** Largest accepted request body. */
  public static final int MAX_BODY_BYTES = 1 << 20;

  /** How much of an oversized body is read and discarded before answering 413. */
  private static final long DRAIN_LIMIT = 8L << 20;

  private static final System.Logger LOG = System.getLogger(RequestPipeline.class.getName());

  private final Router router;
  private final Authenticator authenticator;
  private final AccessLogWriter accessLog;
  private final Clock clock;
  private final List<RequestInterceptor> interceptors = new CopyOnWriteArrayList<>();

  public RequestPipeline(
      Router router, Authenticator authenticator, AccessLogWriter accessLog, Clock clock) {
    this.router = router;
    this.authenticator = authenticator;
    this.accessLog = accessLog;
    this.clock = clock;
  }

  /** Adds an interceptor (fault injection, observation); applies to the next request. */
  public void addInterceptor(RequestInterceptor interceptor) {
    interceptors.add(interceptor);
  }

  public void removeInterceptor(RequestInterceptor interceptor) {
    interceptors.remove(interceptor);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String rawPath = exchange.getRequestURI().getRawPath();
    String logPath = rawPath == null ? "" : rawPath;
    VaultRequest request = null;
    VaultResponse response;
    try {
      request = parse(exchange, method, logPath);
      response = dispatch(request);
    } catch (VaultError e) {
      response = VaultResponse.error(e);
    } catch (RuntimeException e) {
      response = internalError(method, logPath, e);
    }
    if (request != null) {
      for (RequestInterceptor i : interceptors) {
        response = i.afterHandling(request, response);
      }
    }
    // Logged before sending, so a client that has the response also finds its log line.
    double latencyMs = (System.nanoTime() - start) / 1e6;
    Principal p = request == null ? null : request.principal();
    String client = p != null ? p.clientId() : clientOfTokenRequest(request);
    accessLog.write(
        clock.instant(),
        method,
        logPath,
        response.isDrop() ? 0 : response.status(),
        latencyMs,
        response.errorCode(),
        client,
        conn(exchange.getRemoteAddress()));
    send(exchange, response);
  }

  private VaultResponse dispatch(VaultRequest request) {
    for (RequestInterceptor i : interceptors) {
      VaultResponse r = i.beforeHandling(request);
      if (r != null) {
        return r;
      }
    }
    Router.Resolution res = router.resolve(request.method(), request.segments());
    boolean anonymous = res.found() && res.route().anonymous();
    if (!anonymous) {
      ApiVersions.check(request.query("api-version"));
      String authorization = request.header("Authorization");
      if (authorization == null || authorization.isBlank()) {
        return unauthorized("AKV10000: Request is missing a Bearer or PoP token.");
      }
      try {
        request.principal(authenticator.authenticate(authorization));
      } catch (VaultError e) {
        if (e.status() == 401) {
          return unauthorized(e.getMessage());
        }
        throw e;
      }
    }
    if (!res.found()) {
      if (res.methodNotAllowed()) {
        return VaultResponse.error(
                405,
                "MethodNotAllowed",
                null,
                "The HTTP method '"
                    + request.method()
                    + "' is not supported by this resource; allowed: "
                    + String.join(", ", res.allowedMethods())
                    + ".")
            .header("Allow", String.join(", ", res.allowedMethods()));
      }
      return VaultResponse.error(
          404, "NotFound", null, "The requested resource '" + request.path() + "' does not exist.");
    }
    request.pathParams(res.params());
    if (!anonymous) {
      Principal p = request.principal();
      if (!p.role().allows(res.route().dataAction())) {
        throw VaultError.forbidden(
            "ForbiddenByRbac",
            "Caller is not authorized to perform action on resource. Caller: appid="
                + p.clientId()
                + "; role="
                + p.role().azureName()
                + "; Action: '"
                + res.route().dataAction()
                + "'; Resource: '"
                + request.path()
                + "'.");
      }
    }
    return res.route().handler().handle(request);
  }

  private VaultResponse unauthorized(String message) {
    return VaultResponse.error(401, "Unauthorized", null, message)
        .header("WWW-Authenticate", authenticator.challenge());
  }

  private VaultRequest parse(HttpExchange exchange, String method, String rawPath)
      throws IOException {
    String cl = exchange.getRequestHeaders().getFirst("Content-Length");
    if (cl != null) {
      long length;
      try {
        length = Long.parseLong(cl.trim());
      } catch (NumberFormatException e) {
        throw VaultError.badParameter("The Content-Length header is invalid.");
      }
      if (length > MAX_BODY_BYTES) {
        drain(exchange);
        throw tooLarge();
      }
    }
    // The body is always consumed (at most 1 MiB) before answering, whatever the answer, so the
    // connection stays usable for the next request of a keep-alive client.
    byte[] body = readBody(exchange);
    List<String> segments = PathSegments.decode(rawPath);
    Map<String, String> query = PathSegments.decodeQuery(exchange.getRequestURI().getRawQuery());
    VaultRequest request =
        new VaultRequest(
            method,
            rawPath,
            segments,
            query,
            new LinkedHashMap<>(exchange.getRequestHeaders()),
            exchange.getRemoteAddress(),
            Instant.now(clock));
    request.body(body);
    if (!VaultRequest.isValidHost(request.header("Host"))) {
      throw VaultError.badParameter("The Host header is invalid.");
    }
    return request;
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    InputStream in = exchange.getRequestBody();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int n;
    while ((n = in.read(chunk)) > 0) {
      buf.write(chunk, 0, n);
      if (buf.size() > MAX_BODY_BYTES) {
        drain(exchange);
        throw tooLarge();
      }
    }
    return buf.toByteArray();
  }

  /**
   * Discards up to {@link #DRAIN_LIMIT} more bytes of an oversized body without keeping them, so a
   * client that is still sending can read the 413; beyond that the connection is simply closed (413
   * responses always carry {@code Connection: close}).
   */
  private static void drain(HttpExchange exchange) {
    byte[] sink = new byte[16384];
    long total = 0;
    try (InputStream in = exchange.getRequestBody()) {
      int n;
      while (total < DRAIN_LIMIT && (n = in.read(sink)) > 0) {
        total += n;
      }
    } catch (IOException e) {
      // the client went away; nothing to drain
    }
  }

  private static VaultError tooLarge() {
    return new VaultError(
        413,
        "RequestBodyTooLarge",
        null,
        "The request body exceeds the maximum size of " + MAX_BODY_BYTES + " bytes.");
  }

  private static VaultResponse internalError(String method, String path, RuntimeException e) {
    String id = UUID.randomUUID().toString();
    LOG.log(
        Level.ERROR,
        "Unexpected failure handling " + method + " " + path + " (request id " + id + ")",
        e);
    return VaultResponse.error(
        500, "InternalError", null, "The local vault failed unexpectedly (request id " + id + ").");
  }

  private static void send(HttpExchange exchange, VaultResponse response) throws IOException {
    try (exchange) {
      if (response.isDrop()) {
        return;
      }
      var headers = exchange.getResponseHeaders();
      headers.set("x-ms-request-id", UUID.randomUUID().toString());
      headers.set("Cache-Control", "no-cache");
      String clientRequestId = exchange.getRequestHeaders().getFirst("x-ms-client-request-id");
      if (clientRequestId != null && clientRequestId.length() <= 128) {
        headers.set("x-ms-client-request-id", clientRequestId);
      }
      for (Map.Entry<String, String> h : response.headers().entrySet()) {
        headers.set(h.getKey(), h.getValue());
      }
      if (response.status() == 413) {
        headers.set("Connection", "close");
      }
      byte[] body = response.body();
      if (response.contentType() != null) {
        headers.set("Content-Type", response.contentType());
      }
      boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
      if (!noBody) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  private static String conn(InetSocketAddress remote) {
    if (remote == null) {
      return null;
    }
    String host =
        remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return host + ":" + remote.getPort();
  }

  /** The client_id of a token request (not secret), so identity calls are attributed in the log. */
  private static String clientOfTokenRequest(VaultRequest request) {
    if (request == null || !request.path().endsWith("/token") || !request.hasBody()) {
      return null;
    }
    String form = new String(request.body(), StandardCharsets.UTF_8);
    for (String pair : form.split("&")) {
      if (pair.startsWith("client_id=")) {
        try {
          String v = PathSegments.percentDecode(pair.substring("client_id=".length()), true);
          return v.length() <= 128 ? v : null;
        } catch (VaultError e) {
          return null;
        }
      }
    }
    return null;
  }
}
