package dev.keybridge.examples;

import dev.keybridge.keystore.KeyVaultKeyStore;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.provider.KeyBridgeProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * What every example starts from: a KeyBridge provider configured with one vault ({@code
 * keybridge.properties}, as {@code keybridge serve} or the local vault writes it) and the {@code
 * AzureKeyVault} KeyStore of that vault. Private keys taken from the KeyStore are opaque handles:
 * every private-key operation is one request to the vault, public-key operations stay local.
 */
public final class ExampleVault {
  private static final char[] NO_PASSWORD = new char[0];

  private final KeyBridgeProvider provider;
  private final KeyStore keyStore;

  private ExampleVault(KeyBridgeProvider provider, KeyStore keyStore) {
    this.provider = provider;
    this.keyStore = keyStore;
  }

  /**
   * Opens the vault described by {@code propertiesFile}: lists its keys and certificates (one
   * request per 25 names) and nothing else.
   *
   * @throws IOException if the file is unreadable or the vault cannot be listed (the message names
   *     the vault error code)
   */
  public static ExampleVault open(Path propertiesFile)
      throws IOException, GeneralSecurityException {
    KeyVaultConfig config;
    try {
      config = KeyVaultConfig.fromProperties(propertiesFile);
    } catch (IllegalArgumentException e) {
      throw new IOException("cannot use " + propertiesFile + ": " + e.getMessage(), e);
    }
    KeyBridgeProvider provider = new KeyBridgeProvider(config);
    KeyStore keyStore = KeyStore.getInstance(KeyVaultKeyStore.TYPE, provider);
    keyStore.load(null, null);
    return new ExampleVault(provider, keyStore);
  }

  /**
   * Appends an unconfigured KeyBridge provider to the JCA provider list unless one is installed.
   * That is all plain JCA code needs: {@code Signature.getInstance("SHA256withRSA")} and {@code
   * Cipher.getInstance(...)} stay in the JDK providers for software keys and move to KeyBridge,
   * through delayed provider selection, when initialised with a vault key (each handle carries its
   * own vault connection).
   */
  public static synchronized void installProvider() {
    if (Security.getProvider(KeyBridgeProvider.NAME) == null) {
      Security.addProvider(new KeyBridgeProvider());
    }
  }

  /** The provider configured for this vault. */
  public KeyBridgeProvider provider() {
    return provider;
  }

  /** The loaded {@code AzureKeyVault} KeyStore of this vault. */
  public KeyStore keyStore() {
    return keyStore;
  }

  /**
   * The private key handle and certificate chain (leaf first) of a certificate alias.
   *
   * @throws KeyStoreException if the alias does not exist or has no certificate
   */
  public KeyStore.PrivateKeyEntry privateKeyEntry(String alias) throws GeneralSecurityException {
    return privateKeyEntry(keyStore, alias);
  }

  /**
   * The private key entry of {@code alias} in any KeyStore (Key Vault entries have no password).
   *
   * @throws KeyStoreException if the alias does not exist or has no certificate chain
   */
  public static KeyStore.PrivateKeyEntry privateKeyEntry(KeyStore keyStore, String alias)
      throws GeneralSecurityException {
    KeyStore.Entry entry = keyStore.getEntry(alias, new KeyStore.PasswordProtection(NO_PASSWORD));
    if (entry == null) {
      throw new KeyStoreException("no entry '" + alias + "' in the vault");
    }
    if (!(entry instanceof KeyStore.PrivateKeyEntry privateKeyEntry)) {
      throw new KeyStoreException(
          "'"
              + alias
              + "' is not a private key with a certificate chain but a "
              + entry.getClass().getSimpleName());
    }
    return privateKeyEntry;
  }

  /** The X.509 chain of a private key entry, leaf first. */
  public static X509Certificate[] x509Chain(KeyStore.PrivateKeyEntry entry) {
    Certificate[] chain = entry.getCertificateChain();
    return Arrays.stream(chain).map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
  }
}
