package dev.keybridge.keystore;

import dev.keybridge.keystore.key.VaultKey;
import dev.keybridge.management.config.KeyVaultConfig;
import java.io.IOException;
import java.security.KeyStoreException;
import java.security.KeyStoreSpi;
import java.security.ProviderException;
import java.security.UnrecoverableKeyException;
import java.util.function.Supplier;

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
 * name/version} pins a version; it is accepted by every read method but not listed by {@code
 * KeyStore.aliases()}. Every entry is a key entry; there are no trusted-certificate entries.
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
 *
 * <p>Applications use {@code KeyStore.getInstance(KeyVaultKeyStore.TYPE, "KeyBridge")}; the SPI
 * itself is package-private, made by {@link #spi} for the provider.
 */
public final class KeyVaultKeyStore {
  /** The KeyStore type. */
  public static final String TYPE = "AzureKeyVault";

  private KeyVaultKeyStore() {}

  /**
   * The KeyStore SPI, whose default configuration ({@code load(null, ...)}) comes from {@code
   * defaultConfig}, called at each such load; this is how the provider passes its own.
   */
  public static KeyStoreSpi spi(Supplier<KeyVaultConfig> defaultConfig) {
    return new VaultKeyStoreSpi(defaultConfig);
  }
}
