package dev.keybridge.provider.signature;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.ProviderException;
import java.util.Locale;

/** The message digests Key Vault signs: the digest is computed locally, only it is sent. */
enum SignatureHash {
  SHA256("SHA-256", 32),
  SHA384("SHA-384", 48),
  SHA512("SHA-512", 64);

  private final String jcaName;
  private final int length;

  SignatureHash(String jcaName, int length) {
    this.jcaName = jcaName;
    this.length = length;
  }

  /** JCA digest name: SHA-256, SHA-384, SHA-512. */
  String jcaName() {
    return jcaName;
  }

  /** Digest length in bytes, which is also the PSS salt length Key Vault uses. */
  int length() {
    return length;
  }

  /** 256, 384 or 512: the suffix of Key Vault's algorithm names (RS256, PS384, ES512). */
  int bits() {
    return length * 8;
  }

  MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      throw new ProviderException(jcaName + " is not available in this JDK", e);
    }
  }

  /** Accepts SHA-256 and SHA256 spellings; null when Key Vault has no such hash. */
  static SignatureHash fromJcaName(String name) {
    if (name == null) {
      return null;
    }
    String normalized = name.toUpperCase(Locale.ROOT).replace("-", "");
    for (SignatureHash hash : values()) {
      if (hash.name().equals(normalized)) {
        return hash;
      }
    }
    return null;
  }
}
