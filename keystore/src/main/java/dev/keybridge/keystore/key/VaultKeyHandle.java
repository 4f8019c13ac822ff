package dev.keybridge.keystore.key;

import dev.keybridge.management.crypto.VaultCrypto;
import java.util.List;

/**
 * What every handle shares: the key's identity and the vault connection. Two handles are equal when
 * they name the same key version. Immutable.
 */
abstract class VaultKeyHandle implements VaultKey {
  private static final long serialVersionUID = 1L;

  private final KeyIdentity identity;

  VaultKeyHandle(KeyIdentity identity) {
    this.identity = identity;
  }

  /** What the key is, for {@link #toString()}: "RSA 2048-bit", "EC P-256", "AES-256". */
  abstract String describe();

  @Override
  public final String keyId() {
    return identity.keyId();
  }

  @Override
  public final String name() {
    return identity.name();
  }

  @Override
  public final String version() {
    return identity.version();
  }

  @Override
  public final String keyType() {
    return identity.keyType();
  }

  @Override
  public final List<String> keyOperations() {
    return identity.keyOperations();
  }

  @Override
  public final VaultCrypto crypto() {
    return identity.crypto();
  }

  @Override
  public final String toString() {
    return identity.describe(describe());
  }

  @Override
  public final boolean equals(Object other) {
    return other != null
        && other.getClass() == getClass()
        && keyId().equals(((VaultKeyHandle) other).keyId());
  }

  @Override
  public final int hashCode() {
    return keyId().hashCode();
  }
}
