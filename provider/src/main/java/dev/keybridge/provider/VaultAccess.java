package dev.keybridge.provider;

import dev.keybridge.management.KeyVaultClients;
import dev.keybridge.management.config.KeyVaultConfig;
import java.security.ProviderException;

/**
 * The provider's way to the vault, resolved on first use and never in the constructor: the JDK
 * (java.security, ServiceLoader) instantiates providers that may never be used, and nothing may be
 * read or connected before a service needs it. An explicit configuration wins; otherwise {@link
 * KeyVaultConfig#fromEnvironment()} is read on first use. A failed resolution is not cached, so
 * setting the system properties later works.
 */
final class VaultAccess {
  private final KeyVaultConfig explicit;
  private volatile KeyVaultConfig resolved;
  private volatile KeyVaultClients clients;

  VaultAccess(KeyVaultConfig explicit) {
    this.explicit = explicit;
    this.resolved = explicit;
  }

  boolean isExplicit() {
    return explicit != null;
  }

  /**
   * @throws ProviderException saying how to configure keybridge when nothing is configured
   */
  KeyVaultConfig config() {
    KeyVaultConfig config = resolved;
    if (config == null) {
      synchronized (this) {
        config = resolved;
        if (config == null) {
          try {
            config = KeyVaultConfig.fromEnvironment();
          } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ProviderException(
                "KeyBridge is not configured: use KeyBridgeProvider.configure(<vault URL or"
                    + " keybridge.properties path>), or set the system property keybridge.vault.url"
                    + " (or AZURE_KEYVAULT_URL) with credentials: "
                    + e.getMessage(),
                e);
          }
          resolved = config;
        }
      }
    }
    return config;
  }

  /**
   * The clients of the configuration, opened on first use and kept for the provider's life (one
   * reference: the credential's clients and token stay warm between key generations).
   */
  KeyVaultClients clients() {
    KeyVaultClients open = clients;
    if (open != null) {
      return open;
    }
    synchronized (this) {
      if (clients == null) {
        KeyVaultConfig config = config();
        try {
          clients = KeyVaultClients.of(config);
        } catch (IllegalArgumentException e) {
          throw new ProviderException(
              "KeyBridge cannot use the configuration for "
                  + config.vaultUrl()
                  + ": "
                  + e.getMessage(),
              e);
        }
      }
      return clients;
    }
  }
}
