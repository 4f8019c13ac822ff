package dev.keybridge.management.keys;

import com.azure.core.util.BinaryData;
import com.azure.security.keyvault.keys.models.KeyReleasePolicy;
import java.util.Objects;

/**
 * The release policy of an exportable key: the policy JSON (claims rules a release target must
 * satisfy), its content type, and whether it can never change again.
 *
 * @param json the policy document, e.g. {@code {"version":"1.0.0","anyOf":[...]}}
 * @param contentType default {@code application/json; charset=utf-8}
 * @param immutable once true the vault refuses any later change of the policy
 */
public record ReleasePolicy(String json, String contentType, boolean immutable) {
  /** The content type Key Vault uses by default. */
  public static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

  public ReleasePolicy {
    Objects.requireNonNull(json, "json");
    if (json.isBlank()) {
      throw new IllegalArgumentException("release policy JSON is empty");
    }
    contentType = contentType == null ? JSON_CONTENT_TYPE : contentType;
  }

  /** A mutable policy of JSON content type. */
  public static ReleasePolicy of(String json) {
    return new ReleasePolicy(json, JSON_CONTENT_TYPE, false);
  }

  /** The same policy, marked immutable. */
  public ReleasePolicy asImmutable() {
    return new ReleasePolicy(json, contentType, true);
  }

  /** The SDK's request model of this policy. */
  public KeyReleasePolicy sdkPolicy() {
    return new KeyReleasePolicy(BinaryData.fromString(json))
        .setContentType(contentType)
        .setImmutable(immutable ? Boolean.TRUE : null);
  }
}
