package dev.keybridge.provider.cipher;

import dev.keybridge.keystore.key.VaultSecretKey;
import dev.keybridge.management.KeyVaultException;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.IvParameterSpec;

/**
 * AES key wrap on an AES vault key, in the vault: {@code AESWrap} / {@code AES/KW/NoPadding} (RFC
 * 3394, Key Vault A128KW/A192KW/A256KW by key size) and {@code AES/KWP/NoPadding} (RFC 5649, Key
 * Vault CKM_AES_KEY_WRAP_PAD). {@code WRAP_MODE}/{@code UNWRAP_MODE} map to the vault's wrapkey and
 * unwrapkey; {@code ENCRYPT_MODE}/{@code DECRYPT_MODE} do the same on raw bytes, as the JDK's KW
 * ciphers do. Only the RFCs' default IVs exist in Key Vault.
 */
final class AesKeyWrapCipher extends VaultAesCipher {
  private static final int SEMIBLOCK = 8;

  private final boolean padded;

  /**
   * @param padded RFC 5649 (KWP) instead of RFC 3394 (KW)
   * @param requiredKeySize 0 for any AES key size, else only that size
   */
  AesKeyWrapCipher(boolean padded, int requiredKeySize) {
    super(
        AesNames.transformation(requiredKeySize, padded ? "KWP" : "KW", "NoPadding"),
        requiredKeySize);
    this.padded = padded;
  }

  @Override
  String mode() {
    return padded ? "KWP" : "KW";
  }

  @Override
  String padding() {
    return "NoPadding";
  }

  @Override
  String vaultAlgorithm(VaultSecretKey key) {
    return padded ? "CKM_AES_KEY_WRAP_PAD" : "A" + key.keySize() + "KW";
  }

  @Override
  String vaultOperation(int mode) {
    return switch (mode) {
      case Cipher.WRAP_MODE, Cipher.ENCRYPT_MODE -> "wrapKey";
      case Cipher.UNWRAP_MODE, Cipher.DECRYPT_MODE -> "unwrapKey";
      default -> null;
    };
  }

  @Override
  byte[] checkParameters(int mode, AlgorithmParameterSpec params)
      throws InvalidAlgorithmParameterException {
    if (params != null) {
      throw new InvalidAlgorithmParameterException(
          transformation() + " takes no parameters: Key Vault wraps with the RFC's default IV");
    }
    return null;
  }

  @Override
  Class<? extends AlgorithmParameterSpec> parameterSpecClass() {
    return IvParameterSpec.class;
  }

  @Override
  protected int engineGetBlockSize() {
    return SEMIBLOCK;
  }

  @Override
  protected AlgorithmParameters engineGetParameters() {
    return null;
  }

  @Override
  protected int engineGetOutputSize(int inputLen) {
    int total = buffered() + inputLen;
    if (opmode() == Cipher.ENCRYPT_MODE || opmode() == Cipher.WRAP_MODE) {
      return wrappedLength(total);
    }
    return Math.max(0, total - SEMIBLOCK);
  }

  private int wrappedLength(int keyLength) {
    return padded
        ? (keyLength + SEMIBLOCK - 1) / SEMIBLOCK * SEMIBLOCK + SEMIBLOCK
        : keyLength + SEMIBLOCK;
  }

  @Override
  byte[] finish(VaultSecretKey key, String vaultAlgorithm, byte[] input)
      throws IllegalBlockSizeException, BadPaddingException {
    if (opmode() == Cipher.ENCRYPT_MODE) {
      return wrap(key, vaultAlgorithm, input);
    }
    checkWrappedLength(input);
    try {
      return key.crypto().unwrapKey(key.keyId(), vaultAlgorithm, input);
    } catch (KeyVaultException e) {
      throw CipherFailures.decryptFailure(transformation(), vaultAlgorithm, key, e);
    }
  }

  private byte[] wrap(VaultSecretKey key, String vaultAlgorithm, byte[] material)
      throws IllegalBlockSizeException {
    if (padded ? material.length == 0 : material.length < 16 || material.length % SEMIBLOCK != 0) {
      throw new IllegalBlockSizeException(
          transformation()
              + (padded
                  ? " wraps at least 1 byte"
                  : " wraps a multiple of 8 bytes, at least 16, got " + material.length));
    }
    byte[] wrapped;
    try {
      wrapped = key.crypto().wrapKey(key.keyId(), vaultAlgorithm, material);
    } catch (KeyVaultException e) {
      throw CipherFailures.failure(transformation(), vaultAlgorithm, key, e);
    }
    if (wrapped.length != wrappedLength(material.length)) {
      throw CipherFailures.badAnswer(
          transformation(), key, "returned a wrapped key of the wrong length");
    }
    return wrapped;
  }

  private void checkWrappedLength(byte[] wrapped) throws IllegalBlockSizeException {
    if (wrapped.length < (padded ? 16 : 24) || wrapped.length % SEMIBLOCK != 0) {
      throw new IllegalBlockSizeException(
          transformation()
              + ": a wrapped key is a multiple of 8 bytes, at least "
              + (padded ? 16 : 24)
              + ", got "
              + wrapped.length);
    }
  }

  @Override
  protected byte[] engineWrap(Key keyToWrap) throws IllegalBlockSizeException, InvalidKeyException {
    requireMode(Cipher.WRAP_MODE);
    byte[] material = keyToWrap == null ? null : keyToWrap.getEncoded();
    if (material == null) {
      throw new InvalidKeyException(
          transformation()
              + " wraps keys with an encoding; "
              + keyToWrap
              + " has none (a vault key?)");
    }
    return wrap(key(), vaultAlgorithm(key()), material);
  }

  @Override
  protected Key engineUnwrap(byte[] wrappedKey, String wrappedKeyAlgorithm, int wrappedKeyType)
      throws InvalidKeyException, NoSuchAlgorithmException {
    requireMode(Cipher.UNWRAP_MODE);
    String vaultAlgorithm = vaultAlgorithm(key());
    try {
      checkWrappedLength(wrappedKey);
    } catch (IllegalBlockSizeException e) {
      throw new InvalidKeyException(e.getMessage(), e);
    }
    byte[] material;
    try {
      material = key().crypto().unwrapKey(key().keyId(), vaultAlgorithm, wrappedKey);
    } catch (KeyVaultException e) {
      throw CipherFailures.unwrapFailure(transformation(), vaultAlgorithm, key(), e);
    }
    return UnwrappedKeys.toKey(material, wrappedKeyAlgorithm, wrappedKeyType);
  }
}
