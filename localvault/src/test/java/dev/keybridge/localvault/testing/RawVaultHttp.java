package dev.keybridge.localvault.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.localvault.LocalVault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Raw HTTPS to a local vault with {@link java.net.http.HttpClient} trusting its CA: for tests of
 * requests the SDK never sends (hostile input, token edge cases) and of status codes and bodies.
 */
public final class RawVaultHttp {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final LocalVault vault;
  private final HttpClient client;

  public RawVaultHttp(LocalVault vault) {
    this.vault = vault;
    this.client =
        HttpClient.newBuilder()
            .sslContext(LocalVaultTrust.sslContext(vault))
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** A response: status, headers, body text, and the body as JSON (null when it is not JSON). */
  public record Response(int status, java.net.http.HttpHeaders headers, String body) {
    public JsonNode json() {
      try {
        return body.isEmpty() ? null : MAPPER.readTree(body);
      } catch (IOException e) {
        return null;
      }
    }

    /** {@code error.code} of a Key Vault error body, or null. */
    public String errorCode() {
      JsonNode j = json();
      return j == null || !j.path("error").isObject()
          ? null
          : j.path("error").path("code").asText(null);
    }

    /** {@code error.innererror.code}, or null. */
    public String innerErrorCode() {
      JsonNode j = json();
      return j == null ? null : j.path("error").path("innererror").path("code").asText(null);
    }
  }

  public HttpClient client() {
    return client;
  }

  /** An access token of the administrator for the vault's resource. */
  public String adminToken() {
    return token(vault.adminClientId(), vault.adminClientSecret(), vault.resource() + "/.default");
  }

  /** A token from the v2 endpoint for {@code scope}; fails when the endpoint refuses. */
  public String token(String clientId, String secret, String scope) {
    Response r = tokenRequest(clientId, secret, scope);
    if (r.status() != 200) {
      throw new IllegalStateException("token request failed: " + r.status() + " " + r.body());
    }
    return r.json().path("access_token").asText();
  }

  /** POSTs a client-credentials form to {@code /{tenant}/oauth2/v2.0/token}. */
  public Response tokenRequest(String clientId, String secret, String scope) {
    String form =
        "grant_type=client_credentials&client_id="
            + enc(clientId)
            + "&client_secret="
            + enc(secret)
            + "&scope="
            + enc(scope);
    HttpRequest req =
        HttpRequest.newBuilder(vault.url().resolve("/" + vault.tenantId() + "/oauth2/v2.0/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return send(req);
  }

  /**
   * Sends {@code method pathAndQuery} (raw, e.g. {@code /keys/k1/?api-version=7.6}) with an
   * optional bearer token and JSON body.
   */
  public Response send(String method, String pathAndQuery, String token, String jsonBody) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(vault.url() + pathAndQuery))
            .timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (jsonBody != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return send(b.build());
  }

  /** Sends any request built on {@link #client()}. */
  public Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
