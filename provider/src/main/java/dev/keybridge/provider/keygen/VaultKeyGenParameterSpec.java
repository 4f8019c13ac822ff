package dev.keybridge.provider.keygen;

import com.azure.security.keyvault.keys.models.KeyOperation;
import dev.keybridge.management.KeyNames;
import dev.keybridge.management.keys.KeyOptions;
import dev.keybridge.management.keys.ReleasePolicy;
import java.security.spec.AlgorithmParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a keybridge {@code KeyPairGenerator} ("RSA", "EC") or {@code KeyGenerator} ("AES") creates
 * its key in the vault: name, size or curve, public exponent, and the {@link KeyOptions} every key
 * creation of keybridge takes (HSM, operations, tags, validity, exportable with its release
 * policy). A thin JCA wrapper: names are checked by management's {@link KeyNames}, operations and
 * validity by {@link KeyOptions}, and the generator sends the create request {@link #options()}
 * builds. Immutable; {@link Builder#build()} checks everything a single spec can check (the
 * generator checks that the spec fits its algorithm).
 *
 * <pre>{@code
 * KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "KeyBridge");
 * generator.initialize(VaultKeyGenParameterSpec.builder().name("signer").curve("P-384").build());
 * KeyPair pair = generator.generateKeyPair(); // the private half is a vault handle
 * }</pre>
 */
public final class VaultKeyGenParameterSpec implements AlgorithmParameterSpec {
  private final String name;
  private final Integer keySize;
  private final String curve;
  private final Integer publicExponent;
  private final KeyOptions options;

  private VaultKeyGenParameterSpec(Builder builder, KeyOptions options) {
    this.name = builder.name;
    this.keySize = builder.keySize;
    this.curve = builder.curve;
    this.publicExponent = builder.publicExponent;
    this.options = options;
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

  /**
   * The options of the create request: HSM, operations, tags, validity, exportable (management's
   * one options type for every key creation).
   */
  public KeyOptions options() {
    return options;
  }

  /** Whether to ask for an HSM-protected key (RSA-HSM, EC-HSM, oct-HSM). */
  public boolean hsm() {
    return options.hardwareProtected();
  }

  /** Key Vault operations to allow; empty means the vault's default for the key type. */
  public Optional<List<String>> keyOperations() {
    return options.operations().isEmpty()
        ? Optional.empty()
        : Optional.of(options.operations().stream().map(KeyOperation::toString).toList());
  }

  public Map<String, String> tags() {
    return options.tags();
  }

  public Optional<Instant> notBefore() {
    return options.notBefore();
  }

  public Optional<Instant> expiresOn() {
    return options.expiresOn();
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
        + options.hardwareProtected()
        + ", keyOperations="
        + options.operations()
        + ", tags="
        + options.tags().keySet()
        + ", exportable="
        + options.exportable()
        + "}";
  }

  /** Builder; every setter is optional. */
  public static final class Builder {
    private String name;
    private Integer keySize;
    private String curve;
    private Integer publicExponent;
    private KeyOptions.Builder options = KeyOptions.builder();
    private List<String> operationNames;

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

    /**
     * All create options at once (replacing HSM, operations, tags, validity and exportable set
     * before); the setters below change single ones.
     */
    public Builder options(KeyOptions keyOptions) {
      this.options = keyOptions.toBuilder();
      this.operationNames = null;
      return this;
    }

    public Builder hsm(boolean hsm) {
      options.hardwareProtected(hsm);
      return this;
    }

    /** Key Vault operation names: encrypt, decrypt, sign, verify, wrapKey, unwrapKey, ... */
    public Builder keyOperations(String... operations) {
      this.operationNames = Arrays.asList(operations.clone());
      return this;
    }

    public Builder tag(String name, String value) {
      options.tag(name, value);
      return this;
    }

    public Builder tags(Map<String, String> tags) {
      options.tags(tags);
      return this;
    }

    /**
     * Makes the key exportable under {@code policy} (Secure Key Release: Key Vault refuses an
     * exportable key without a release policy).
     */
    public Builder exportable(ReleasePolicy policy) {
      options.exportable(policy);
      return this;
    }

    public Builder notBefore(Instant notBefore) {
      options.notBefore(notBefore);
      return this;
    }

    public Builder expiresOn(Instant expiresOn) {
      options.expiresOn(expiresOn);
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public VaultKeyGenParameterSpec build() {
      if (name != null) {
        KeyNames.name(name);
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
      if (operationNames != null) {
        options.operationNames(operationNames);
      }
      return new VaultKeyGenParameterSpec(this, options.build());
    }
  }
}
