package dev.keybridge.localvault.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.http.Json;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;

/**
 * JWK member encoding: base64url without padding on output; on input as {@link Json#fromB64url}.
 */
final class Jwk {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private Jwk() {}

  /** The decoded bytes of a base64url member, or null when the member is absent or null. */
  static byte[] bytes(JsonNode jwk, String member) {
    JsonNode node = jwk.get(member);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw VaultError.badParameter("JWK member '" + member + "' must be a base64url string");
    }
    try {
      return Json.fromB64url(node.textValue());
    } catch (IllegalArgumentException e) {
      throw VaultError.badParameter("JWK member '" + member + "' is not valid base64url");
    }
  }

  /** The text of a string member, or null when absent or null. */
  static String text(JsonNode jwk, String member) {
    JsonNode node = jwk.get(member);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw VaultError.badParameter("JWK member '" + member + "' must be a string");
    }
    return node.textValue();
  }

  /** Unsigned big-endian bytes as an integer, or null for null. */
  static BigInteger unsigned(byte[] bytes) {
    return bytes == null ? null : new BigInteger(1, bytes);
  }

  /** Minimal unsigned big-endian bytes (at least one byte). */
  static byte[] unsignedBytes(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      return Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return bytes;
  }

  /** Unsigned big-endian bytes left-padded with zeros to exactly {@code length}. */
  static byte[] unsignedBytes(BigInteger value, int length) {
    byte[] minimal = unsignedBytes(value);
    if (minimal.length > length) {
      throw new IllegalArgumentException("Value does not fit in " + length + " bytes");
    }
    byte[] padded = new byte[length];
    System.arraycopy(minimal, 0, padded, length - minimal.length, minimal.length);
    return padded;
  }

  static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }
}
