package dev.keybridge.localvault.crypto;

import dev.keybridge.localvault.VaultError;
import java.util.Set;

/**
 * Key Vault cryptographic operations on a {@link KeyMaterial}. Stateless and thread-safe: JCA and
 * Bouncy Castle engine objects are made per call, the parsed keys are reused. Every refusal is a
 * {@link VaultError#badParameter} whose message names the algorithm, the key and the problem; a
 * failed decryption or unwrap never returns data and never says why (no padding oracle). Parameters
 * an algorithm does not use (an IV for RSA, AAD for CBC) are ignored.
 */
public final class KeyCrypto {
  private static final SignatureAlgorithm[] SIGNATURE = SignatureAlgorithm.values();

  private KeyCrypto() {}

  /**
   * Signs a precomputed digest. RS256/384/512: PKCS#1 v1.5 with DigestInfo; PS256/384/512:
   * RSASSA-PSS, MGF1 with the same hash, salt as long as the hash; ES256 (P-256), ES384 (P-384),
   * ES512 (P-521), ES256K (P-256K): raw r||s, each left-padded to the curve size.
   *
   * @param digest 32, 48 or 64 bytes as the algorithm's hash requires
   * @return the signature: k bytes for RSA, 64/96/132 bytes for ECDSA
   * @throws VaultError badParameter for an algorithm not valid for the key or a wrong digest length
   */
  public static byte[] sign(KeyMaterial key, String alg, byte[] digest) {
    SignatureAlgorithm algorithm = KeyVaultAlgorithm.resolve(SIGNATURE, alg, "sign", key);
    checkDigest(algorithm, digest);
    requirePrivate(key, "sign");
    return algorithm.scheme() == SignatureAlgorithm.Scheme.ECDSA
        ? EcdsaSignatures.sign(key.ec(), digest)
        : RsaSignatures.sign(key.rsa(), algorithm, digest);
  }

  /**
   * Verifies a signature made by {@link #sign}.
   *
   * @return false for a wrong signature, including one of the wrong length
   * @throws VaultError badParameter for an algorithm not valid for the key, a wrong digest length
   *     or a missing signature
   */
  public static boolean verify(KeyMaterial key, String alg, byte[] digest, byte[] signature) {
    SignatureAlgorithm algorithm = KeyVaultAlgorithm.resolve(SIGNATURE, alg, "verify", key);
    checkDigest(algorithm, digest);
    if (signature == null) {
      throw VaultError.badParameter("Signature (value) is required for verify");
    }
    return algorithm.scheme() == SignatureAlgorithm.Scheme.ECDSA
        ? EcdsaSignatures.verify(key.ec(), digest, signature)
        : RsaSignatures.verify(key.rsa(), algorithm, digest, signature);
  }

  /**
   * Encrypts. RSA1_5, RSA-OAEP (SHA-1) and RSA-OAEP-256 (SHA-256) on RSA keys, with the plaintext
   * limit of the padding (k-11, k-42, k-66 bytes). A*GCM on an oct key of that size: iv null
   * generates 12 random bytes, else it must be 12 bytes; aad optional; the result holds the
   * ciphertext without the tag and the 16-byte tag. A*CBC (no padding, plaintext a multiple of 16)
   * and A*CBCPAD (PKCS#7): iv null generates 16 random bytes, else it must be 16 bytes.
   *
   * @throws VaultError badParameter for an algorithm not valid for the key or invalid sizes
   */
  public static CipherResult encrypt(
      KeyMaterial key, String alg, byte[] plaintext, byte[] iv, byte[] aad) {
    CipherAlgorithm algorithm =
        KeyVaultAlgorithm.resolve(CipherAlgorithm.ENCRYPTION, alg, "encrypt", key);
    requireValue(plaintext, "Plaintext", "encrypt");
    if (algorithm.mode() == CipherAlgorithm.Mode.RSA) {
      return new CipherResult(
          RsaEncryption.encrypt(key.rsa(), algorithm, plaintext, "Plaintext"), null, null);
    }
    return AesEncryption.encrypt(key.secretKey(), algorithm, plaintext, iv, aad);
  }

