package dev.keybridge.provider.cipher;

/** JCA transformation names of the AES ciphers, with or without a fixed key size. */
final class AesNames {
  private AesNames() {}

  /** {@code AES/GCM/NoPadding} for size 0, {@code AES_256/GCM/NoPadding} for 256. */
  static String transformation(int requiredKeySize, String mode, String padding) {
    return (requiredKeySize == 0 ? "AES" : "AES_" + requiredKeySize) + "/" + mode + "/" + padding;
  }
}
