package dev.keybridge.management.crypto;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.management.KeyVaultErrors;
import dev.keybridge.management.KeyVaultException;
import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link VaultCrypto} by direct REST calls (api-version {@value #API_VERSION}) over the shared
 * pipeline: exactly one HTTP request per operation once the challenge for the vault is cached (no
 * key GET first, unlike the SDK's CryptographyClient), plus the configured retries. Responses are
 * checked: the {@code kid} names the requested key (and version, when one was given) and the value
 * is present and non-empty. Requests share the pool's permits, so at most {@code
 * keybridge.http.max-connections} are in flight per vault host.
 */
public final class RestVaultCrypto implements VaultCrypto {
  /** The Key Vault REST API version used for every call. */
  public static final String API_VERSION = "7.6";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();

  /** Parsed key ids of the handles in use (a handle signs with the same id every time). */
  private static final int KNOWN_KEY_IDS = 1024;

  private final HttpPipeline pipeline;
  private final URI vaultUrl;
  private final Map<String, KeyId> keyIds = new ConcurrentHashMap<>();

  /**
   * @param pipeline a pipeline with retry and {@code KeyVaultChallengePolicy}
   * @param vaultUrl the vault base URL, used for {@link #randomBytes(int)}
   */
  public RestVaultCrypto(HttpPipeline pipeline, URI vaultUrl) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.vaultUrl = Objects.requireNonNull(vaultUrl, "vaultUrl");
  }

  @Override
  public byte[] sign(String keyId, String algorithm, byte[] digest) {
    KeyId key = keyId("sign", keyId);
    ObjectNode body = JSON.createObjectNode().put("alg", algorithm).put("value", b64(digest));
    JsonNode result = call("sign", key, body);
    byte[] signature = value(result, "sign", key);
    int expected = ecdsaSignatureLength(algorithm);
    if (expected > 0 && signature.length != expected) {
      throw invalid(
          "sign",
          key,
          algorithm + " signature of " + signature.length + " bytes, expected " + expected);
    }
    return signature;
  }

  @Override
  public byte[] decrypt(String keyId, String algorithm, byte[] ciphertext) {
    KeyId key = keyId("decrypt", keyId);
    ObjectNode body = JSON.createObjectNode().put("alg", algorithm).put("value", b64(ciphertext));
    return plaintext(call("decrypt", key, body), "decrypt", key);
  }

  @Override
  public byte[] unwrapKey(String keyId, String algorithm, byte[] wrappedKey) {
    KeyId key = keyId("unwrapKey", keyId);
    ObjectNode body = JSON.createObjectNode().put("alg", algorithm).put("value", b64(wrappedKey));
    return value(call("unwrapKey", key, body), "unwrapKey", key);
  }

  @Override
  public byte[] wrapKey(String keyId, String algorithm, byte[] keyBytes) {
    KeyId key = keyId("wrapKey", keyId);
    ObjectNode body = JSON.createObjectNode().put("alg", algorithm).put("value", b64(keyBytes));
    return value(call("wrapKey", key, body), "wrapKey", key);
  }

  @Override
  public SymmetricResult encrypt(
      String keyId, String algorithm, byte[] plaintext, byte[] iv, byte[] aad) {
    KeyId key = keyId("encrypt", keyId);
    ObjectNode body = JSON.createObjectNode().put("alg", algorithm).put("value", b64(plaintext));
    putIfPresent(body, "iv", iv);
    putIfPresent(body, "aad", aad);
    JsonNode result = call("encrypt", key, body);
    byte[] ciphertext = plaintext(result, "encrypt", key);
    byte[] usedIv = optional(result, "iv");
    if (usedIv == null) {
      usedIv = iv;
    }
    String alg = algorithm.toUpperCase(Locale.ROOT);
    if ((alg.contains("GCM") || alg.contains("CBC")) && (usedIv == null || usedIv.length == 0)) {
      throw invalid("encrypt", key, "the response carries no IV for " + algorithm);
    }
    byte[] tag = optional(result, "tag");
    if (alg.contains("GCM") && (tag == null || tag.length == 0)) {
      throw invalid("encrypt", key, "the response carries no authentication tag for " + algorithm);
    }
    return new SymmetricResult(ciphertext, usedIv, tag);
  }

  @Override
  public byte[] decrypt(
      String keyId, String algorithm, byte[] ciphertext, byte[] iv, byte[] aad, byte[] tag) {
    KeyId key = keyId("decrypt", keyId);
    ObjectNode body = JSON.createObjectNode().put("alg", algorithm).put("value", b64(ciphertext));
    putIfPresent(body, "iv", iv);
    putIfPresent(body, "aad", aad);
    putIfPresent(body, "tag", tag);
    return plaintext(call("decrypt", key, body), "decrypt", key);
  }

  @Override
  public byte[] randomBytes(int count) {
    if (count < 1 || count > 128) {
      throw new IllegalArgumentException("random byte count must be 1 to 128, was " + count);
    }
    ObjectNode body = JSON.createObjectNode().put("count", count);
    String url = vaultUrl + "/rng?api-version=" + API_VERSION;
    JsonNode result = send("getRandomBytes", null, url, body);
    byte[] bytes = optional(result, "value");
    if (bytes == null || bytes.length != count) {
      throw new KeyVaultException(
          "getRandomBytes",
          null,
          200,
          "InvalidResponse",
          null,
          "asked for " + count + " random bytes, got " + (bytes == null ? 0 : bytes.length),
          null);
    }
    return bytes;
  }

  private JsonNode call(String operation, KeyId key, ObjectNode body) {
    String path = operation.toLowerCase(Locale.ROOT);
    JsonNode result = send(operation, key.name(), key.operationUrl(path, API_VERSION), body);
    checkKid(result, operation, key);
    return result;
  }

  private JsonNode send(String operation, String name, String url, ObjectNode body) {
    byte[] payload;
    try {
      payload = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a " + operation + " request", e);
    }
    HttpRequest request =
        new HttpRequest(HttpMethod.POST, url)
            .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json")
            .setHeader(HttpHeaderName.ACCEPT, "application/json")
            .setBody(payload);
    int status;
    byte[] responseBody;
    // The synchronous pipeline: each policy runs on this thread without a reactive chain per call.
    try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
      if (response == null) {
        throw new KeyVaultException(
            operation, name, 0, KeyVaultErrors.VAULT_UNREACHABLE, null, "no response", null);
      }
      status = response.getStatusCode();
      responseBody = response.getBodyAsBinaryData().toBytes();
    } catch (KeyVaultException e) {
      throw e;
    } catch (RuntimeException e) {
      throw KeyVaultErrors.translate(e, operation, name);
    }
    if (status != 200) {
      throw KeyVaultErrors.fromResponse(
          status,
          new String(responseBody, java.nio.charset.StandardCharsets.UTF_8),
          operation,
          name,
          null);
    }
    try {
      return JSON.readTree(responseBody);
    } catch (IOException e) {
      throw new KeyVaultException(
          operation, name, status, "InvalidResponse", null, "the response is not JSON", e);
    }
  }

  private static void checkKid(JsonNode result, String operation, KeyId requested) {
    JsonNode kid = result.get("kid");
    if (kid == null || !kid.isTextual()) {
      throw invalid(operation, requested, "the response names no key (kid missing)");
    }
    if (requested.version() != null && kid.asText().equalsIgnoreCase(requested.toString())) {
      return; // the usual answer: exactly the key and version asked for
    }
    KeyId answered;
    try {
      answered = KeyId.parse(kid.asText());
    } catch (IllegalArgumentException e) {
      throw invalid(operation, requested, "the response kid is not a key id: " + kid.asText());
    }
    boolean sameName = answered.name().equalsIgnoreCase(requested.name());
    boolean sameVersion =
        requested.version() == null || requested.version().equalsIgnoreCase(answered.version());
    if (!sameName || !sameVersion) {
      throw invalid(operation, requested, "the response is for another key: " + answered);
    }
  }

  private static byte[] value(JsonNode result, String operation, KeyId key) {
    byte[] value = optional(result, "value");
    if (value == null || value.length == 0) {
      throw invalid(operation, key, "the response has no value");
    }
    return value;
  }

  /**
   * The value of a decrypt, or of a symmetric encrypt: an empty message decrypts to, and GCM
   * encrypts into, an empty value, which is a result and not a missing one.
   */
  private static byte[] plaintext(JsonNode result, String operation, KeyId key) {
    byte[] value = optional(result, "value");
    if (value == null) {
      throw invalid(operation, key, "the response has no value");
    }
    return value;
  }

  private static byte[] optional(JsonNode result, String field) {
    JsonNode node = result.get(field);
    if (node == null || node.isNull() || !node.isTextual()) {
      return null;
    }
    try {
      return B64_DECODE.decode(node.asText());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private KeyId keyId(String operation, String keyId) {
    KeyId known = keyIds.get(keyId == null ? "" : keyId);
    if (known != null) {
      return known;
    }
    KeyId parsed;
    try {
      parsed = KeyId.parse(keyId);
    } catch (IllegalArgumentException e) {
      throw new KeyVaultException(operation, null, 0, "InvalidKeyId", null, e.getMessage(), e);
    }
    if (keyIds.size() >= KNOWN_KEY_IDS) {
      keyIds.clear();
    }
    keyIds.put(keyId, parsed);
    return parsed;
  }

  private static KeyVaultException invalid(String operation, KeyId key, String problem) {
    return new KeyVaultException(
        operation, key.name(), 200, "InvalidResponse", null, problem, null);
  }

  private static int ecdsaSignatureLength(String algorithm) {
    return switch (algorithm) {
      case "ES256", "ES256K" -> 64;
      case "ES384" -> 96;
      case "ES512" -> 132;
      default -> -1;
    };
  }

  private static void putIfPresent(ObjectNode body, String field, byte[] value) {
    if (value != null) {
      body.put(field, b64(value));
    }
  }

  private static String b64(byte[] bytes) {
    return B64.encodeToString(Objects.requireNonNull(bytes, "input bytes"));
  }
}
