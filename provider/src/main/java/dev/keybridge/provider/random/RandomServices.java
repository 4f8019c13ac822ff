package dev.keybridge.provider.random;

import dev.keybridge.management.crypto.VaultCrypto;
import java.security.SecureRandomSpi;
import java.util.function.Supplier;

/**
 * The SecureRandom {@code KeyBridgeProvider} registers; the implementation class is
 * package-private. Applications use {@code SecureRandom.getInstance("AzureKeyVaultRng",
 * "KeyBridge")}, not this method.
 */
public final class RandomServices {
  private RandomServices() {}

  /** {@code AzureKeyVaultRng}: bytes from the HSM's generator ({@code POST /rng}). */
  public static SecureRandomSpi vaultRng(Supplier<VaultCrypto> crypto) {
    return new VaultSecureRandom(crypto);
  }
}
