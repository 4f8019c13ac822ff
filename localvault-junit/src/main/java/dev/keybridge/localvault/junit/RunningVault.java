package dev.keybridge.localvault.junit;

import dev.keybridge.localvault.LocalVault;
import dev.keybridge.localvault.Role;
import dev.keybridge.management.KeyVaultManager;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.provider.KeyBridgeProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.util.EnumMap;
import java.util.Map;

/**
 * A local vault started by {@link WithLocalVault}: its configuration, a KeyBridge provider, a
 * KeyStore and the management facade, as the administrator or as a client with one {@link Role}.
 */
public final class RunningVault {
  private final LocalVault vault;
  private final KeyVaultConfig admin;
  private final Map<Role, KeyVaultConfig> roles = new EnumMap<>(Role.class);

  RunningVault(LocalVault vault, Map<Role, String[]> clients) {
    this.vault = vault;
    this.admin = KeyVaultConfig.fromProperties(vault.propertiesFile());
    clients.forEach(
        (role, client) ->
            roles.put(role, admin.toBuilder().clientId(client[0]).clientSecret(client[1]).build()));
  }

  /** The server itself (URL, data folder, access log, restart...). */
  public LocalVault localVault() {
    return vault;
  }

  /** {@code https://localhost:PORT}. */
  public String url() {
    return vault.url().toString();
  }

  /** The {@code keybridge.properties} of the administrator (for {@code --config} or tools). */
  public Path propertiesFile() {
    return vault.propertiesFile();
  }

  /** The administrator's configuration. */
  public KeyVaultConfig config() {
    return admin;
  }

  /** The configuration of the client that has {@code role} (and nothing else). */
  public KeyVaultConfig config(Role role) {
    return roles.get(role);
  }

  /** A KeyBridge provider configured as the administrator (not installed in {@code Security}). */
  public Provider provider() {
    return new KeyBridgeProvider(admin);
  }

  /** A KeyBridge provider configured as the client with {@code role}. */
  public Provider provider(Role role) {
    return new KeyBridgeProvider(config(role));
  }

  /** The {@code AzureKeyVault} KeyStore of this vault, loaded, as the administrator. */
  public KeyStore keyStore() {
    return keyStore(provider());
  }

  /** The {@code AzureKeyVault} KeyStore of this vault, loaded, as the client with {@code role}. */
  public KeyStore keyStore(Role role) {
    return keyStore(provider(role));
  }

  /** The management facade as the administrator. */
  public KeyVaultManager manager() {
    return new KeyVaultManager(admin);
  }

  /** The management facade as the client with {@code role}. */
  public KeyVaultManager manager(Role role) {
    return new KeyVaultManager(config(role));
  }

  private static KeyStore keyStore(Provider provider) {
    try {
      KeyStore store = KeyStore.getInstance("AzureKeyVault", provider);
      store.load(null, null);
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot open the AzureKeyVault KeyStore", e);
    }
  }

  @Override
  public String toString() {
    return "RunningVault[" + vault + "]";
  }
}
