package dev.keybridge.provider.cipher;

import dev.keybridge.keystore.key.VaultKey;
import dev.keybridge.management.KeyVaultException;
import java.security.InvalidKeyException;
import java.security.ProviderException;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;

/**
 * Turns a failed vault call into the exception the JCA method allows. The rule: the vault refusing
 * the input itself (HTTP 400: bad padding, bad tag, wrong length) is the caller's data problem and
 * becomes {@link BadPaddingException} (or {@link InvalidKeyException} for unwrap); anything else
 * (forbidden, disabled, deleted, throttled, unreachable) is not about the data and becomes a {@link
 * ProviderException}. Every message names the transformation, the vault algorithm, the key and the
 * vault error code.
 */
final class CipherFailures {
  private static final int BAD_REQUEST = 400;

  private CipherFailures() {}

  static String describe(
      String transformation, String vaultAlgorithm, VaultKey key, KeyVaultException e) {
    return transformation
        + " ("
        + vaultAlgorithm
        + ") with vault key "
        + key.keyId()
        + ": "
        + e.getMessage();
  }

  /** Decryption: a refusal of the ciphertext is a BadPaddingException; anything else is thrown. */
  static BadPaddingException decryptFailure(
      String transformation, String vaultAlgorithm, VaultKey key, KeyVaultException e) {
    if (e.statusCode() != BAD_REQUEST) {
      throw failure(transformation, vaultAlgorithm, key, e);
    }
    BadPaddingException bad =
        new BadPaddingException(describe(transformation, vaultAlgorithm, key, e));
    bad.initCause(e);
    return bad;
  }

  /** GCM decryption: a refusal is an AEADBadTagException (a BadPaddingException). */
  static AEADBadTagException tagFailure(
      String transformation, String vaultAlgorithm, VaultKey key, KeyVaultException e) {
    if (e.statusCode() != BAD_REQUEST) {
      throw failure(transformation, vaultAlgorithm, key, e);
    }
    AEADBadTagException bad =
        new AEADBadTagException(describe(transformation, vaultAlgorithm, key, e));
    bad.initCause(e);
    return bad;
  }

  /** Unwrapping: a refusal of the wrapped key is an InvalidKeyException, as in the JDK. */
  static InvalidKeyException unwrapFailure(
      String transformation, String vaultAlgorithm, VaultKey key, KeyVaultException e) {
    if (e.statusCode() != BAD_REQUEST) {
      throw failure(transformation, vaultAlgorithm, key, e);
    }
    return new InvalidKeyException(describe(transformation, vaultAlgorithm, key, e), e);
  }

  /** Everything the JCA method has no checked exception for. */
  static ProviderException failure(
      String transformation, String vaultAlgorithm, VaultKey key, KeyVaultException e) {
    return new ProviderException(describe(transformation, vaultAlgorithm, key, e), e);
  }

  /** The vault answered, but not with what a correct answer must look like. */
  static ProviderException badAnswer(String transformation, VaultKey key, String problem) {
    return new ProviderException(
        transformation + " with vault key " + key.keyId() + ": the vault " + problem);
  }
}