  /**
   * Decrypts what {@link #encrypt} produced. GCM needs the iv, the 16-byte tag and the aad used for
   * encryption; CBC modes need the iv.
   *
   * @throws VaultError badParameter "&lt;alg&gt; decryption failed" for a wrong tag, bad padding or
   *     any other invalid ciphertext; badParameter for missing or mis-sized inputs
   */
  public static byte[] decrypt(
      KeyMaterial key, String alg, byte[] ciphertext, byte[] iv, byte[] aad, byte[] tag) {
    CipherAlgorithm algorithm =
        KeyVaultAlgorithm.resolve(CipherAlgorithm.ENCRYPTION, alg, "decrypt", key);
    requireValue(ciphertext, "Ciphertext", "decrypt");
    if (algorithm.mode() == CipherAlgorithm.Mode.RSA) {
      requirePrivate(key, "decrypt");
      return RsaEncryption.decrypt(
          key.rsa(), algorithm, ciphertext, "Ciphertext", "decryption failed");
    }
    return AesEncryption.decrypt(key.secretKey(), algorithm, ciphertext, iv, aad, tag);
  }

  /**
   * Wraps a key. RSA1_5/RSA-OAEP/RSA-OAEP-256 as {@link #encrypt} on RSA keys; on oct keys
   * A128KW/A192KW/A256KW (RFC 3394, key size must match), CKM_AES_KEY_WRAP (RFC 3394, any size;
   * input a multiple of 8 bytes, at least 16) and CKM_AES_KEY_WRAP_PAD (RFC 5649, any length).
   */
  public static byte[] wrapKey(KeyMaterial key, String alg, byte[] keyToWrap) {
    CipherAlgorithm algorithm =
        KeyVaultAlgorithm.resolve(CipherAlgorithm.WRAP, alg, "wrapKey", key);
    requireValue(keyToWrap, "Key to wrap", "wrapKey");
    if (algorithm.mode() == CipherAlgorithm.Mode.RSA) {
      return RsaEncryption.encrypt(key.rsa(), algorithm, keyToWrap, "Key to wrap");
    }
    return AesKeyWrap.wrap(key.secretKey(), algorithm, keyToWrap);
  }

  /**
   * Unwraps what {@link #wrapKey} produced.
   *
   * @throws VaultError badParameter "&lt;alg&gt; key unwrap failed" when the integrity check or the
   *     padding fails
   */
  public static byte[] unwrapKey(KeyMaterial key, String alg, byte[] wrapped) {
    CipherAlgorithm algorithm =
        KeyVaultAlgorithm.resolve(CipherAlgorithm.WRAP, alg, "unwrapKey", key);
    requireValue(wrapped, "Wrapped key", "unwrapKey");
    if (algorithm.mode() == CipherAlgorithm.Mode.RSA) {
      requirePrivate(key, "unwrapKey");
      return RsaEncryption.decrypt(
          key.rsa(), algorithm, wrapped, "Wrapped key", "key unwrap failed");
    }
    return AesKeyWrap.unwrap(key.secretKey(), algorithm, wrapped);
  }

  /** The sign/verify algorithms valid for this key, e.g. [ES256] for a P-256 key. */
  public static Set<String> signatureAlgorithms(KeyMaterial key) {
    return KeyVaultAlgorithm.validNames(SIGNATURE, key);
  }

  /** The encrypt/decrypt algorithms valid for this key (empty for EC). */
  public static Set<String> encryptionAlgorithms(KeyMaterial key) {
    return KeyVaultAlgorithm.validNames(CipherAlgorithm.ENCRYPTION, key);
  }

  /** The wrapKey/unwrapKey algorithms valid for this key (empty for EC). */
  public static Set<String> wrapAlgorithms(KeyMaterial key) {
    return KeyVaultAlgorithm.validNames(CipherAlgorithm.WRAP, key);
  }

  private static void checkDigest(SignatureAlgorithm algorithm, byte[] digest) {
    if (digest == null) {
      throw VaultError.badParameter("Digest (value) is required for " + algorithm.jwaName());
    }
    if (digest.length != algorithm.digestLength()) {
      throw VaultError.badParameter(
          "Digest for "
              + algorithm.jwaName()
              + " must be "
              + algorithm.digestLength()
              + " bytes, got "
              + digest.length);
    }
  }

  private static void requireValue(byte[] value, String what, String operation) {
    if (value == null) {
      throw VaultError.badParameter(what + " (value) is required for " + operation);
    }
  }

  private static void requirePrivate(KeyMaterial key, String operation) {
    if (!key.hasPrivateKey()) {
      throw VaultError.badParameter(
          operation + " needs a private key; this key material is verification-only");
    }
  }
}
