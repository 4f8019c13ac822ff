package dev.keybridge.management;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.security.keyvault.keys.models.ImportKeyOptions;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyOperation;
import com.azure.security.keyvault.keys.models.KeyProperties;
import com.azure.security.keyvault.keys.models.ReleaseKeyOptions;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.management.keys.KeyOptions;
import dev.keybridge.management.keys.KeySizes;
import dev.keybridge.management.keys.KeyUpdate;
import dev.keybridge.management.release.ReleaseOptions;
import dev.keybridge.management.release.ReleasedKeyDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;

/**
 * Turns keybridge's immutable options into the SDK's import, update and release request models, and
 * release results back into keys: one place for both the sync and the async facade. Create requests
 * come from {@link KeyOptions} itself.
 */
final class KeyRequests {
  private KeyRequests() {}

  static ImportKeyOptions importKey(String name, JsonWebKey jwk, KeyOptions options) {
    if (!options.operations().isEmpty()) {
      jwk.setKeyOps(options.operations());
    }
    ImportKeyOptions request = new ImportKeyOptions(name, jwk);
    request.setHardwareProtected(options.hardwareProtected());
    options.enabled().ifPresent(request::setEnabled);
    options.notBefore().map(KeyRequests::time).ifPresent(request::setNotBefore);
    options.expiresOn().map(KeyRequests::time).ifPresent(request::setExpiresOn);
    if (!options.tags().isEmpty()) {
      request.setTags(new LinkedHashMap<>(options.tags()));
    }
    options
        .releasePolicy()
        .ifPresent(policy -> request.setExportable(true).setReleasePolicy(policy.sdkPolicy()));
    request.setTags(KeySizes.tagged(request.getTags(), jwk.getKeyType(), KeySizes.octBits(jwk)));
    return request;
  }

  /**
   * The properties to PATCH: built from the key id alone (no GET first), with only the fields of
   * {@code update} set; a null version means the latest.
   */
  static KeyProperties update(String vaultUrl, String name, String version, KeyUpdate update) {
    String kid = vaultUrl + "/keys/" + name + "/" + versionSegment(version);
    KeyProperties properties;
    try (JsonReader reader =
        JsonProviders.createReader(
            ("{\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8))) {
      properties = KeyProperties.fromJson(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    update.enabled().ifPresent(properties::setEnabled);
    update.notBefore().map(KeyRequests::time).ifPresent(properties::setNotBefore);
    update.expiresOn().map(KeyRequests::time).ifPresent(properties::setExpiresOn);
    update.tags().ifPresent(tags -> properties.setTags(new LinkedHashMap<>(tags)));
    update.releasePolicy().ifPresent(policy -> properties.setReleasePolicy(policy.sdkPolicy()));
    return properties;
  }

  /** The operations to send, or null to leave them unchanged (an empty array would clear them). */
  static KeyOperation[] operations(KeyUpdate update) {
    return update.operations().map(ops -> ops.toArray(new KeyOperation[0])).orElse(null);
  }

  static ReleaseKeyOptions release(ReleaseOptions options) {
    ReleaseKeyOptions request = new ReleaseKeyOptions();
    options.nonceValue().ifPresent(request::setNonce);
    options.algorithmValue().ifPresent(request::setAlgorithm);
    return request;
  }

  /** The version in a key's path: empty for the latest (a null version). */
  static String versionSegment(String version) {
    return version == null ? "" : version;
  }

  /** The byte count of a POST /rng, checked before anything is sent. */
  static int randomByteCount(int count) {
    if (count < 1 || count > 128) {
      throw new IllegalArgumentException("random byte count must be 1 to 128, was " + count);
    }
    return count;
  }

  /**
   * Opens a release result (a JWS) with {@code runtimeKey}: checks its signature and unwraps {@code
   * key_hsm}. A result that does not verify or unwrap is the vault's fault: a {@link
   * KeyVaultException} with code {@code InvalidResponse}.
   */
  static Key releasedKey(
      String name, String result, PrivateKey runtimeKey, ReleaseOptions options) {
    try {
      JsonNode payload = ReleasedKeyDecoder.verifiedPayload(result);
      return ReleasedKeyDecoder.unwrap(payload, runtimeKey, options.algorithm());
    } catch (IllegalArgumentException e) {
      throw new KeyVaultException("release", name, 200, "InvalidResponse", null, e.getMessage(), e);
    }
  }

  private static OffsetDateTime time(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
