package dev.keybridge.keystore;

import com.azure.core.credential.TokenRequestContext;
import dev.keybridge.localvault.LocalVault;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.management.config.KeyVaultConfig;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.KeyStoreSpi;
import java.util.List;

/** Opens AzureKeyVault KeyStores on a local vault and counts the requests they make. */
final class VaultKeyStores {
  static final TestProvider PROVIDER = new TestProvider();

  private VaultKeyStores() {}

  /**
   * The vault's keybridge.properties as administrator, without retries (failures show at once) and
   * without the persistent certificate cache (each test counts the requests of its own KeyStore;
   * {@code CertificateCacheTest} tests the cache).
   */
  static KeyVaultConfig config(LocalVault vault) {
    return KeyVaultConfig.fromProperties(vault.propertiesFile()).toBuilder()
        .maxRetries(0)
        .keystoreCertificateCache("none")
        .build();
  }

  /** The same vault as another registered client. */
  static KeyVaultConfig config(LocalVault vault, String clientId, String clientSecret) {
    return config(vault).toBuilder().clientId(clientId).clientSecret(clientSecret).build();
  }

  /** {@code KeyStore.getInstance("AzureKeyVault")} loaded with a parameter. */
  static KeyStore open(KeyVaultLoadStoreParameter parameter) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyVaultKeyStore.TYPE, PROVIDER);
    store.load(parameter);
    return store;
  }

  /** Loaded with the vault's own configuration and default options. */
  static KeyStore open(LocalVault vault) throws Exception {
    return open(KeyVaultLoadStoreParameter.of(config(vault)));
  }

  /** A KeyStore over a given SPI instance (to test its constructors), not yet loaded. */
  static KeyStore wrap(KeyStoreSpi spi) {
    return new KeyStore(spi, PROVIDER, KeyVaultKeyStore.TYPE) {};
  }

  /**
   * Vault requests after {@code mark}: without token requests and without the 401 answers of the
   * authentication challenge (both belong to authentication, not to the KeyStore's work).
   */
  static List<AccessLog.Entry> vaultRequests(LocalVaultExtension vault, long mark) {
    return vault.accessLog().since(mark).stream()
        .filter(e -> !e.path().contains("/oauth2/"))
        .filter(e -> e.status() != 401)
        .toList();
  }

  /** Vault requests after {@code mark} with this method whose path matches the regex. */
  static long count(LocalVaultExtension vault, long mark, String method, String pathRegex) {
    return vaultRequests(vault, mark).stream()
        .filter(e -> e.method().equals(method) && e.path().matches(pathRegex))
        .count();
  }

  /**
   * A {@code keybridge.properties} stream for method token (the KeyStore password is the token),
   * plus {@code extraLines} ({@code name=value\n} each).
   */
  static InputStream tokenProperties(LocalVaultExtension vault, String extraLines) {
    String text =
        "keybridge.vault.url="
            + vault.vault().url()
            + "\nkeybridge.trust.ca-file="
            + vault.vault().caCertificateFile().toAbsolutePath().toString().replace('\\', '/')
            + "\nkeybridge.auth.method=token\n"
            + extraLines;
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** An access token of the administrator for the vault's resource. */
  static String adminToken(LocalVaultExtension vault) {
    return vault
        .sdk()
        .credential()
        .getTokenSync(new TokenRequestContext().addScopes(vault.vault().resource() + "/.default"))
        .getToken();
  }
}
