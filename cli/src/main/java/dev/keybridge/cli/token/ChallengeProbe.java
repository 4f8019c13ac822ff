package dev.keybridge.cli.token;

import dev.keybridge.management.auth.VaultChallenge;
import dev.keybridge.management.auth.VaultChallengeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * What a vault answers a request without a token: {@code 401} with {@code WWW-Authenticate: Bearer
 * authorization="https://login.../TENANT", resource="https://vault.azure.net"}. It tells the token
 * audience (vault or Managed HSM) and the tenant, with no credential at all. The header is parsed
 * by management's {@link VaultChallenge}, the parser the client pipeline uses.
 *
 * @param status the HTTP status of the unauthenticated {@code GET /keys}
 * @param challenge the parsed Bearer challenge, or null when there is none
 * @param problem why the challenge was refused (malformed, or its resource does not match the
 *     vault's host), or null
 */
public record ChallengeProbe(int status, VaultChallenge challenge, String problem) {

  /** True when the answer was a Bearer challenge with the fields a token request needs. */
  public boolean isBearerChallenge() {
    return status == 401 && challenge != null;
  }

  /** The tenant: the first path segment of the authorization URI. */
  public Optional<String> tenant() {
    return challenge == null ? Optional.empty() : Optional.of(challenge.tenantId());
  }

  /** The token scope for this vault: {@code resource + "/.default"}. */
  public String scope() {
    return challenge.scope();
  }

  /** The token audience, e.g. {@code https://vault.azure.net}. */
  public String resource() {
    return challenge.resource();
  }

  /**
   * Sends {@code GET {vault}/keys?api-version=7.5} without credentials and reads the challenge.
   *
   * @throws IOException when the vault cannot be reached (the message says why)
   */
  public static ChallengeProbe probe(URI vaultUrl, SSLContext sslContext, Duration timeout)
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
    return of(response.statusCode(), header, vaultUrl.getHost());
  }

  static ChallengeProbe of(int status, String header, String host) {
    try {
      return new ChallengeProbe(status, VaultChallenge.parse(header, host), null);
    } catch (VaultChallengeException e) {
      return new ChallengeProbe(status, null, e.getMessage());
    }
  }
}
