package dev.keybridge.localvault.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.auth.Principal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One parsed request as handlers see it: method, decoded path segments, path parameters of the
 * matched route, query parameters, selected headers, the body (read by the pipeline, at most 1
 * MiB), the authenticated {@link Principal} and the instant it was received (from the vault's
 * clock).
 */
public final class VaultRequest {
  private static final java.util.regex.Pattern HOST =
      java.util.regex.Pattern.compile(
          "^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]{2,45}\\])(?::\\d{1,5})?$");
  private final String method;
  private final String path;
  private final List<String> segments;
  private final Map<String, String> query;
  private final Map<String, List<String>> headers;
  private final InetSocketAddress remote;
  private final Instant receivedAt;
  private Map<String, String> pathParams = Map.of();
  private Principal principal;
  private byte[] body = new byte[0];
  private RequestBody json;

  VaultRequest(
      String method,
      String path,
      List<String> segments,
      Map<String, String> query,
      Map<String, List<String>> headers,
      InetSocketAddress remote,
      Instant receivedAt) {
    this.method = method;
    this.path = path;
    this.segments = segments;
    this.query = query;
    this.headers = headers;
    this.remote = remote;
    this.receivedAt = receivedAt;
  }

  /** Upper-case HTTP method. */
  public String method() {
    return method;
  }

  /** The raw path without query string (as logged). */
  public String path() {
    return path;
  }

  /**
   * Decoded path segments without the leading empty one; an empty segment stays (empty version).
   */
  public List<String> segments() {
    return segments;
  }

  /** A path parameter of the matched route, e.g. {@code name}; "" for an empty optional segment. */
  public String pathParam(String name) {
    String v = pathParams.get(name);
    if (v == null) {
      throw new IllegalArgumentException("route has no path parameter " + name);
    }
    return v;
  }

  /** A decoded query parameter (first occurrence), or null. */
  public String query(String name) {
    return query.get(name);
  }

  public Map<String, String> queryParameters() {
    return query;
  }

  /** The first value of a header (case-insensitive name), or null. */
  public String header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  /**
   * {@code https://host[:port]} from the Host header: the base of every id the vault returns (the
   * pipeline has refused malformed Host headers).
   */
  public String baseUrl() {
    String host = header("Host");
    if (host == null || host.isBlank()) {
      host = "localhost";
    }
    return "https://" + host.trim().toLowerCase(Locale.ROOT);
  }

  /** Whether a Host header value is a host name or IP literal with an optional port. */
  static boolean isValidHost(String host) {
    return host == null || HOST.matcher(host.trim()).matches();
  }

  public InetSocketAddress remoteAddress() {
    return remote;
  }

  /** When the request arrived, on the vault's clock. */
  public Instant receivedAt() {
    return receivedAt;
  }

  /** The authenticated caller, or null on anonymous (identity) routes. */
  public Principal principal() {
    return principal;
  }

  /** The raw body bytes (empty when none). */
  public byte[] body() {
    return body;
  }

  public boolean hasBody() {
    return body.length > 0;
  }

  /**
   * The body as a JSON object.
   *
   * @throws VaultError 400 BadParameter when the body is empty, not JSON, or not an object
   */
  public RequestBody json() {
    if (json == null) {
      if (body.length == 0) {
        throw VaultError.badParameter("The request body is required.");
      }
      JsonNode node;
      try {
        node = Json.parse(body);
      } catch (IOException | RuntimeException e) {
        throw VaultError.badParameter("The request body is not valid JSON.");
      }
      if (node == null || !node.isObject()) {
        throw VaultError.badParameter("The request body must be a JSON object.");
      }
      json = new RequestBody((ObjectNode) node, "");
    }
    return json;
  }

  /** The body as JSON, or an empty object when there is no body. */
  public RequestBody jsonOrEmpty() {
    return hasBody() ? json() : new RequestBody(Json.object(), "");
  }

  void pathParams(Map<String, String> params) {
    this.pathParams = params;
  }

  void principal(Principal p) {
    this.principal = p;
  }

  void body(byte[] b) {
    this.body = b;
  }
}
