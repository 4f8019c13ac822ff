package dev.keybridge.management.auth;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.util.BinaryData;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import reactor.core.publisher.Mono;

/**
 * The Key Vault challenge protocol as the Azure SDK's own credential policy does it:
 *
 * <ol>
 *   <li>The first request to an authority (host:port) goes out without body and without token.
 *   <li>The vault answers 401 with {@code WWW-Authenticate: Bearer authorization="...",
 *       resource="..."}; the challenge is parsed and, for any host that is not loopback, its
 *       resource must be the vault's own domain.
 *   <li>A token is obtained for {@code resource/.default} in the challenge's tenant, the body is
 *       put back and the request is sent again.
 *   <li>The challenge is cached per authority; later requests carry a token at once. A later 401
 *       challenge (expired or revoked token) refreshes the token and resends once.
 * </ol>
 *
 * Tokens are cached per (scope, tenant, claims) and renewed shortly before they expire.
 */
public final class KeyVaultChallengePolicy extends BearerTokenAuthenticationPolicy {
  private static final String STASHED_BODY = "keybridge-stashed-body";
  private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(2);

  private final TokenCredential credential;
  private final ConcurrentMap<String, VaultChallenge> challenges;
  private final ConcurrentMap<VaultChallenge, CachedToken> tokens = new ConcurrentHashMap<>();

  public KeyVaultChallengePolicy(TokenCredential credential) {
    this(credential, new ConcurrentHashMap<>());
  }

  /**
   * A policy whose challenge cache (authority to challenge; no token, no secret in it) is shared
   * with other policies of the same connection, so that a new credential on a known vault needs no
   * new challenge round trip. Tokens stay per policy, i.e. per credential.
   */
  public KeyVaultChallengePolicy(
      TokenCredential credential, ConcurrentMap<String, VaultChallenge> sharedChallenges) {
    super(Objects.requireNonNull(credential, "credential"));
    this.credential = credential;
    this.challenges = Objects.requireNonNull(sharedChallenges, "sharedChallenges");
  }

  @Override
  public Mono<Void> authorizeRequest(HttpPipelineCallContext context) {
    HttpRequest request = context.getHttpRequest();
    VaultChallenge challenge = challenges.get(authority(request.getUrl()));
    if (challenge == null) {
      stashBody(context);
      return Mono.empty();
    }
    return token(challenge, null).doOnNext(token -> setBearer(request, token)).then();
  }

  /**
   * The synchronous path of every private-key operation: with the vault's challenge and a fresh
   * token cached (every request but the first few), the header is set on this thread without a
   * reactive chain; otherwise it takes the same path as {@link #authorizeRequest}.
   */
  @Override
  public void authorizeRequestSync(HttpPipelineCallContext context) {
    HttpRequest request = context.getHttpRequest();
    VaultChallenge challenge = challenges.get(authority(request.getUrl()));
    AccessToken cached = challenge == null ? null : freshToken(challenge, null);
    if (cached != null) {
      setBearer(request, cached);
      return;
    }
    authorizeRequest(context).block();
  }

  @Override
  public Mono<Boolean> authorizeRequestOnChallenge(
      HttpPipelineCallContext context, HttpResponse response) {
    return Mono.defer(
        () -> {
          HttpRequest request = context.getHttpRequest();
          VaultChallenge challenge =
              VaultChallenge.parse(
                  response.getHeaderValue(HttpHeaderName.WWW_AUTHENTICATE),
                  request.getUrl().getHost());
          String authority = authority(request.getUrl());
          if (challenge == null) {
            challenge = challenges.get(authority);
            if (challenge == null) {
              return Mono.just(false);
            }
          }
          challenges.put(authority, challenge);
          restoreBody(context);
          String rejected = bearerOf(request);
          return token(challenge, rejected)
              .map(
                  token -> {
                    setBearer(request, token);
                    return true;
                  });
        });
  }

  @Override
  public boolean authorizeRequestOnChallengeSync(
      HttpPipelineCallContext context, HttpResponse response) {
    return Boolean.TRUE.equals(authorizeRequestOnChallenge(context, response).block());
  }

  /** A cached token still fresh and not the one the vault just rejected, else a new one. */
  private Mono<AccessToken> token(VaultChallenge challenge, String rejected) {
    AccessToken cached = freshToken(challenge, rejected);
    if (cached != null) {
      return Mono.just(cached);
    }
    TokenRequestContext request =
        new TokenRequestContext()
            .addScopes(challenge.scope())
            .setTenantId(challenge.tenantId())
            .setCaeEnabled(true);
    if (challenge.claims() != null) {
      request.setClaims(challenge.claims());
    }
    return credential
        .getToken(request)
        .switchIfEmpty(
            Mono.error(() -> new IllegalStateException("the credential returned no token")))
        .doOnNext(token -> tokens.put(challenge, new CachedToken(token, OffsetDateTime.now())));
  }

  /** The cached token of the challenge if still fresh and not the rejected one, else null. */
  private AccessToken freshToken(VaultChallenge challenge, String rejected) {
    CachedToken cached = tokens.get(challenge);
    if (cached == null
        || !cached.isFresh()
        || (rejected != null && rejected.equals(cached.token.getToken()))) {
      return null;
    }
    return cached.token;
  }

  private static void setBearer(HttpRequest request, AccessToken token) {
    request.setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + token.getToken());
  }

  private static String bearerOf(HttpRequest request) {
    String header = request.getHeaders().getValue(HttpHeaderName.AUTHORIZATION);
    return header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
  }

  private static void stashBody(HttpPipelineCallContext context) {
    HttpRequest request = context.getHttpRequest();
    if (context.getData(STASHED_BODY).isPresent()) {
      return; // a retry of the body-less first request: the original body is already stashed
    }
    BinaryData body = request.getBodyAsBinaryData();
    if (body != null) {
      context.setData(STASHED_BODY, body);
      request.setBody(new byte[0]);
    }
  }

  private static void restoreBody(HttpPipelineCallContext context) {
    context
        .getData(STASHED_BODY)
        .ifPresent(
            body -> {
              context.getHttpRequest().setBody((BinaryData) body);
              context.setData(STASHED_BODY, null);
            });
  }

  private static String authority(URL url) {
    return url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort();
  }

  /** A token and the instant from which it is renewed (computed once, checked per request). */
  private record CachedToken(AccessToken token, Instant renewAt) {
    CachedToken(AccessToken token, OffsetDateTime fetchedAt) {
      this(token, renewAt(token.getExpiresAt(), fetchedAt));
    }

    private static Instant renewAt(OffsetDateTime expires, OffsetDateTime fetchedAt) {
      Duration lifetime = Duration.between(fetchedAt, expires);
      Duration margin =
          lifetime.compareTo(REFRESH_BEFORE_EXPIRY.multipliedBy(2)) < 0
              ? lifetime.dividedBy(2)
              : REFRESH_BEFORE_EXPIRY;
      return expires.minus(margin).toInstant();
    }

    boolean isFresh() {
      return Instant.now().isBefore(renewAt);
    }
  }
}
