package dev.keybridge.keystore;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A KeyStore alias: {@code name} (the latest version) or {@code name/version} (one pinned version).
 * Names follow Key Vault's rule, 1 to 127 of {@code [0-9a-zA-Z-]}.
 */
record VaultAlias(String name, String version) {
  private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-]{1,127}");
  private static final Pattern VERSION = Pattern.compile("[0-9a-zA-Z]{1,64}");

  /** Parses an alias; empty when it cannot name a vault entry (so it does not exist). */
  static Optional<VaultAlias> parse(String alias) {
    if (alias == null) {
      return Optional.empty();
    }
    int slash = alias.indexOf('/');
    String name = slash < 0 ? alias : alias.substring(0, slash);
    String version = slash < 0 ? null : alias.substring(slash + 1);
    if (!NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    if (version != null && !VERSION.matcher(version).matches()) {
      return Optional.empty();
    }
    return Optional.of(new VaultAlias(name, version));
  }

  /** True when a name is acceptable for a new vault entry. */
  static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  boolean pinned() {
    return version != null;
  }

  /** The same alias with the name spelled as the vault lists it. */
  VaultAlias withName(String listedName) {
    return new VaultAlias(listedName, version);
  }

  @Override
  public String toString() {
    return version == null ? name : name + "/" + version;
  }
}
