package dev.keybridge.management.secrets;

import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The properties of a new secret version ({@code PUT /secrets/{name}}) or of a change to one
 * ({@code PATCH /secrets/{name}/{version}}): content type, enabled, not-before, expiry and tags.
 * Unset properties are not sent: a new version gets the vault's defaults, an update leaves them as
 * they are. Tags, when set, replace the whole tag map.
 */
public final class SecretOptions {
  /** No properties: a plain enabled secret. */
  public static final SecretOptions NONE = builder().build();

  private final String contentType;
  private final Boolean enabled;
  private final Instant notBefore;
  private final Instant expiresOn;
  private final Map<String, String> tags;

  private SecretOptions(Builder b) {
    this.contentType = b.contentType;
    this.enabled = b.enabled;
    this.notBefore = b.notBefore;
    this.expiresOn = b.expiresOn;
    this.tags = b.tags == null ? null : Map.copyOf(b.tags);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether no property is set (an update with such options would change nothing). */
  public boolean isEmpty() {
    return contentType == null
        && enabled == null
        && notBefore == null
        && expiresOn == null
        && tags == null;
  }

  /** The SDK secret for a set request: {@code value} with these properties. */
  public KeyVaultSecret toSecret(String name, String value) {
    KeyVaultSecret secret = new KeyVaultSecret(name, value);
    applyTo(secret.getProperties());
    return secret;
  }

  /** Copies the set properties onto {@code properties} (for an update). */
  public SecretProperties applyTo(SecretProperties properties) {
    if (contentType != null) {
      properties.setContentType(contentType);
    }
    if (enabled != null) {
      properties.setEnabled(enabled);
    }
    if (notBefore != null) {
      properties.setNotBefore(OffsetDateTime.ofInstant(notBefore, ZoneOffset.UTC));
    }
    if (expiresOn != null) {
      properties.setExpiresOn(OffsetDateTime.ofInstant(expiresOn, ZoneOffset.UTC));
    }
    if (tags != null) {
      properties.setTags(new LinkedHashMap<>(tags));
    }
    return properties;
  }

  @Override
  public String toString() {
    return "SecretOptions{contentType="
        + contentType
        + ", enabled="
        + enabled
        + ", notBefore="
        + notBefore
        + ", expiresOn="
        + expiresOn
        + ", tags="
        + tags
        + "}";
  }

  /** Builder; {@link #build()} refuses an empty validity window and over-long content types. */
  public static final class Builder {
    private String contentType;
    private Boolean enabled;
    private Instant notBefore;
    private Instant expiresOn;
    private Map<String, String> tags;

    private Builder() {}

    /** A MIME type or any label of at most 255 characters, e.g. {@code text/plain}. */
    public Builder contentType(String type) {
      this.contentType = type;
      return this;
    }

    public Builder enabled(boolean isEnabled) {
      this.enabled = isEnabled;
      return this;
    }

    public Builder notBefore(Instant instant) {
      this.notBefore = instant;
      return this;
    }

    public Builder expiresOn(Instant instant) {
      this.expiresOn = instant;
      return this;
    }

    /** At most 15 tags. */
    public Builder tags(Map<String, String> allTags) {
      this.tags = new LinkedHashMap<>(allTags);
      return this;
    }

    /**
     * @throws IllegalArgumentException for an empty validity window, more than 15 tags or a content
     *     type longer than 255 characters
     */
    public SecretOptions build() {
      if (notBefore != null && expiresOn != null && !expiresOn.isAfter(notBefore)) {
        throw new IllegalArgumentException(
            "expiresOn " + expiresOn + " must be after notBefore " + notBefore);
      }
      if (contentType != null && contentType.length() > 255) {
        throw new IllegalArgumentException("a content type is at most 255 characters long");
      }
      if (tags != null && tags.size() > 15) {
        throw new IllegalArgumentException("at most 15 tags, got " + tags.size());
      }
      return new SecretOptions(this);
    }
  }
}
