package dev.keybridge.localvault.crypto;

/**
 * The result of {@link KeyCrypto#encrypt}.
 *
 * @param ciphertext the ciphertext; for GCM without the tag
 * @param iv the IV used (given or generated) for AES modes, null for RSA
 * @param tag the 16-byte GCM authentication tag, null for other modes
 */
public record CipherResult(byte[] ciphertext, byte[] iv, byte[] tag) {}
