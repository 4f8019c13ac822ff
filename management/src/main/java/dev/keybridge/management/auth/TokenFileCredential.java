package dev.keybridge.management.auth;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.OffsetDateTime;
import reactor.core.publisher.Mono;

/**
 * A bearer token read from a file ({@code keybridge.auth.method=token-file}), such as a token that
 * a sidecar refreshes. The file is read again whenever its modification time or size changes; an
 * opaque (non-JWT) token is reported as expiring within a minute so that azure-core asks again soon
 * and a rotated file is picked up.
 */
public final class TokenFileCredential implements TokenCredential {
  private static final Duration OPAQUE_TOKEN_LIFETIME = Duration.ofMinutes(1);

  private final Path file;
  private FileTime readModified;
  private long readSize = -1;
  private String token;

  public TokenFileCredential(Path file) {
    this.file = file;
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    return Mono.fromCallable(() -> getTokenSync(request));
  }

  @Override
  public AccessToken getTokenSync(TokenRequestContext request) {
    String current = currentToken();
    return new AccessToken(
        current, BearerTokens.expiry(current, OffsetDateTime.now().plus(OPAQUE_TOKEN_LIFETIME)));
  }

  /** The file's token, re-read only when the file changed since the last read. */
  synchronized String currentToken() {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (token == null
          || !attributes.lastModifiedTime().equals(readModified)
          || attributes.size() != readSize) {
        String read = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (read.isEmpty()) {
          throw new ClientAuthenticationException(
              "keybridge.auth.token-file: the token file " + file + " is empty", null);
        }
        token = read;
        readModified = attributes.lastModifiedTime();
        readSize = attributes.size();
      }
      return token;
    } catch (IOException e) {
      throw new ClientAuthenticationException(
          "keybridge.auth.token-file: cannot read the token file " + file + ": " + e, null, e);
    }
  }

  @Override
  public String toString() {
    return "TokenFileCredential{file=" + file + "}";
  }
}
