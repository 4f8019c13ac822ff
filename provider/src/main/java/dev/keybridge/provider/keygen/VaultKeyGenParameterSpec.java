package dev.keybridge.provider.keygen;

import java.security.spec.AlgorithmParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * How a keybridge {@code KeyPairGenerator} ("RSA", "EC") or {@code KeyGenerator} ("AES") creates
 * its key in the vault: name, size or curve, options. Immutable; {@link Builder#build()} checks
 * everything a single spec can check (the generator checks that the spec fits its algorithm).
 *
 * <pre>{@code
 * KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "KeyBridge");
 * generator.initialize(VaultKeyGenParameterSpec.builder().name("signer").curve("P-384").build());
 * KeyPair pair = generator.generateKeyPair(); // the private half is a vault handle
 * }</pre>
 */
public final class VaultKeyGenParameterSpec implements AlgorithmParameterSpec {
  private static final Pattern NAME = Pattern.compile("[0-9A-Za-z-]{1,127}");
  private static final List<String> OPERATIONS =
      List.of("encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey", "import", "export");

  private final String name;
  private final Integer keySize;
  private final String curve;
  private final Integer publicExponent;
  private final boolean hsm;
  private final List<String> keyOperations;
  private final Map<String, String> tags;
  private final Boolean exportable;
  private final Instant notBefore;
  private final Instant expiresOn;

  private VaultKeyGenParameterSpec(Builder builder) {
    this.name = builder.name;
    this.keySize = builder.keySize;
    this.curve = builder.curve;
    this.publicExponent = builder.publicExponent;
    this.hsm = builder.hsm;
    this.keyOperations = builder.keyOperations == null ? null : List.copyOf(builder.keyOperations);
    this.tags = Map.copyOf(builder.tags);
    this.exportable = builder.exportable;
    this.notBefore = builder.notBefore;
    this.expiresOn = builder.expiresOn;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The key name in the vault; empty means the generator makes one up (kb-rsa-2048-…). */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** RSA modulus bits (2048, 3072, 4096) or AES key bits (128, 192, 256). */
  public OptionalInt keySize() {
    return keySize == null ? OptionalInt.empty() : OptionalInt.of(keySize);
  }

  /** EC curve, as given: a Key Vault name (P-256, P-384, P-521, P-256K) or a SEC 2 name. */
  public Optional<String> curve() {
    return Optional.ofNullable(curve);
  }

  /** RSA public exponent; empty means the vault's default (65537). */
  public OptionalInt publicExponent() {
    return publicExponent == null ? OptionalInt.empty() : OptionalInt.of(publicExponent);
  }

  /** Whether to ask for an HSM-protected key (RSA-HSM, EC-HSM, oct-HSM). */
  public boolean hsm() {
    return hsm;
  }

  /** Key Vault operations to allow; empty means the vault's default for the key type. */
  public Optional<List<String>> keyOperations() {
    return Optional.ofNullable(keyOperations);
  }

  public Map<String, String> tags() {
    return tags;
  }

  /** Whether the key may be released (Key Vault also requires a release policy for that). */
  public Optional<Boolean> exportable() {
    return Optional.ofNullable(exportable);
  }

  public Optional<Instant> notBefore() {
    return Optional.ofNullable(notBefore);
  }

  public Optional<Instant> expiresOn() {
    return Optional.ofNullable(expiresOn);
  }

  @Override
  public String toString() {
    return "VaultKeyGenParameterSpec{name="
        + name
        + ", keySize="
        + keySize
        + ", curve="
        + curve
        + ", hsm="
        + hsm
        + ", keyOperations="
        + keyOperations
        + ", tags="
        + tags.keySet()
        + "}";
  }

  /** Builder; every setter is optional. */
  public static final class Builder {
    private String name;
    private Integer keySize;
    private String curve;
    private Integer publicExponent;
    private boolean hsm;
    private List<String> keyOperations;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private Boolean exportable;
    private Instant notBefore;
    private Instant expiresOn;

    private Builder() {}

    /** Key name: 1-127 letters, digits and dashes. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder keySize(int bits) {
      this.keySize = bits;
      return this;
    }

    public Builder curve(String curve) {
      this.curve = curve;
      return this;
    }

    public Builder publicExponent(int exponent) {
      this.publicExponent = exponent;
      return this;
    }

    public Builder hsm(boolean hsm) {
      this.hsm = hsm;
      return this;
    }

    /** Key Vault operation names: encrypt, decrypt, sign, verify, wrapKey, unwrapKey, ... */
    public Builder keyOperations(String... operations) {
      this.keyOperations = Arrays.asList(operations.clone());
      return this;
    }

    public Builder tag(String name, String value) {
      tags.put(
          Objects.requireNonNull(name, "tag name"), Objects.requireNonNull(value, "tag value"));
      return this;
    }

    public Builder tags(Map<String, String> tags) {
      tags.forEach(this::tag);
      return this;
    }

    public Builder exportable(boolean exportable) {
      this.exportable = exportable;
      return this;
    }

    public Builder notBefore(Instant notBefore) {
      this.notBefore = notBefore;
      return this;
    }

    public Builder expiresOn(Instant expiresOn) {
      this.expiresOn = expiresOn;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public VaultKeyGenParameterSpec build() {
      if (name != null && !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "name must be 1-127 letters, digits and dashes (a Key Vault key name): '" + name + "'");
      }
      if (keySize != null && curve != null) {
        throw new IllegalArgumentException(
            "keySize and curve exclude each other: keySize is for RSA and AES, curve for EC");
      }
      if (keySize != null && keySize <= 0) {
        throw new IllegalArgumentException("keySize must be positive: " + keySize);
      }
      if (publicExponent != null && (publicExponent < 3 || publicExponent % 2 == 0)) {
        throw new IllegalArgumentException(
            "publicExponent must be odd and >= 3: " + publicExponent);
      }
      if (keyOperations != null) {
        for (String operation : keyOperations) {
          if (!OPERATIONS.contains(operation)) {
            throw new IllegalArgumentException(
                "unknown key operation '" + operation + "'; Key Vault has " + OPERATIONS);
          }
        }
      }
      if (notBefore != null && expiresOn != null && !notBefore.isBefore(expiresOn)) {
        throw new IllegalArgumentException(
            "notBefore (" + notBefore + ") must be before expiresOn (" + expiresOn + ")");
      }
      return new VaultKeyGenParameterSpec(this);
    }
  }
}
