package dev.keybridge.localvault.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Compact JWS (RFC 7515) with RS256: building, splitting, verifying. */
public final class Jwt {
  private Jwt() {}

  /** A split compact JWS. {@code signingInput} is the ASCII of {@code header.payload}. */
  public record Parsed(
      ObjectNode header, ObjectNode payload, byte[] signingInput, byte[] signature) {
    public String alg() {
      JsonNode a = header.get("alg");
      return a == null ? null : a.asText();
    }
  }

  /** Signs {@code header.payload} with RS256 and returns the compact serialization. */
  public static String signRs256(ObjectNode header, ObjectNode payload, PrivateKey key) {
    String input = Json.b64url(Json.bytes(header)) + "." + Json.b64url(Json.bytes(payload));
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(key);
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + Json.b64url(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RS256 signing failed", e);
    }
  }

  /**
   * Splits a compact JWS into decoded parts without checking the signature.
   *
   * @throws IllegalArgumentException when it is not three base64url parts with JSON objects
   */
  public static Parsed parse(String compact) {
    if (compact == null || compact.length() > 64 * 1024) {
      throw new IllegalArgumentException("not a compact JWS");
    }
    String[] parts = compact.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("a JWS has three dot-separated parts");
    }
    try {
      JsonNode header = Json.parse(Json.fromB64url(parts[0]));
      JsonNode payload = Json.parse(Json.fromB64url(parts[1]));
      if (header == null || !header.isObject() || payload == null || !payload.isObject()) {
        throw new IllegalArgumentException("JWS header and payload must be JSON objects");
      }
      byte[] sig = Json.fromB64url(parts[2]);
      return new Parsed(
          (ObjectNode) header,
          (ObjectNode) payload,
          (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
          sig);
    } catch (IOException e) {
      throw new IllegalArgumentException("JWS parts are not JSON");
    }
  }

  /** Verifies an RS256 signature of a parsed JWS. */
  public static boolean verifyRs256(Parsed jws, PublicKey key) {
    if (!"RS256".equals(jws.alg())) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initVerify(key);
      s.update(jws.signingInput());
      return s.verify(jws.signature());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
