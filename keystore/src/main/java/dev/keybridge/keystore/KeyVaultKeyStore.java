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
 * The {@code AzureKeyVault} KeyStore: the keys and certificates of one Key Vault or Managed HSM, as
 * key entries whose keys are opaque {@link VaultKey} handles.
 *
 * <h2>Loading</h2>
 *
 * <ul>
 *   <li>{@code load(stream, password)}: {@code stream} is a {@code keybridge.properties} (what
 *       {@code keytool/jarsigner -keystore FILE -storetype AzureKeyVault} pass). With {@code
 *       keybridge.auth.method=token} a non-empty password is the bearer token; otherwise the
 *       password is ignored (Key Vault entries have no passwords). Relative paths in the stream
 *       resolve against the working directory.
 *   <li>{@code load(null, password)} and {@code load(null)}: the default configuration (the
 *       provider's, or {@link KeyVaultConfig#fromEnvironment()}).
 *   <li>{@code load(KeyVaultLoadStoreParameter)}: a configuration plus KeyStore options.
 * </ul>
 *
 * Loading lists keys and certificates (25 names a request) and nothing else; a failure is an {@link
 * IOException} naming the vault error code (401 has an {@link UnrecoverableKeyException} cause,
 * which keytool reports as a wrong password).
 *
 * <h2>Aliases</h2>
 *
 * Every key name and every certificate name is one alias ({@code name}: the latest version). {@code
 * name/version} pins a version; it is accepted by every read method but not listed by {@link
 * #engineAliases()}. Every entry is a key entry; there are no trusted-certificate entries.
 *
 * <ul>
 *   <li>Certificate aliases: {@code getCertificate} is the leaf (one certificate GET, no secret);
 *       {@code getCertificateChain} adds the intermediates from the certificate's secret (PKCS#12
 *       or PEM) when the caller may read it, else it is the leaf alone.
 *   <li>Bare key aliases: the chain from a chain file whose leaf certifies the key ({@code
 *       keybridge.keystore.chain-file}, or bound to the alias by {@link
 *       KeyVaultLoadStoreParameter}); otherwise the entry is key-only: {@code getKey} returns the
 *       handle, {@code getCertificate} and {@code getCertificateChain} return null (no request when
 *       no chain file is configured). For jarsigner, either configure a chain file or pass {@code
 *       -certchain chain.pem}, which jarsigner then uses instead of the KeyStore's chain.
 * </ul>
 *
 * <h2>Cost and caching</h2>
 *
 * {@code aliases}, {@code size}, {@code containsAlias}, {@code isKeyEntry}, {@code
 * isCertificateEntry} and {@code getCreationDate} of bare aliases answer from the listing; each
 * entry is fetched on first use (key GET; certificate GET; secret GET for a chain). The listing and
 * the entries are kept for {@code keybridge.keystore.cache-ttl}; the listing is then taken again,
 * the entries fetched again. With a TTL of zero entries are always fetched and the listing is the
 * one {@code load} took (changed only by this KeyStore's writes).
 *
 * <h2>Writes</h2>
 *
 * <ul>
 *   <li>{@code setKeyEntry(alias, privateKey, ignored, chain)} imports a certificate (a PKCS#12 of
 *       key and chain).
 *   <li>{@code setEntry(alias, new KeyOnlyEntry(privateKey), null)} imports an RSA or EC key
 *       without certificate ({@code KeyStore.setKeyEntry} itself refuses a private key without a
 *       chain before it reaches this SPI; called directly, this SPI's {@code engineSetKeyEntry}
 *       with a null chain does the same import).
 *   <li>{@code setKeyEntry(alias, aesKey, ignored, null)} imports an oct key (oct-HSM where the
 *       vault needs it).
 *   <li>{@code deleteEntry} soft-deletes the certificate or key (all versions) and returns without
 *       waiting for the deletion to finish.
 *   <li>{@code setCertificateEntry} is refused: Key Vault stores certificates only with their
 *       private key. {@code store} does nothing: every write is already in the vault.
 * </ul>
 *
 * <h2>Failures</h2>
 *
 * A vault failure is never a null: read methods whose JCA signature declares no checked exception
 * throw {@link ProviderException}, {@code getKey} throws {@link UnrecoverableKeyException}, writes
 * throw {@link KeyStoreException}; each message names the vault error code and the alias. Null
 * means only what the KeyStore contract says: the alias does not exist (HTTP 404 for a pinned alias
 * or an entry deleted since the listing).
 *
 * <p>Thread-safe: any number of threads may use one loaded instance.
 */
public final class KeyVaultKeyStore extends KeyStoreSpi {
  /** The KeyStore type. */
  public static final String TYPE = "AzureKeyVault";

  private final Supplier<KeyVaultConfig> defaultConfig;
  private volatile Loaded loaded;

  /** The opened vault and its write path; replaced as a whole by each load. */
  private record Loaded(VaultEntries vault, VaultReads reads, VaultWrites writes) {}

  /** A KeyStore whose default configuration is {@link KeyVaultConfig#fromEnvironment()}. */
  public KeyVaultKeyStore() {
    this(KeyVaultConfig::fromEnvironment);
  }

  /**
   * A KeyStore whose default configuration ({@code load(null, ...)}) comes from {@code
   * defaultConfig}, called at each such load; this is how the provider passes its own.
   */
  public KeyVaultKeyStore(Supplier<KeyVaultConfig> defaultConfig) {
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
