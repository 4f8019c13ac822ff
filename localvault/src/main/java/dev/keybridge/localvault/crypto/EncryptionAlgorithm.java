package dev.keybridge.localvault.crypto;

/** Key Vault encrypt/decrypt algorithms: RSA on RSA keys, AES on oct keys of the same size. */
enum EncryptionAlgorithm implements KeyVaultAlgorithm {
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
  A256CBCPAD("A256CBCPAD", Mode.CBCPAD, 256);

  enum Mode {
    RSA,
    GCM,
    CBC,
    CBCPAD
  }

  private final String jwaName;
  private final Mode mode;
  private final int aesBits;

  EncryptionAlgorithm(String jwaName, Mode mode, int aesBits) {
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
    return mode == Mode.RSA ? key.isRsa() : key.isOct() && key.keySize() == aesBits;
  }

  Mode mode() {
    return mode;
  }
}
