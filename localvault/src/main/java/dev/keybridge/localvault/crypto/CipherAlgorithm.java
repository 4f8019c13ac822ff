package dev.keybridge.localvault.crypto;

import java.util.Arrays;

/**
 * Key Vault encrypt/decrypt and wrapKey/unwrapKey algorithms. The RSA schemes serve both operations
 * on RSA keys; on oct keys AES-GCM/CBC/CBCPAD only encrypt, with a key of the named size, and AES
 * key wrap (RFC 3394) with a key of the named size (A*KW) or any size (CKM_AES_KEY_WRAP), and AES
 * key wrap with padding (RFC 5649, CKM_AES_KEY_WRAP_PAD) only wrap.
 */
enum CipherAlgorithm implements KeyVaultAlgorithm {
  RSA1_5("RSA1_5", Mode.RSA, 0),
  RSA_OAEP("RSA-OAEP", Mode.RSA, 0),
  RSA_OAEP_256("RSA-OAEP-256", Mode.RSA, 0),
  A128GCM("A128GCM", Mode.GCM, 128),
  A192GCM("A192GCM", Mode.GCM, 192),
  A256GCM("A256GCM", Mode.GCM, 256),
  A128CBC("A128CBC", Mode.CBC, 128),
  A192CBC("A192CBC", Mode.CBC, 192),
  A256CBC("A256CBC", Mode.CBC, 256),
  A128CBCPAD("A128CBCPAD", Mode.CBCPAD, 128),
  A192CBCPAD("A192CBCPAD", Mode.CBCPAD, 192),
  A256CBCPAD("A256CBCPAD", Mode.CBCPAD, 256),
  A128KW("A128KW", Mode.KW, 128),
  A192KW("A192KW", Mode.KW, 192),
  A256KW("A256KW", Mode.KW, 256),
  CKM_AES_KEY_WRAP("CKM_AES_KEY_WRAP", Mode.KW, 0),
  CKM_AES_KEY_WRAP_PAD("CKM_AES_KEY_WRAP_PAD", Mode.KWP, 0);

  /** The encrypt/decrypt algorithms, in declaration order. */
  static final CipherAlgorithm[] ENCRYPTION = withModes(Mode.RSA, Mode.GCM, Mode.CBC, Mode.CBCPAD);

  /** The wrapKey/unwrapKey algorithms, in declaration order. */
  static final CipherAlgorithm[] WRAP = withModes(Mode.RSA, Mode.KW, Mode.KWP);

  enum Mode {
    RSA,
    GCM,
    CBC,
    CBCPAD,
    KW,
    KWP
  }

  private final String jwaName;
  private final Mode mode;
  private final int aesBits;

  /**
   * @param aesBits the oct key size the algorithm requires, 0 for any size (and for RSA)
   */
  CipherAlgorithm(String jwaName, Mode mode, int aesBits) {
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

  private static CipherAlgorithm[] withModes(Mode... modes) {
    var wanted = Arrays.asList(modes);
    return Arrays.stream(values())
        .filter(a -> wanted.contains(a.mode))
        .toArray(CipherAlgorithm[]::new);
  }
}
