package dev.keybridge.keystore.key;

import dev.keybridge.management.crypto.VaultCrypto;
import java.security.Key;
import java.util.List;

/**
 * A handle to a key that lives in Azure Key Vault or Managed HSM. It carries the key's identity and
 * public parameters, never private material: {@link #getEncoded()} and {@link #getFormat()} return
 * null. Private- and secret-key operations go to the vault through {@link #crypto()}. Handles are
 * immutable and safe to use from any number of threads at once.
 */
public interface VaultKey extends Key {

  /** The full, versioned key identifier: {@code https://host/keys/name/version}. */
  String keyId();

  /** The key name in the vault. */
  String name();

  /** The key version (32 hex characters). */
  String version();

  /** Key Vault key type: RSA, RSA-HSM, EC, EC-HSM, oct, oct-HSM. */
  String keyType();

  /** The key operations the vault allows on this key (Key Vault's words: sign, decrypt, ...). */
  List<String> keyOperations();

  /** How operations on this key reach the vault: one HTTP request each. */
  VaultCrypto crypto();

  /** Opaque key: the material never leaves the vault. */
  @Override
  default byte[] getEncoded() {
    return null;
  }

  /** Opaque key: no encoding. */
  @Override
  default String getFormat() {
    return null;
  }
}
