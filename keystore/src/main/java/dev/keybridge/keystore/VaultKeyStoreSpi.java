package dev.keybridge.keystore;

import dev.keybridge.keystore.key.VaultKey;
import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.config.KeyVaultConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.KeyStoreSpi;
import java.security.PrivateKey;
import java.security.ProviderException;
import java.security.UnrecoverableEntryException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;
import javax.crypto.SecretKey;

/**
 * The {@link KeyVaultKeyStore} ({@code AzureKeyVault}) KeyStore SPI; package-private, made by
 * {@link KeyVaultKeyStore#spi} for the provider's KeyStore row. Its behaviour is described on
 * {@link KeyVaultKeyStore}.
 */
final class VaultKeyStoreSpi extends KeyStoreSpi {
  private final Supplier<KeyVaultConfig> defaultConfig;
  private volatile Loaded loaded;

  /** The opened vault and its write path; replaced as a whole by each load. */
  private record Loaded(VaultEntries vault, VaultReads reads, VaultWrites writes) {}

  /** A KeyStore whose default configuration is {@link KeyVaultConfig#fromEnvironment()}. */
  VaultKeyStoreSpi() {
    this(KeyVaultConfig::fromEnvironment);
  }

  /**
   * A KeyStore whose default configuration ({@code load(null, ...)}) comes from {@code
   * defaultConfig}, called at each such load; this is how the provider passes its own.
   */
  VaultKeyStoreSpi(Supplier<KeyVaultConfig> defaultConfig) {
    this.defaultConfig = Objects.requireNonNull(defaultConfig, "defaultConfig");
  }

  // ---- loading -------------------------------------------------------------------------------

  @Override
  public void engineLoad(InputStream stream, char[] password) throws IOException {
    KeyVaultConfig config =
        stream == null
            ? KeyStoreLoading.defaultConfig(defaultConfig, password)
            : KeyStoreLoading.fromStream(stream, password);
    open(KeyVaultLoadStoreParameter.of(config));
  }

  @Override
  public void engineLoad(KeyStore.LoadStoreParameter parameter) throws IOException {
    if (parameter == null) {
      open(KeyVaultLoadStoreParameter.of(KeyStoreLoading.defaultConfig(defaultConfig, null)));
    } else if (parameter instanceof KeyVaultLoadStoreParameter vaultParameter) {
      open(vaultParameter);
    } else {
      throw new IllegalArgumentException(
          "AzureKeyVault loads from a KeyVaultLoadStoreParameter (or null for the default"
              + " configuration), not a "
              + parameter.getClass().getName());
    }
  }

  /**
   * True when the stream is a properties file naming a vault ({@code KeyStore.getInstance(File)}).
   */
  @Override
  public boolean engineProbe(InputStream stream) throws IOException {
    Properties properties = new Properties();
    try {
      properties.load(stream);
    } catch (IllegalArgumentException notProperties) {
      return false;
    }
    return properties.getProperty("keybridge.vault.url") != null;
  }

  private void open(KeyVaultLoadStoreParameter parameter) throws IOException {
    VaultEntries entries = KeyStoreLoading.open(parameter);
    this.loaded = new Loaded(entries, new VaultReads(entries), new VaultWrites(entries));
  }

  private Loaded loaded() {
    Loaded current = loaded;
    if (current == null) {
      throw new IllegalStateException("AzureKeyVault KeyStore is not loaded");
    }
    return current;
  }

  private VaultEntries vault() {
    return loaded().vault();
  }

  // ---- reads ---------------------------------------------------------------------------------

  /** The handle; the password is ignored (vault entries have none). */
  @Override
  public Key engineGetKey(String alias, char[] password) throws UnrecoverableKeyException {
    VaultEntries.FetchedKey fetched;
    try {
      fetched = reads().key(alias);
    } catch (KeyVaultException e) {
      if (e.statusCode() == 404) {
        return null;
      }
      throw (UnrecoverableKeyException) new UnrecoverableKeyException(e.getMessage()).initCause(e);
    }
    if (fetched == null) {
      return null;
    }
    if (fetched.unusable() != null) {
      throw (UnrecoverableKeyException)
          new UnrecoverableKeyException(fetched.unusable().getMessage())
              .initCause(fetched.unusable());
    }
    return fetched.handle();
  }

  @Override
  public Certificate[] engineGetCertificateChain(String alias) {
    List<X509Certificate> chain = read(() -> reads().chain(alias), null);
    return chain == null ? null : chain.toArray(new X509Certificate[0]);
  }

  @Override
  public Certificate engineGetCertificate(String alias) {
    return read(() -> reads().certificate(alias), null);
  }

