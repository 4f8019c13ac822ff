package dev.keybridge.management.keys;

import com.azure.security.keyvault.keys.models.KeyOperation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A change of a key version's properties: only what is set here is sent (PATCH); everything else
 * stays as it is. Tags, when set, replace the whole tag map.
 */
public final class KeyUpdate {
  private final Boolean enabled;
  private final Instant notBefore;
  private final Instant expiresOn;
  private final Map<String, String> tags;
  private final List<KeyOperation> operations;
  private final ReleasePolicy releasePolicy;

  private KeyUpdate(Builder builder) {
    this.enabled = builder.enabled;
    this.notBefore = builder.notBefore;
    this.expiresOn = builder.expiresOn;
    this.tags = builder.tags == null ? null : Map.copyOf(builder.tags);
    this.operations = builder.operations == null ? null : List.copyOf(builder.operations);
    this.releasePolicy = builder.releasePolicy;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<Boolean> enabled() {
    return Optional.ofNullable(enabled);
  }

  public Optional<Instant> notBefore() {
    return Optional.ofNullable(notBefore);
  }

  public Optional<Instant> expiresOn() {
    return Optional.ofNullable(expiresOn);
  }

  public Optional<Map<String, String>> tags() {
    return Optional.ofNullable(tags);
  }

  public Optional<List<KeyOperation>> operations() {
    return Optional.ofNullable(operations);
  }

  public Optional<ReleasePolicy> releasePolicy() {
    return Optional.ofNullable(releasePolicy);
  }

  @Override
  public String toString() {
    return "KeyUpdate{enabled="
        + enabled
        + ", notBefore="
        + notBefore
        + ", expiresOn="
        + expiresOn
        + ", tags="
        + tags
        + ", operations="
        + operations
        + ", releasePolicy="
        + (releasePolicy != null)
        + "}";
  }

  /** Builder; {@link #build()} refuses an update that changes nothing. */
  public static final class Builder {
    private Boolean enabled;
    private Instant notBefore;
    private Instant expiresOn;
    private Map<String, String> tags;
    private List<KeyOperation> operations;
    private ReleasePolicy releasePolicy;

    private Builder() {}

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

    public Builder tags(Map<String, String> allTags) {
      this.tags = new LinkedHashMap<>(allTags);
      return this;
    }

    public Builder operations(KeyOperation... permitted) {
      this.operations = List.of(permitted);
      return this;
    }

    public Builder releasePolicy(ReleasePolicy policy) {
      this.releasePolicy = policy;
      return this;
    }

    /**
     * @throws IllegalArgumentException if nothing would change or the window is empty
     */
    public KeyUpdate build() {
      if (enabled == null
          && notBefore == null
          && expiresOn == null
          && tags == null
          && operations == null
          && releasePolicy == null) {
        throw new IllegalArgumentException("a key update must change at least one property");
      }
      ValidityWindow.check(notBefore, expiresOn);
      return new KeyUpdate(this);
    }
  }
}
