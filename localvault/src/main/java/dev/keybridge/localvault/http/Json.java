package dev.keybridge.localvault.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;

/** The one JSON configuration of the server: strict parsing, bounded nesting, base64url helpers. */
public final class Json {
  private Json() {}

  /** Strict mapper: duplicate keys and trailing tokens are errors; nesting at most 64 deep. */
  public static final ObjectMapper MAPPER = newMapper();

  private static ObjectMapper newMapper() {
    JsonMapper m =
        JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    m.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(64).maxNumberLength(64).build());
    return m;
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Serializes to UTF-8 bytes. */
  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON serialization failed", e);
    }
  }

  /** Parses bytes into a tree; malformed input is an {@link IOException}. */
  public static JsonNode parse(byte[] bytes) throws IOException {
    return MAPPER.readTree(bytes);
  }

  /** base64url without padding (RFC 4648 §5), as Key Vault writes binary fields. */
  public static String b64url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Decodes a binary field as Key Vault does: base64url with or without padding, and also the
   * standard alphabet ({@code +}, {@code /}) that some clients (jsign) send.
   *
   * @throws IllegalArgumentException on characters outside both alphabets or bad length
   */
  public static byte[] fromB64url(String s) {
    return Base64.getUrlDecoder().decode(s.replace('+', '-').replace('/', '_'));
  }
}
