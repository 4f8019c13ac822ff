package dev.keybridge.management.keys;

import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import com.azure.security.keyvault.keys.models.CreateKeyOptions;
import com.azure.security.keyvault.keys.models.CreateOctKeyOptions;
import com.azure.security.keyvault.keys.models.CreateRsaKeyOptions;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyOperation;
import com.azure.security.keyvault.keys.models.KeyType;
import dev.keybridge.management.KeyNames;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
 *
 * <p>The one options type of every key creation: the facade, the CLI and the provider's key
 * generators ({@code VaultKeyGenParameterSpec} carries a {@code KeyOptions}) all send the create
 * request that {@link #rsaRequest}, {@link #ecRequest}, {@link #octRequest} or {@link #request}
 * build from it, with the name checked by {@link KeyNames}.
 */
public final class KeyOptions {
  /** The key operations Key Vault knows, by their REST names. */
  public static final List<KeyOperation> OPERATIONS =
      List.of(
          KeyOperation.ENCRYPT,
          KeyOperation.DECRYPT,
          KeyOperation.SIGN,
          KeyOperation.VERIFY,
          KeyOperation.WRAP_KEY,
          KeyOperation.UNWRAP_KEY,
          KeyOperation.IMPORT,
          KeyOperation.fromString("export"));

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

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    Builder builder =
        builder().hardwareProtected(hardwareProtected).operations(operations).tags(tags);
    builder.enabled = enabled;
    builder.notBefore = notBefore;
    builder.expiresOn = expiresOn;
    builder.releasePolicy = releasePolicy;
    return builder;
  }

  /**
   * The create request of an RSA key (RSA-HSM when {@link #hardwareProtected()}); a null {@code
   * publicExponent} leaves it to the vault (65537).
   *
   * @throws IllegalArgumentException if {@code name} is not a Key Vault key name
   */
  public CreateRsaKeyOptions rsaRequest(String name, int keySize, Integer publicExponent) {
    CreateRsaKeyOptions request =
        new CreateRsaKeyOptions(KeyNames.name(name))
            .setKeySize(keySize)
            .setHardwareProtected(hardwareProtected);
    if (publicExponent != null) {
      request.setPublicExponent(publicExponent);
    }
    return apply(request);
  }

  /**
   * The create request of an EC key on {@code curve} (EC-HSM when {@link #hardwareProtected()}).
   *
   * @throws IllegalArgumentException if {@code name} is not a Key Vault key name
   */
  public CreateEcKeyOptions ecRequest(String name, KeyCurveName curve) {
    return apply(
        new CreateEcKeyOptions(KeyNames.name(name))
            .setCurveName(curve)
            .setHardwareProtected(hardwareProtected));
  }

  /**
   * The create request of an oct key (oct-HSM when {@link #hardwareProtected()}); its size is also
   * recorded as {@link KeySizes#TAG}, for vaults that do not report it.
   *
   * @throws IllegalArgumentException if {@code name} is not a Key Vault key name
   */
  public CreateOctKeyOptions octRequest(String name, int keySize) {
    CreateOctKeyOptions request =
        apply(
            new CreateOctKeyOptions(KeyNames.name(name))
                .setKeySize(keySize)
                .setHardwareProtected(hardwareProtected));
    request.setTags(KeySizes.tagged(request.getTags(), KeyType.OCT, keySize));
    return request;
  }

  /**
   * The create request of a key of any type, with the vault's default size or curve; {@link
   * #hardwareProtected()} turns a software type into its HSM variant.
   *
   * @throws IllegalArgumentException if {@code name} is not a Key Vault key name
   */
  public CreateKeyOptions request(String name, KeyType type) {
    KeyType effective = type;
    if (hardwareProtected) {
      if (KeyType.RSA.equals(type)) {
        effective = KeyType.RSA_HSM;
      } else if (KeyType.EC.equals(type)) {
        effective = KeyType.EC_HSM;
      } else if (KeyType.OCT.equals(type)) {
        effective = KeyType.OCT_HSM;
      }
    }
    return apply(new CreateKeyOptions(KeyNames.name(name), effective));
  }

  private <T extends CreateKeyOptions> T apply(T request) {
    if (!operations.isEmpty()) {
      request.setKeyOperations(operations.toArray(new KeyOperation[0]));
    }
    enabled().ifPresent(request::setEnabled);
    notBefore().map(KeyOptions::time).ifPresent(request::setNotBefore);
    expiresOn().map(KeyOptions::time).ifPresent(request::setExpiresOn);
    if (!tags.isEmpty()) {
      request.setTags(new LinkedHashMap<>(tags));
    }
    releasePolicy()
        .ifPresent(policy -> request.setExportable(true).setReleasePolicy(policy.sdkPolicy()));
    return request;
  }

  private static OffsetDateTime time(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
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

    /**
     * The permitted operations by their Key Vault names ({@code sign}, {@code wrapKey}, ...).
     *
     * @throws IllegalArgumentException naming an operation Key Vault does not have
     */
    public Builder operationNames(List<String> names) {
      List<KeyOperation> permitted = new ArrayList<>();
      for (String name : names) {
        KeyOperation operation =
            OPERATIONS.stream()
                .filter(known -> known.toString().equals(name))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "unknown key operation '" + name + "'; Key Vault has " + OPERATIONS));
        permitted.add(operation);
      }
      return operations(permitted);
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
