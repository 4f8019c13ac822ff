package dev.keybridge.management.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

/** Reads the expiry of a bearer token when it is a JWT; never logs or returns the token. */
final class BearerTokens {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BearerTokens() {}

  /**
   * The {@code exp} claim of a JWT, or {@code fallback} when the token is opaque or has none. The
   * signature is not checked: the vault checks it, this only schedules a refresh.
   */
  static OffsetDateTime expiry(String token, OffsetDateTime fallback) {
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      return fallback;
    }
    try {
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      JsonNode exp = claims.get("exp");
      if (exp != null && exp.canConvertToLong()) {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(exp.asLong()), ZoneOffset.UTC);
      }
    } catch (Exception notAJwt) {
      // An opaque token: the fallback applies.
    }
    return fallback;
  }
}