  @Override
  public Date engineGetCreationDate(String alias) {
    return read(() -> reads().created(alias), null);
  }

  @Override
  public Enumeration<String> engineAliases() {
    return Collections.enumeration(read(() -> vault().listing().names(), List.of()));
  }

  @Override
  public boolean engineContainsAlias(String alias) {
    return read(() -> reads().contains(alias), false);
  }

  @Override
  public int engineSize() {
    return read(() -> vault().listing().size(), 0);
  }

  /** Every existing alias is a key entry. */
  @Override
  public boolean engineIsKeyEntry(String alias) {
    return engineContainsAlias(alias);
  }

  /** Always false: Key Vault holds no trusted-certificate entries. */
  @Override
  public boolean engineIsCertificateEntry(String alias) {
    return false;
  }

  /**
   * The certificate alias whose leaf is {@code certificate}, matched against the listing's
   * thumbprints (no request); else a bare alias whose bound chain file starts with it and whose key
   * it certifies (one key GET); else null.
   */
  @Override
  public String engineGetCertificateAlias(Certificate certificate) {
    return certificate instanceof X509Certificate x509
        ? read(() -> reads().certificateAlias(x509), null)
        : null;
  }

  /**
   * The entry: {@link KeyStore.PrivateKeyEntry} when there is a chain, {@link
   * KeyStore.SecretKeyEntry} for AES keys, {@link KeyOnlyEntry} for key-only aliases. No password
   * is needed; any protection parameter is ignored.
   */
  @Override
  public KeyStore.Entry engineGetEntry(String alias, KeyStore.ProtectionParameter protection)
      throws KeyStoreException, UnrecoverableEntryException {
    Key key;
    try {
      key = engineGetKey(alias, null);
    } catch (UnrecoverableKeyException e) {
      throw (UnrecoverableEntryException)
          new UnrecoverableEntryException(e.getMessage()).initCause(e);
    }
    if (key == null) {
      return null;
    }
    if (key instanceof SecretKey secret) {
      return new KeyStore.SecretKeyEntry(secret);
    }
    Certificate[] chain = engineGetCertificateChain(alias);
    return chain == null
        ? new KeyOnlyEntry((PrivateKey) key)
        : new KeyStore.PrivateKeyEntry((PrivateKey) key, chain);
  }

  /**
   * Whether the entry is of that class. {@link KeyStore.TrustedCertificateEntry} is always false
   * (no request); other classes are decided by {@link #engineGetEntry} (one key GET, cached).
   */
  @Override
  public boolean engineEntryInstanceOf(String alias, Class<? extends KeyStore.Entry> entryClass) {
    if (entryClass == KeyStore.TrustedCertificateEntry.class) {
      return false;
    }
    if (reads().listedCertificate(alias)) {
      // a vault certificate always has an RSA or EC key: a private key entry, known without a
      // request (keytool -list asks this of every alias)
      return entryClass == KeyStore.PrivateKeyEntry.class;
    }
    try {
      return entryClass.isInstance(engineGetEntry(alias, null));
    } catch (KeyStoreException | UnrecoverableEntryException e) {
      throw new ProviderException(e.getMessage(), e);
    }
  }

  private VaultReads reads() {
    return loaded().reads();
  }

  /**
   * Runs a read: HTTP 404 means the entry does not exist ({@code absent}); any other vault failure
   * is a {@link ProviderException} carrying the vault error code.
   */
  private static <T> T read(Supplier<T> read, T absent) {
    try {
      return read.get();
    } catch (KeyVaultException e) {
      if (e.statusCode() == 404) {
        return absent;
      }
      throw new ProviderException(e.getMessage(), e);
    }
  }

  // ---- writes --------------------------------------------------------------------------------

  /**
   * Imports {@code key} into the vault under {@code alias} (a new version if it exists). The
   * password is ignored: vault entries have none.
   *
   * @param chain null or empty for a key import (for a private key only reachable through this SPI
   *     or {@link KeyOnlyEntry}: {@code KeyStore.setKeyEntry} demands a chain); the key's chain
   *     (leaf first) for a certificate import
   * @throws KeyStoreException if the alias is not a Key Vault name, the key cannot be imported, or
   *     the vault refuses (message with the vault error code)
   */
  @Override
  public void engineSetKeyEntry(String alias, Key key, char[] password, Certificate[] chain)
      throws KeyStoreException {
    VaultWrites writes = loaded().writes();
    requireWritableName(alias);
    if (key == null) {
      throw new KeyStoreException("Cannot store a null key under '" + alias + "'");
    }
    if (chain != null && chain.length > 0) {
      if (!(key instanceof PrivateKey privateKey)) {
        throw new KeyStoreException(
            "A certificate chain goes with a private key; '"
                + alias
                + "' got a "
                + key.getAlgorithm()
                + " key");
      }
      if (privateKey instanceof VaultKey) {
        KeyImports.toJsonWebKey(alias, privateKey); // throws the "already in the vault" message
      }
      writes.importCertificate(alias, privateKey, chain);
    } else {
      writes.importKey(alias, key);
    }
  }

