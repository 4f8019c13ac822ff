package dev.keybridge.keystore;

import com.azure.core.credential.TokenCredential;
import dev.keybridge.management.KeyVaultClients;
import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.auth.StaticTokenCredential;
import dev.keybridge.management.config.AuthMethod;
import dev.keybridge.management.config.KeyVaultConfig;
import java.io.IOException;
import java.io.InputStream;
import java.security.UnrecoverableKeyException;
import java.util.Properties;
import java.util.function.Supplier;

/** How {@link KeyVaultKeyStore} turns its load arguments into an opened, listed vault. */
final class KeyStoreLoading {
  private KeyStoreLoading() {}

  /**
   * The default configuration; a non-empty password becomes the bearer token when the
   * configuration's method is {@code token}. The token is passed as a {@code TokenCredential} of
   * its own, never written into the configuration: a new token per load shares the connection of
   * the others and is dropped with its KeyStore.
   */
  static KeyVaultConfig defaultConfig(Supplier<KeyVaultConfig> source, char[] password)
      throws IOException {
    KeyVaultConfig config;
    try {
      config = source.get();
    } catch (RuntimeException e) {
      throw new IOException("AzureKeyVault: no usable default configuration: " + e.getMessage(), e);
    }
    if (config == null) {
      throw new IOException("AzureKeyVault: no default configuration");
    }
    if (hasPassword(password) && config.authMethod() == AuthMethod.TOKEN) {
      config = config.toBuilder().token(null).credential(passwordToken(password)).build();
    }
    return config;
  }

  /**
   * A {@code keybridge.properties} stream; a non-empty password becomes the bearer token (as a
   * {@code TokenCredential}, see {@link #defaultConfig}) when {@code keybridge.auth.method=token}.
   */
  static KeyVaultConfig fromStream(InputStream stream, char[] password) throws IOException {
    Properties properties = new Properties();
    try {
      properties.load(stream);
      String method = properties.getProperty("keybridge.auth.method");
      if (hasPassword(password)
          && method != null
          && AuthMethod.TOKEN.propertyValue().equalsIgnoreCase(method.trim())) {
        KeyVaultConfig.Builder builder = KeyVaultConfig.builder();
        for (String name : properties.stringPropertyNames()) {
          if (name.startsWith("keybridge.")
              && !name.equals("keybridge.auth.method")
              && !name.equals("keybridge.auth.token")) {
            builder.set(name, properties.getProperty(name));
          }
        }
        return builder.credential(passwordToken(password)).build();
      }
      return KeyVaultConfig.fromProperties(properties);
    } catch (IllegalArgumentException e) {
      throw new IOException("AzureKeyVault: bad keybridge.properties: " + e.getMessage(), e);
    }
  }

  private static TokenCredential passwordToken(char[] password) {
    return new StaticTokenCredential(new String(password));
  }

  /**
   * Sets up the shared clients for the configuration and takes the listing.
   *
   * @throws IOException naming the vault error code; for 401 the cause is an {@link
   *     UnrecoverableKeyException} (keytool's "password was incorrect")
   */
  static VaultEntries open(KeyVaultLoadStoreParameter parameter) throws IOException {
    KeyStoreSettings settings = KeyStoreSettings.from(parameter);
    VaultEntries entries;
    try {
      entries = new VaultEntries(settings, KeyVaultClients.of(settings.config()));
    } catch (RuntimeException e) {
      throw new IOException(
          "AzureKeyVault: cannot set up the client for "
              + settings.config().vaultUrl()
              + ": "
              + e.getMessage(),
          e);
    }
    try {
      entries.listing();
    } catch (KeyVaultException e) {
      IOException failure =
          new IOException(
              "AzureKeyVault: cannot list " + settings.config().vaultUrl() + ": " + e.getMessage());
      if (e.statusCode() == 401) {
        failure.initCause(new UnrecoverableKeyException(e.getMessage()).initCause(e));
      } else {
        failure.initCause(e);
      }
      throw failure;
    }
    return entries;
  }

  private static boolean hasPassword(char[] password) {
    return password != null && password.length > 0;
  }
}
