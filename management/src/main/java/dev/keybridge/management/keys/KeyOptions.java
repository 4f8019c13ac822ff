package dev.keybridge.management.keys;

import com.azure.security.keyvault.keys.models.KeyOperation;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Options for a new key or key version (create or import): HSM protection, permitted operations,
 * enabled flag, validity window, tags, and exportability with its release policy. Immutable; {@link
 * #defaults()} leaves every choice to the vault (software key, all operations of the type, enabled,
 * no validity limits, no tags, not exportable).
 */
public final class KeyOptions {
  private static final KeyOptions DEFAULTS = builder().build();

  private final boolean hardwareProtected;
  private final List<KeyOperation> operations;
  private final Boolean enabled;
  private final Instant notBefore;
  private final Instant expiresOn;
  private final Map<String, String> tags;
  private final ReleasePolicy releasePolicy;

  private KeyOptions(Builder builder) {
    this.hardwareProtected = builder.hardwareProtected;
    this.operations = List.copyOf(builder.operations);
    this.enabled = builder.enabled;
    this.notBefore = builder.notBefore;
    this.expiresOn = builder.expiresOn;
    this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(builder.tags));
    this.releasePolicy = builder.releasePolicy;
  }

  public static KeyOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** True for an HSM key type ({@code RSA-HSM}, {@code EC-HSM}, {@code oct-HSM}). */
  public boolean hardwareProtected() {
    return hardwareProtected;
  }

  /** The permitted operations; empty means the vault's default for the key type. */
  public List<KeyOperation> operations() {
    return operations;
  }

  /** Enabled flag to set; empty leaves the vault's default (enabled). */
  public Optional<Boolean> enabled() {
    return Optional.ofNullable(enabled);
  }

  public Optional<Instant> notBefore() {
    return Optional.ofNullable(notBefore);
  }

  public Optional<Instant> expiresOn() {
    return Optional.ofNullable(expiresOn);
  }

  public Map<String, String> tags() {
    return tags;
  }

  /** The release policy; present exactly when the key is exportable. */
  public Optional<ReleasePolicy> releasePolicy() {
    return Optional.ofNullable(releasePolicy);
  }

  public boolean exportable() {
    return releasePolicy != null;
  }

  @Override
  public String toString() {
    return "KeyOptions{hsm="
        + hardwareProtected
        + ", operations="
        + operations
        + ", enabled="
        + enabled
        + ", notBefore="
        + notBefore
        + ", expiresOn="
        + expiresOn
        + ", tags="
        + tags
        + ", exportable="
        + exportable()
        + "}";
  }

  /** Builder; {@link #build()} checks that the validity window is not empty. */
  public static final class Builder {
    private boolean hardwareProtected;
    private List<KeyOperation> operations = List.of();
    private Boolean enabled;
    private Instant notBefore;
    private Instant expiresOn;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private ReleasePolicy releasePolicy;

    private Builder() {}

    public Builder hardwareProtected(boolean hsm) {
      this.hardwareProtected = hsm;
      return this;
    }

    public Builder operations(KeyOperation... permitted) {
      this.operations = Arrays.asList(permitted.clone());
      return this;
    }

    public Builder operations(List<KeyOperation> permitted) {
      this.operations = List.copyOf(permitted);
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

    public Builder tag(String name, String value) {
      tags.put(Objects.requireNonNull(name, "tag name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder tags(Map<String, String> allTags) {
      allTags.forEach(this::tag);
      return this;
    }

    /** Makes the key exportable under {@code policy} (Secure Key Release). */
    public Builder exportable(ReleasePolicy policy) {
      this.releasePolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * @throws IllegalArgumentException if expiresOn is not after notBefore
     */
    public KeyOptions build() {
      ValidityWindow.check(notBefore, expiresOn);
      for (KeyOperation operation : operations) {
        Objects.requireNonNull(operation, "key operation");
      }
      return new KeyOptions(this);
    }
  }
}