  /** Refused: Key Vault imports keys, not encrypted key blobs. */
  @Override
  public void engineSetKeyEntry(String alias, byte[] key, Certificate[] chain)
      throws KeyStoreException {
    throw new KeyStoreException(
        "AzureKeyVault does not take protected key bytes; pass the key itself:"
            + " setKeyEntry(alias, key, null, chain)");
  }

  /**
   * Refused: a certificate in Key Vault always has its private key, so there are no trusted
   * certificate entries. Import a key with its chain through {@code setKeyEntry}; keep trust
   * anchors in a local truststore (PKCS12, cacerts).
   */
  @Override
  public void engineSetCertificateEntry(String alias, Certificate certificate)
      throws KeyStoreException {
    throw new KeyStoreException(
        "AzureKeyVault does not store trusted certificates ('"
            + alias
            + "'): Key Vault keeps a certificate only together with its private key. Import a"
            + " key with its chain through setKeyEntry, and keep trust anchors in a local"
            + " truststore (PKCS12 or cacerts)");
  }

  /**
   * Imports a {@link KeyStore.PrivateKeyEntry} (as a certificate), a {@link KeyOnlyEntry} (as a
   * key) or a {@link KeyStore.SecretKeyEntry} (AES, as an oct key); see {@link #engineSetKeyEntry}.
   * The protection parameter is ignored.
   */
  @Override
  public void engineSetEntry(
      String alias, KeyStore.Entry entry, KeyStore.ProtectionParameter protection)
      throws KeyStoreException {
    if (entry instanceof KeyStore.PrivateKeyEntry privateEntry) {
      engineSetKeyEntry(
          alias, privateEntry.getPrivateKey(), null, privateEntry.getCertificateChain());
    } else if (entry instanceof KeyStore.SecretKeyEntry secretEntry) {
      engineSetKeyEntry(alias, secretEntry.getSecretKey(), null, null);
    } else if (entry instanceof KeyStore.TrustedCertificateEntry trusted) {
      engineSetCertificateEntry(alias, trusted.getTrustedCertificate());
    } else if (entry instanceof KeyOnlyEntry keyOnly) {
      engineSetKeyEntry(alias, keyOnly.getPrivateKey(), null, null);
    } else {
      throw new KeyStoreException(
          "AzureKeyVault cannot store a " + (entry == null ? "null entry" : entry.getClass()));
    }
  }

  /**
   * Soft-deletes the certificate or key {@code alias} (every version; recoverable during the
   * vault's retention period). Does not wait for the deletion to complete.
   *
   * @throws KeyStoreException for a pinned alias (versions cannot be deleted one by one), an alias
   *     that does not exist, or a vault refusal (message with the vault error code)
   */
  @Override
  public void engineDeleteEntry(String alias) throws KeyStoreException {
    Loaded current = loaded();
    VaultAlias parsed = VaultAlias.parse(alias).orElse(null);
    if (parsed != null && parsed.pinned()) {
      throw new KeyStoreException(
          "Key Vault deletes a key or certificate with all its versions; delete '"
              + parsed.name()
              + "', not '"
              + alias
              + "'");
    }
    requireWritableName(alias);
    AliasListing.Listed listed;
    try {
      listed = current.vault().listing().find(alias);
    } catch (KeyVaultException e) {
      throw new KeyStoreException(e.getMessage(), e);
    }
    if (listed == null) {
      throw new KeyStoreException(
          "No entry '" + alias + "' in " + current.vault().settings().config().vaultUrl());
    }
    current.writes().delete(listed);
  }

  /** Does nothing: every write already went to the vault. The stream is left untouched. */
  @Override
  public void engineStore(OutputStream stream, char[] password) {
    loaded();
  }

  /** Does nothing: every write already went to the vault. */
  @Override
  public void engineStore(KeyStore.LoadStoreParameter parameter) {
    loaded();
  }

  private static void requireWritableName(String alias) throws KeyStoreException {
    if (!VaultAlias.isValidName(alias)) {
      throw new KeyStoreException(
          "'"
              + alias
              + "' is not a Key Vault name: 1 to 127 characters of 0-9, a-z, A-Z and -; versions"
              + " are assigned by the vault");
    }
  }
}
