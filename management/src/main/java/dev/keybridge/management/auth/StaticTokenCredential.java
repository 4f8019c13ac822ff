package dev.keybridge.management.auth;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import reactor.core.publisher.Mono;

/**
 * A bearer token given as is ({@code keybridge.auth.method=token}). Its expiry is the JWT's {@code
 * exp} when readable, otherwise one hour from each request for it. The token is never shown.
 */
public final class StaticTokenCredential implements TokenCredential {
  private final String token;

  public StaticTokenCredential(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("keybridge.auth.token: empty token");
    }
    this.token = token.trim();
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    return Mono.fromSupplier(() -> getTokenSync(request));
  }

  @Override
  public AccessToken getTokenSync(TokenRequestContext request) {
    return new AccessToken(
        token, BearerTokens.expiry(token, OffsetDateTime.now().plus(Duration.ofHours(1))));
  }

  @Override
  public String toString() {
    return "StaticTokenCredential{token=***}";
  }
}
