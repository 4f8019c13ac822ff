package dev.keybridge.management.release;

import com.azure.security.keyvault.keys.models.KeyExportEncryptionAlgorithm;
import java.util.Optional;

/**
 * Options of a key release: the nonce to echo in the signed result and the wrapping algorithm
 * ({@code enc}: CKM_RSA_AES_KEY_WRAP, the default, RSA_AES_KEY_WRAP_256 or RSA_AES_KEY_WRAP_384).
 */
public record ReleaseOptions(String nonce, KeyExportEncryptionAlgorithm algorithm) {
  private static final ReleaseOptions DEFAULTS = new ReleaseOptions(null, null);

  /** No nonce; the vault's default algorithm. */
  public static ReleaseOptions defaults() {
    return DEFAULTS;
  }

  public ReleaseOptions withNonce(String value) {
    return new ReleaseOptions(value, algorithm);
  }

  public ReleaseOptions withAlgorithm(KeyExportEncryptionAlgorithm value) {
    return new ReleaseOptions(nonce, value);
  }

  public Optional<String> nonceValue() {
    return Optional.ofNullable(nonce);
  }

  public Optional<KeyExportEncryptionAlgorithm> algorithmValue() {
    return Optional.ofNullable(algorithm);
  }
}
