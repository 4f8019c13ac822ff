package dev.keybridge.localvault.crypto;

/**
 * Key Vault wrapKey/unwrapKey algorithms: the RSA encryption schemes on RSA keys; AES key wrap (RFC
 * 3394) with a key of the named size (A*KW) or any size (CKM_AES_KEY_WRAP), and AES key wrap with
 * padding (RFC 5649, CKM_AES_KEY_WRAP_PAD) on oct keys.
 */
enum WrapAlgorithm implements KeyVaultAlgorithm {
  RSA1_5("RSA1_5", Mode.RSA, 0),
  RSA_OAEP("RSA-OAEP", Mode.RSA, 0),
  RSA_OAEP_256("RSA-OAEP-256", Mode.RSA, 0),
  A128KW("A128KW", Mode.KW, 128),
  A192KW("A192KW", Mode.KW, 192),
  A256KW("A256KW", Mode.KW, 256),
  CKM_AES_KEY_WRAP("CKM_AES_KEY_WRAP", Mode.KW, 0),
  CKM_AES_KEY_WRAP_PAD("CKM_AES_KEY_WRAP_PAD", Mode.KWP, 0);

  enum Mode {
    RSA,
    KW,
    KWP
  }

  private final String jwaName;
  private final Mode mode;
  private final int aesBits;

  WrapAlgorithm(String jwaName, Mode mode, int aesBits) {
    this.jwaName = jwaName;
    this.mode = mode;
    this.aesBits = aesBits;
  }

  @Override
  public String jwaName() {
    return jwaName;
  }

  @Override
  public boolean validFor(KeyMaterial key) {
    if (mode == Mode.RSA) {
      return key.isRsa();
    }
    return key.isOct() && (aesBits == 0 || key.keySize() == aesBits);
  }

  Mode mode() {
    return mode;
  }

  /** The encryption algorithm with the same RSA scheme (RSA modes only). */
  EncryptionAlgorithm rsaScheme() {
    return switch (this) {
      case RSA1_5 -> EncryptionAlgorithm.RSA1_5;
      case RSA_OAEP -> EncryptionAlgorithm.RSA_OAEP;
      case RSA_OAEP_256 -> EncryptionAlgorithm.RSA_OAEP_256;
      default -> throw new IllegalStateException(jwaName + " is not an RSA scheme");
    };
  }
}
