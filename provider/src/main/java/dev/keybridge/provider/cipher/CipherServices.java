package dev.keybridge.provider.cipher;

import javax.crypto.CipherSpi;

/**
 * The cipher implementations {@code KeyBridgeProvider} registers, one factory per service; the
 * implementation classes are package-private. Applications use {@code
 * Cipher.getInstance(transformation, "KeyBridge")}, not these methods. An AES factory without a
 * size takes a key of any AES size (the Key Vault algorithm follows the key); one with a size takes
 * only keys of that size ({@code AES_128/GCM/NoPadding} and friends).
 */
public final class CipherServices {
  /** Any AES key size. */
  private static final int ANY_SIZE = 0;

  private CipherServices() {}

  /** {@code RSA/ECB/PKCS1Padding}: Key Vault RSA1_5. */
  public static CipherSpi rsaPkcs1() {
    return new RsaCipher.Pkcs1();
  }

  /** {@code RSA/ECB/OAEPWithSHA-1AndMGF1Padding}: Key Vault RSA-OAEP. */
  public static CipherSpi rsaOaepSha1() {
    return new RsaCipher.OaepWithSha1();
  }

  /** {@code RSA/ECB/OAEPWithSHA-256AndMGF1Padding}: Key Vault RSA-OAEP-256. */
  public static CipherSpi rsaOaepSha256() {
    return new RsaCipher.OaepWithSha256();
  }

  /** {@code RSA/ECB/OAEPPadding}: RSA-OAEP or RSA-OAEP-256 from the {@code OAEPParameterSpec}. */
  public static CipherSpi rsaOaep() {
    return new RsaCipher.Oaep();
  }

  /** {@code AES/GCM/NoPadding}: Key Vault A128GCM/A192GCM/A256GCM by key size. */
  public static CipherSpi aesGcm() {
    return new AesGcmCipher(ANY_SIZE);
  }

  /** {@code AES_<bits>/GCM/NoPadding}: Key Vault A<bits>GCM. */
  public static CipherSpi aesGcm(int bits) {
    return new AesGcmCipher(bits);
  }

  /** {@code AES/CBC/PKCS5Padding}: Key Vault A128CBCPAD/A192CBCPAD/A256CBCPAD by key size. */
  public static CipherSpi aesCbcPkcs5Padding() {
    return new AesCbcCipher(true, ANY_SIZE);
  }

  /** {@code AES/CBC/NoPadding}: Key Vault A128CBC/A192CBC/A256CBC by key size. */
  public static CipherSpi aesCbcNoPadding() {
    return new AesCbcCipher(false, ANY_SIZE);
  }

  /** {@code AES_<bits>/CBC/NoPadding}: Key Vault A<bits>CBC. */
  public static CipherSpi aesCbcNoPadding(int bits) {
    return new AesCbcCipher(false, bits);
  }

  /** {@code AES/KW/NoPadding} (RFC 3394): Key Vault A128KW/A192KW/A256KW by key size. */
  public static CipherSpi aesKeyWrap() {
    return new AesKeyWrapCipher(false, ANY_SIZE);
  }

  /** {@code AES_<bits>/KW/NoPadding}: Key Vault A<bits>KW. */
  public static CipherSpi aesKeyWrap(int bits) {
    return new AesKeyWrapCipher(false, bits);
  }

  /** {@code AES/KWP/NoPadding} (RFC 5649): Key Vault CKM_AES_KEY_WRAP_PAD. */
  public static CipherSpi aesKeyWrapPad() {
    return new AesKeyWrapCipher(true, ANY_SIZE);
  }

  /** {@code AES_<bits>/KWP/NoPadding}: Key Vault CKM_AES_KEY_WRAP_PAD, keys of that size only. */
  public static CipherSpi aesKeyWrapPad(int bits) {
    return new AesKeyWrapCipher(true, bits);
  }
}
