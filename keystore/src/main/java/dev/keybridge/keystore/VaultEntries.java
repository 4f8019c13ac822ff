package dev.keybridge.keystore;

import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificate;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import dev.keybridge.keystore.key.VaultKey;
import dev.keybridge.keystore.key.VaultKeys;
import dev.keybridge.management.KeyVaultClients;
import dev.keybridge.management.KeyVaultErrors;
import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.certificates.CertificateChains;
import dev.keybridge.management.crypto.VaultCrypto;
import dev.keybridge.management.crypto.VaultKeyAccess;
import dev.keybridge.management.keys.KeyBundle;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The vault side of one loaded KeyStore: the alias listing and the entries, each fetched on first
 * use with exactly the requests it needs and cached for the configured time. Thread-safe; no lock
 * is held while a request runs (see {@link ExpiringCache}).
 *
 * <ul>
 *   <li>{@link #listing()}: the key and certificate list pages only.
 *   <li>{@link #key}: one {@code GET /keys/{name}/{version}}.
 *   <li>{@link #certificate}: one {@code GET /certificates/{name}/{version}} (leaf only).
 *   <li>{@link #chain}: the certificate plus one {@code GET /secrets/{name}/{version}}.
 * </ul>
 *
 * Every failure is a {@link KeyVaultException} naming the vault error code.
 */
final class VaultEntries {
  /** The listing is never refreshed by time when caching is off: it is the load() snapshot. */
  private static final Duration LISTING_WITHOUT_TTL = Duration.ofDays(365L * 100);

  private static final Boolean LISTING = Boolean.TRUE;

  /** A fetched key bundle and its handle, or why no handle can be made from it. */
  record FetchedKey(KeyVaultKey bundle, VaultKey handle, InvalidKeyException unusable) {
    boolean managed() {
      return Boolean.TRUE.equals(bundle.getProperties().isManaged());
    }

    Date created() {
      var created = bundle.getProperties().getCreatedOn();
      return created == null ? null : Date.from(created.toInstant());
    }
  }

  /** A fetched certificate: its leaf and the version it belongs to. */
  record FetchedCertificate(X509Certificate leaf, String name, String version) {}

  private final KeyStoreSettings settings;
  private final KeyClient keys;
  private final CertificateClient certificates;
  private final SecretClient secrets;
  private final VaultCrypto crypto;
  private final VaultKeyAccess access;
  private final ExpiringCache<Boolean, AliasListing> listing;
  private final ExpiringCache<VaultAlias, FetchedKey> keyCache;
  private final ExpiringCache<VaultAlias, FetchedCertificate> certificateCache;
  private final ExpiringCache<VaultAlias, List<X509Certificate>> chainCache;

  VaultEntries(KeyStoreSettings settings, KeyVaultClients clients) {
    this.settings = settings;
    this.keys = clients.keys();
    this.certificates = clients.certificates();
    this.secrets = clients.secrets();
    this.crypto = clients.crypto();
    this.access = clients.keyAccess();
    Duration ttl = settings.cacheTtl();
    this.listing = new ExpiringCache<>(ttl.isZero() ? LISTING_WITHOUT_TTL : ttl, settings.clock());
    this.keyCache = new ExpiringCache<>(ttl, settings.clock());
    this.certificateCache = new ExpiringCache<>(ttl, settings.clock());
    this.chainCache = new ExpiringCache<>(ttl, settings.clock());
  }

  KeyStoreSettings settings() {
    return settings;
  }

  KeyClient keys() {
    return keys;
  }

  CertificateClient certificates() {
    return certificates;
  }

  VaultCrypto crypto() {
    return crypto;
  }

  /** Key reads and writes (one request each; key sizes as management decides them). */
  VaultKeyAccess access() {
    return access;
  }

  /** The alias listing, re-listed when older than the cache TTL. */
  AliasListing listing() {
    return listing.get(LISTING, () -> AliasListing.fetch(keys, certificates));
  }

  /** Changes the cached listing after a write of this KeyStore (no request). */
  void updateListing(UnaryOperator<AliasListing> change) {
    listing.update(LISTING, change);
  }

  /** The key bundle and handle of {@code alias}: latest version or the pinned one. */
  FetchedKey key(VaultAlias alias) {
    return keyCache.get(cacheKey(alias), () -> fetchKey(alias));
  }

  /** The cached key of {@code alias} if there is one; never a request. */
  FetchedKey cachedKey(VaultAlias alias) {
    return keyCache.peek(cacheKey(alias));
  }

  /** Caches a bundle known from a write (the vault's answer to an import). */
  void remember(KeyBundle bundle) {
    FetchedKey fetched = toFetched(bundle);
    String name = bundle.name();
    keyCache.put(cacheKey(new VaultAlias(name, null)), fetched);
    keyCache.put(cacheKey(new VaultAlias(name, bundle.version())), fetched);
  }

  private FetchedKey fetchKey(VaultAlias alias) {
    return toFetched(access.getKey(alias.name(), alias.pinned() ? alias.version() : null));
  }

  private FetchedKey toFetched(KeyBundle bundle) {
    try {
      return new FetchedKey(bundle.sdkKey(), VaultKeys.fromKeyBundle(bundle, crypto), null);
    } catch (InvalidKeyException e) {
      return new FetchedKey(bundle.sdkKey(), null, e);
    }
  }

  /** The leaf certificate of a certificate alias (one certificate GET, no secret). */
  FetchedCertificate certificate(VaultAlias alias) {
    return certificateCache.get(cacheKey(alias), () -> fetchCertificate(alias));
  }

  private FetchedCertificate fetchCertificate(VaultAlias alias) {
    KeyVaultCertificate certificate;
    try {
      certificate =
          alias.pinned()
              ? certificates.getCertificateVersion(alias.name(), alias.version())
              : certificates.getCertificate(alias.name());
    } catch (RuntimeException e) {
      throw KeyVaultErrors.translate(e, "getCertificate", alias.toString());
    }
    if (certificate.getCer() == null) {
      throw new KeyVaultException(
          "getCertificate",
          alias.toString(),
          200,
          "CertificateWithoutCer",
          null,
          "the vault returned the certificate without its DER (cer)",
          null);
    }
    try {
      return new FetchedCertificate(
          CertificateChains.fromDer(certificate.getCer()),
          certificate.getProperties().getName(),
          certificate.getProperties().getVersion());
    } catch (CertificateException e) {
      throw new KeyVaultException(
          "getCertificate",
          alias.toString(),
          200,
          "CertificateUnparseable",
          null,
          "the certificate's cer is not an X.509 certificate: " + e.getMessage(),
          e);
    }
  }

  /**
   * The full chain of a certificate alias: the leaf from the certificate, the rest from its secret
   * (PKCS#12 or PEM). When the secret cannot be read (403: no secret permission; 404) or parsed,
   * the chain is the leaf alone; any other failure is thrown.
   */
  List<X509Certificate> chain(VaultAlias alias) {
    return chainCache.get(cacheKey(alias), () -> fetchChain(alias));
  }

  private List<X509Certificate> fetchChain(VaultAlias alias) {
    FetchedCertificate certificate = certificate(alias);
    KeyVaultSecret secret;
    try {
      secret = secrets.getSecret(certificate.name(), certificate.version());
    } catch (RuntimeException e) {
      KeyVaultException failure = KeyVaultErrors.translate(e, "getSecret", alias.toString());
      if (failure.statusCode() == 403 || failure.statusCode() == 404) {
        return List.of(certificate.leaf());
      }
      throw failure;
    }
    try {
      List<X509Certificate> all =
          CertificateChains.fromSecret(secret.getProperties().getContentType(), secret.getValue());
      List<X509Certificate> candidates = new ArrayList<>(all);
      candidates.remove(certificate.leaf());
      return CertificateChains.order(certificate.leaf(), candidates);
    } catch (GeneralSecurityException e) {
      return List.of(certificate.leaf());
    }
  }

  /** Forgets everything cached about {@code name} (every version). */
  void invalidate(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    keyCache.invalidateIf(alias -> alias.name().equals(lower));
    certificateCache.invalidateIf(alias -> alias.name().equals(lower));
    chainCache.invalidateIf(alias -> alias.name().equals(lower));
  }

  private static VaultAlias cacheKey(VaultAlias alias) {
    return new VaultAlias(alias.name().toLowerCase(Locale.ROOT), alias.version());
  }
}
