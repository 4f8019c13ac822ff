package dev.keybridge.provider.keygen;

import dev.keybridge.management.KeyVaultClients;
import java.security.KeyPairGeneratorSpi;
import java.util.function.Supplier;
import javax.crypto.KeyGeneratorSpi;

/**
 * The key generators {@code KeyBridgeProvider} registers, each creating its key in the vault of
 * {@code clients} (resolved on first use); the implementation classes are package-private.
 * Applications use {@code KeyPairGenerator.getInstance("RSA", "KeyBridge")} and friends with a
 * {@link VaultKeyGenParameterSpec}, not these methods.
 */
public final class KeyGenServices {
  private KeyGenServices() {}

  /** {@code KeyPairGenerator} RSA: Key Vault RSA / RSA-HSM keys. */
  public static KeyPairGeneratorSpi rsa(Supplier<KeyVaultClients> clients) {
    return new RsaKeyPairGenerator(clients);
  }

  /** {@code KeyPairGenerator} EC: Key Vault EC / EC-HSM keys. */
  public static KeyPairGeneratorSpi ec(Supplier<KeyVaultClients> clients) {
    return new EcKeyPairGenerator(clients);
  }

  /** {@code KeyGenerator} AES: Key Vault oct-HSM keys. */
  public static KeyGeneratorSpi aes(Supplier<KeyVaultClients> clients) {
    return new AesKeyGenerator(clients);
  }
}
