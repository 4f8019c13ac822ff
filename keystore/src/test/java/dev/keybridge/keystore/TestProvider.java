package dev.keybridge.keystore;

import java.security.Provider;

/**
 * Registers only the AzureKeyVault KeyStore, so tests go through {@code KeyStore.getInstance}
 * without the provider module (which builds on this one).
 */
final class TestProvider extends Provider {
  private static final long serialVersionUID = 1L;

  TestProvider() {
    super("KeyBridgeKeyStoreTest", "0.1", "AzureKeyVault KeyStore for keystore tests");
    putService(
        new Service(
            this, "KeyStore", KeyVaultKeyStore.TYPE, VaultKeyStoreSpi.class.getName(), null, null) {
          @Override
          public Object newInstance(Object constructorParameter) {
            return new VaultKeyStoreSpi();
          }
        });
  }
}
