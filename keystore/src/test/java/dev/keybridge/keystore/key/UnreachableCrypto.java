package dev.keybridge.keystore.key;

import dev.keybridge.management.crypto.VaultCrypto;

/** A VaultCrypto for unit tests of handle construction, where no operation may happen. */
final class UnreachableCrypto implements VaultCrypto {
  private static UnsupportedOperationException never() {
    return new UnsupportedOperationException("no vault in this unit test");
  }

  @Override
  public byte[] sign(String keyId, String algorithm, byte[] digest) {
    throw never();
  }

  @Override
  public byte[] decrypt(String keyId, String algorithm, byte[] ciphertext) {
    throw never();
  }

  @Override
  public byte[] unwrapKey(String keyId, String algorithm, byte[] wrappedKey) {
    throw never();
  }

  @Override
  public byte[] wrapKey(String keyId, String algorithm, byte[] key) {
    throw never();
  }

  @Override
  public SymmetricResult encrypt(
      String keyId, String algorithm, byte[] plaintext, byte[] iv, byte[] aad) {
    throw never();
  }

  @Override
  public byte[] decrypt(
      String keyId, String algorithm, byte[] ciphertext, byte[] iv, byte[] aad, byte[] tag) {
    throw never();
  }

  @Override
  public byte[] randomBytes(int count) {
    throw never();
  }
}
