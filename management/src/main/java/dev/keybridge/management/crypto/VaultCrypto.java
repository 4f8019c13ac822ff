package dev.keybridge.management.crypto;

/**
 * The one small interface through which keybridge's JCA SPIs reach the vault for private- and
 * secret-key operations. Each method is exactly one HTTP request (plus the retries the
 * configuration allows); nothing is cached or done locally here. Implementations are thread-safe.
 *
 * <p>{@code keyId} is a full key identifier, {@code https://host/keys/name/version}; algorithm
 * names are Key Vault's ({@code RS256}, {@code ES256K}, {@code RSA-OAEP-256}, {@code A256GCM},
 * ...). Every failure is a {@link dev.keybridge.management.KeyVaultException} naming the vault
 * error code, the operation and the key. Results are checked: the response's key id names the same
 * key, and the value is present (non-empty for sign and wrap; a decrypt or GCM encrypt of an empty
 * message has an empty value).
 */
public interface VaultCrypto {

  /** POST {keyId}/sign: signs a precomputed digest. ECDSA results are raw r||s. */
  byte[] sign(String keyId, String algorithm, byte[] digest);

  /** POST {keyId}/decrypt with an RSA algorithm (RSA1_5, RSA-OAEP, RSA-OAEP-256). */
  byte[] decrypt(String keyId, String algorithm, byte[] ciphertext);

  /** POST {keyId}/unwrapkey (RSA or AES key-wrap algorithms). */
  byte[] unwrapKey(String keyId, String algorithm, byte[] wrappedKey);

  /** POST {keyId}/wrapkey (AES key-wrap algorithms on oct keys; RSA wrapping is done locally). */
  byte[] wrapKey(String keyId, String algorithm, byte[] key);

  /**
   * POST {keyId}/encrypt on an oct key (A*GCM, A*CBC, A*CBCPAD). {@code iv} and {@code aad} may be
   * null; the vault generates the IV when none is given and returns it.
   */
  SymmetricResult encrypt(String keyId, String algorithm, byte[] plaintext, byte[] iv, byte[] aad);

  /** POST {keyId}/decrypt on an oct key. {@code aad} and {@code tag} are null where unused. */
  byte[] decrypt(
      String keyId, String algorithm, byte[] ciphertext, byte[] iv, byte[] aad, byte[] tag);

  /** POST /rng (Managed HSM): {@code count} random bytes, 1 to 128. */
  byte[] randomBytes(int count);

  /**
   * Result of a symmetric encrypt: ciphertext without tag, the IV used, and the GCM tag or null.
   */
  record SymmetricResult(byte[] ciphertext, byte[] iv, byte[] tag) {}
}
