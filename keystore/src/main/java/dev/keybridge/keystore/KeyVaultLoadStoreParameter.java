package dev.keybridge.keystore;

import dev.keybridge.management.config.KeyVaultConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code KeyStore.getInstance("AzureKeyVault").load(parameter)} opens: a vault configuration
 * and the KeyStore's own options. Immutable; {@link Builder#build()} checks every option.
 *
 * <pre>{@code
 * KeyStore store = KeyStore.getInstance("AzureKeyVault");
 * store.load(KeyVaultLoadStoreParameter.builder(KeyVaultConfig.fromProperties(path))
 *     .cacheTtl(Duration.ofMinutes(1))
 *     .chainFile("release-signing", Path.of("release-chain.pem"))
 *     .build());
 * }</pre>
 *
 * <p>Authentication is part of the configuration, so {@link #getProtectionParameter()} is null.
 */
public final class KeyVaultLoadStoreParameter implements KeyStore.LoadStoreParameter {
  private final KeyVaultConfig config;
  private final Duration cacheTtl;
  private final Path chainFile;
  private final Map<String, Path> aliasChainFiles;
  private final Clock clock;

  private KeyVaultLoadStoreParameter(Builder builder) {
    this.config = builder.config;
    this.cacheTtl = builder.cacheTtl != null ? builder.cacheTtl : config.keystoreCacheTtl();
    this.chainFile =
        builder.chainFile != null ? builder.chainFile : config.keystoreChainFile().orElse(null);
    this.aliasChainFiles = Map.copyOf(builder.aliasChainFiles);
    this.clock = builder.clock;
  }

  /** Options from the configuration alone ({@code keybridge.keystore.*}). */
  public static KeyVaultLoadStoreParameter of(KeyVaultConfig config) {
    return builder(config).build();
  }

  /** A builder whose defaults come from {@code config}. */
  public static Builder builder(KeyVaultConfig config) {
    return new Builder(config);
  }

  /** The vault to open and how to authenticate to it. */
  public KeyVaultConfig config() {
    return config;
  }

  /**
   * How long the alias list and each fetched entry (key, certificate, chain) are reused before the
   * vault is asked again; zero disables caching. Default: {@code keybridge.keystore.cache-ttl}.
   */
  public Duration cacheTtl() {
    return cacheTtl;
  }

  /**
   * A chain file (PEM, DER or PKCS#7, leaf first) for bare key aliases: it is returned for the key
   * whose public key is the leaf's. Default: {@code keybridge.keystore.chain-file}.
   */
  public Optional<Path> chainFile() {
    return Optional.ofNullable(chainFile);
  }

  /** Chain files bound to one bare key alias each (the key must match the leaf). */
  public Map<String, Path> aliasChainFiles() {
    return aliasChainFiles;
  }

  /** The clock that times cache entries. */
  public Clock clock() {
    return clock;
  }

  /** Always null: credentials are part of {@link #config()}. */
  @Override
  public KeyStore.ProtectionParameter getProtectionParameter() {
    return null;
  }

  @Override
  public String toString() {
    return "KeyVaultLoadStoreParameter{vault="
        + config.vaultUrl()
        + ", cacheTtl="
        + cacheTtl
        + ", chainFile="
        + chainFile
        + ", aliasChainFiles="
        + aliasChainFiles.keySet()
        + "}";
  }

  /** Collects options; {@link #build()} validates them. Not thread-safe. */
  public static final class Builder {
    private final KeyVaultConfig config;
    private Duration cacheTtl;
    private Path chainFile;
    private final Map<String, Path> aliasChainFiles = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();

    private Builder(KeyVaultConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** Overrides {@code keybridge.keystore.cache-ttl}; zero disables caching. */
    public Builder cacheTtl(Duration ttl) {
      this.cacheTtl = Objects.requireNonNull(ttl, "ttl");
      return this;
    }

    /** Overrides {@code keybridge.keystore.chain-file}. */
    public Builder chainFile(Path file) {
      this.chainFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /** Binds a chain file to one bare key alias. */
    public Builder chainFile(String alias, Path file) {
      aliasChainFiles.put(Objects.requireNonNull(alias, "alias"), Objects.requireNonNull(file));
      return this;
    }

    /** The clock for cache expiry (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException naming the option that is wrong: a negative TTL, an alias
     *     that is not a Key Vault name, a chain file that is not a readable file
     */
    public KeyVaultLoadStoreParameter build() {
      if (cacheTtl != null && cacheTtl.isNegative()) {
        throw new IllegalArgumentException("cacheTtl must not be negative: " + cacheTtl);
      }
      if (chainFile != null) {
        requireReadable("chainFile", chainFile);
      }
      for (Map.Entry<String, Path> binding : aliasChainFiles.entrySet()) {
        if (!VaultAlias.isValidName(binding.getKey())) {
          throw new IllegalArgumentException(
              "chainFile alias '"
                  + binding.getKey()
                  + "' is not a Key Vault name (1-127 of 0-9, a-z, A-Z, -)");
        }
        requireReadable("chainFile for '" + binding.getKey() + "'", binding.getValue());
      }
      return new KeyVaultLoadStoreParameter(this);
    }

    private static void requireReadable(String option, Path file) {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new IllegalArgumentException(option + ": not a readable file: " + file);
      }
    }
  }
}
