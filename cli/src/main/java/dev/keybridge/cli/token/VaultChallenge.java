package dev.keybridge.cli.token;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * What a vault says to a request without a token: {@code 401} with {@code WWW-Authenticate: Bearer
 * authorization="https://login.../TENANT", resource="https://vault.azure.net"}. It tells the token
 * audience (vault or Managed HSM) and the tenant, with no credential at all.
 *
 * @param status the HTTP status of the unauthenticated {@code GET /keys}
 * @param authorization the {@code authorization} (or {@code authorization_uri}) parameter, or null
 * @param resource the {@code resource} parameter (or {@code scope} without {@code /.default}), or
 *     null
 */
public record VaultChallenge(int status, String authorization, String resource) {
  private static final Pattern PARAMETER = Pattern.compile("([A-Za-z_]+)\\s*=\\s*\"([^\"]*)\"");

  /** True when the answer was a Bearer challenge with the fields a token request needs. */
  public boolean isBearerChallenge() {
    return status == 401 && authorization != null && resource != null;
  }

  /** The tenant: the first path segment of the authorization URI. */
  public Optional<String> tenant() {
    if (authorization == null) {
      return Optional.empty();
    }
    String path = URI.create(authorization).getPath();
    String[] segments = path == null ? new String[0] : path.split("/");
    return segments.length > 1 ? Optional.of(segments[1]) : Optional.empty();
  }

  /** The token scope for this vault: {@code resource + "/.default"}. */
  public String scope() {
    return resource + "/.default";
  }

  /**
   * Sends {@code GET {vault}/keys?api-version=7.5} without credentials and reads the challenge.
   *
   * @throws IOException when the vault cannot be reached (the message says why)
   */
  public static VaultChallenge probe(URI vaultUrl, SSLContext sslContext, Duration timeout)
      throws IOException {
    HttpClient client =
        HttpClient.newBuilder().sslContext(sslContext).connectTimeout(timeout).build();
    HttpRequest request =
        HttpRequest.newBuilder(vaultUrl.resolve("/keys?api-version=7.5"))
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<Void> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while probing " + vaultUrl, e);
    }
    String header = response.headers().firstValue("WWW-Authenticate").orElse(null);
    return parse(response.statusCode(), header);
  }

  /** Parses a {@code WWW-Authenticate} header (values must be quoted, as Azure sends them). */
  static VaultChallenge parse(int status, String header) {
    if (header == null || !header.trim().toLowerCase(Locale.ROOT).startsWith("bearer")) {
      return new VaultChallenge(status, null, null);
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    Matcher matcher = PARAMETER.matcher(header);
    while (matcher.find()) {
      parameters.put(matcher.group(1).toLowerCase(Locale.ROOT), matcher.group(2));
    }
    String authorization =
        parameters.getOrDefault("authorization", parameters.get("authorization_uri"));
    String resource = parameters.get("resource");
    if (resource == null && parameters.containsKey("scope")) {
      resource = parameters.get("scope").replaceFirst("/\\.default$", "");
    }
    return new VaultChallenge(status, authorization, resource);
  }
}
