package dev.keybridge.keystore;

import com.azure.security.keyvault.keys.models.KeyProperties;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import dev.keybridge.keystore.key.VaultKey;
import dev.keybridge.keystore.key.VaultKeys;
import dev.keybridge.keystore.key.VaultPrivateKey;
import dev.keybridge.management.KeyVaultClients;
import dev.keybridge.management.KeyVaultErrors;
import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.certificates.VaultCertificate;
import dev.keybridge.management.certificates.VaultCertificateAccess;
import dev.keybridge.management.crypto.VaultCrypto;
import dev.keybridge.management.crypto.VaultKeyAccess;
import dev.keybridge.management.keys.KeyBundle;
import java.security.InvalidKeyException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
 *   <li>{@link #chain}: one {@code GET /secrets/{name}[/{version}]} (plus the certificate GET when
 *       neither its leaf nor the listing's thumbprint is known, or the secret is forbidden).
 * </ul>
 *
 * Every request goes through management's access layer ({@link VaultKeyAccess}, {@link
 * VaultCertificateAccess}); every failure is a {@link KeyVaultException} naming the vault error
 * code.
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
  private final CertificateCache stored;
  private final Optional<AliasFilter> filter;
  private final AtomicInteger certificateMisses = new AtomicInteger();
  private final AtomicInteger chainMisses = new AtomicInteger();
  private final VaultCrypto crypto;
  private final VaultKeyAccess access;
  private final VaultCertificateAccess certificateAccess;
  private final ExpiringCache<Boolean, AliasListing> listing;
  private final ExpiringCache<VaultAlias, FetchedKey> keyCache;
  private final ExpiringCache<VaultAlias, FetchedCertificate> certificateCache;
  private final ExpiringCache<VaultAlias, List<X509Certificate>> chainCache;

  VaultEntries(KeyStoreSettings settings, KeyVaultClients clients) {
    this.settings = settings;
    this.stored =
        CertificateCache.open(
            settings.config().keystoreCertificateCache(), settings.config().vaultUrl().toString());
    this.filter = AliasFilter.parse(settings.config().keystoreAliases());
    this.crypto = clients.crypto();
    this.access = clients.keyAccess();
    this.certificateAccess = clients.certificateAccess();
    Duration ttl = settings.cacheTtl();
    this.listing = new ExpiringCache<>(ttl.isZero() ? LISTING_WITHOUT_TTL : ttl, settings.clock());
    this.keyCache = new ExpiringCache<>(ttl, settings.clock());
    this.certificateCache = new ExpiringCache<>(ttl, settings.clock());
    this.chainCache = new ExpiringCache<>(ttl, settings.clock());
  }

  KeyStoreSettings settings() {
    return settings;
  }

  VaultCrypto crypto() {
    return crypto;
  }

  /** Key reads and writes (one request each; key sizes as management decides them). */
  VaultKeyAccess access() {
    return access;
  }

  /** Certificate reads and writes (one request each). */
  VaultCertificateAccess certificateAccess() {
    return certificateAccess;
  }

  /**
   * The alias listing, re-listed when older than the cache TTL. A KeyStore limited to exact names
   * ({@code keybridge.keystore.aliases}) fetches those keys instead of listing the vault; one
   * limited by globs lists and keeps the matching names.
   */
  AliasListing listing() {
    return listing.get(LISTING, this::fetchListing);
  }

  private AliasListing fetchListing() {
    if (filter.isPresent() && filter.get().exactNamesOnly()) {
      return AliasListing.ofKeys(fetchNamedKeys(filter.get().names()));
    }
    AliasListing all = AliasListing.fetch(certificateAccess);
    return filter.map(f -> all.filtered(f::matches)).orElse(all);
  }

  /**
   * The latest version of each named key that exists (404: left out), remembered as fetched: the
   * first alone (it settles the challenge and the token), the others in parallel on a pool of at
   * most {@code keybridge.http.max-connections} threads that lives for this call only (the requests
   * block, so they must not run on the common ForkJoin pool).
   */
  private List<KeyProperties> fetchNamedKeys(List<String> names) {
    if (names.isEmpty()) {
      return List.of();
    }
    List<KeyBundle> bundles = new ArrayList<>();
    bundles.add(keyOrNull(names.get(0)));
    if (names.size() > 1) {
      int threads = Math.min(names.size() - 1, settings.config().maxConnections());
      ExecutorService pool =
          Executors.newFixedThreadPool(
              threads,
              task -> {
                Thread thread = new Thread(task, "keybridge-keystore-load");
                thread.setDaemon(true);
                return thread;
              });
      try {
        List<Future<KeyBundle>> pending = new ArrayList<>();
        for (String name : names.subList(1, names.size())) {
          pending.add(pool.submit(() -> keyOrNull(name)));
        }
        for (int i = 0; i < pending.size(); i++) {
          bundles.add(fetched(pending.get(i), names.get(i + 1)));
        }
      } finally {
        pool.shutdownNow();
      }
    }
    List<KeyProperties> found = new ArrayList<>();
    for (KeyBundle bundle : bundles) {
      if (bundle != null) {
        remember(bundle);
        found.add(bundle.properties());
      }
    }
    return found;
  }

  private static KeyBundle fetched(Future<KeyBundle> pending, String name) {
    try {
      return pending.get();
    } catch (ExecutionException e) {
      throw KeyVaultErrors.translate(e.getCause(), "getKey", name);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw KeyVaultErrors.translate(e, "getKey", name);
    }
  }

  /** The latest version of name through the key-access layer, or null for a 404. */
  private KeyBundle keyOrNull(String name) {
    try {
      return access.getKey(name, null);
    } catch (KeyVaultException e) {
      if (e.statusCode() == 404) {
        return null;
      }
      throw e;
    }
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

  /**
   * The leaf certificate of a certificate alias: from the persistent cache when the version is
   * known there (by the listing's thumbprint, the pinned version, or the version of the key fetched
   * for the alias), else one certificate GET (no secret). From the second GET on, every listed
   * certificate that is not known yet is fetched in parallel (callers that ask for two ask for all:
   * jarsigner, keytool -list).
   */
  FetchedCertificate certificate(VaultAlias alias) {
    return certificateCache.get(cacheKey(alias), () -> storedOrFetched(alias));
  }

  private FetchedCertificate storedOrFetched(VaultAlias alias) {
    CertificateCache.Cached cached = storedCertificate(alias);
    if (cached != null) {
      return new FetchedCertificate(cached.leaf(), listedName(alias), cached.version());
    }
    if (!alias.pinned() && certificateMisses.incrementAndGet() > 1) {
      FetchedCertificate prefetched = prefetchListedCertificates(alias);
      if (prefetched != null) {
        return prefetched;
      }
    }
    FetchedCertificate fetched = fetchCertificate(alias);
    stored.putLeaf(fetched.name(), fetched.version(), fetched.leaf());
    return fetched;
  }

  /** The stored version this alias names now, or null when the store cannot tell. */
  private CertificateCache.Cached storedCertificate(VaultAlias alias) {
    if (!stored.enabled()) {
      return null;
    }
    if (alias.pinned()) {
      return stored.byVersion(alias.name(), alias.version());
    }
    AliasListing.Listed listed = listing().find(alias.name());
    if (listed != null && listed.thumbprint() != null) {
      return stored.byThumbprint(alias.name(), listed.thumbprint());
    }
    FetchedKey key = cachedKey(alias);
    if (key != null && key.managed()) {
      CertificateCache.Cached cached =
          stored.byVersion(alias.name(), key.bundle().getProperties().getVersion());
      if (cached != null
          && key.handle() instanceof VaultPrivateKey handle
          && ChainFiles.samePublicKey(handle.publicKey(), cached.leaf().getPublicKey())) {
        return cached;
      }
    }
    return null;
  }

  private String listedName(VaultAlias alias) {
    AliasListing.Listed listed = listing().find(alias.name());
    return listed != null ? listed.name() : alias.name();
  }

  /**
   * Fetches, in parallel over the shared connection pool, every listed certificate that is neither
   * in memory nor in the persistent cache, caching each; returns the one of {@code alias}, or null
   * if its fetch failed (the caller then fetches it alone and reports the failure).
   */
  private FetchedCertificate prefetchListedCertificates(VaultAlias alias) {
    Map<String, CompletableFuture<VaultCertificate>> pending = new LinkedHashMap<>();
    String wanted = alias.name().toLowerCase(Locale.ROOT);
    for (AliasListing.Listed listed : listing().certificates()) {
      String name = listed.name();
      VaultAlias bare = new VaultAlias(name, null);
      boolean isWanted = name.toLowerCase(Locale.ROOT).equals(wanted);
      if (!isWanted
          && (certificateCache.peek(cacheKey(bare)) != null || storedCertificate(bare) != null)) {
        continue;
      }
      pending.put(name, certificateAccess.getCertificateAsync(name, null));
    }
    FetchedCertificate result = null;
    for (CompletableFuture<VaultCertificate> certificate : pending.values()) {
      FetchedCertificate fetched;
      try {
        fetched = toFetched(certificate.join());
      } catch (CompletionException e) {
        continue;
      }
      stored.putLeaf(fetched.name(), fetched.version(), fetched.leaf());
      if (fetched.name().toLowerCase(Locale.ROOT).equals(wanted)) {
        result = fetched;
      } else {
        certificateCache.put(cacheKey(new VaultAlias(fetched.name(), null)), fetched);
      }
    }
    return result;
  }

  private FetchedCertificate fetchCertificate(VaultAlias alias) {
    return toFetched(
        certificateAccess.getCertificate(alias.name(), alias.pinned() ? alias.version() : null));
  }

  private static FetchedCertificate toFetched(VaultCertificate certificate) {
    return new FetchedCertificate(
        certificate.x509Certificate(), certificate.name(), certificate.version());
  }

  /**
   * The full chain of a certificate alias, leaf first: from the persistent cache when it holds the
   * version's chain, else read from the certificate's secret (PKCS#12 or PEM). A listed alias whose
   * leaf is not known yet costs ONE request (the latest secret, its leaf found by the listing's
   * thumbprint); a known leaf, one secret GET of its version; an alias without a thumbprint
   * (pinned, or an alias filter of exact names), the certificate GET first. When the secret cannot
   * be read (403: no secret permission; 404) or parsed, the chain is the leaf alone, from one
   * certificate GET; any other failure is thrown. From the second chain the KeyStore has to fetch
   * on, every listed certificate whose chain is not known yet is fetched in parallel (callers that
   * ask for two ask for all: keytool -list).
   */
  List<X509Certificate> chain(VaultAlias alias) {
    return chainCache.get(cacheKey(alias), () -> storedOrFetchedChain(alias));
  }

  private List<X509Certificate> storedOrFetchedChain(VaultAlias alias) {
    List<X509Certificate> stored = storedChain(alias);
    if (stored != null) {
      return stored;
    }
    if (!alias.pinned() && chainMisses.incrementAndGet() > 1) {
      List<X509Certificate> prefetched = prefetchListedChains(alias);
      if (prefetched != null) {
        return prefetched;
      }
    }
    FetchedChain fetched;
    try {
      fetched = chainAsync(alias).join();
    } catch (CompletionException e) {
      throw KeyVaultErrors.translate(e.getCause(), "getCertificateChain", alias.toString());
    }
    return rememberChain(fetched);
  }

  /** The persistent cache's chain of the version this alias names now, or null. */
  private List<X509Certificate> storedChain(VaultAlias alias) {
    CertificateCache.Cached cached = storedCertificate(alias);
    return cached != null && cached.chain() ? cached.certificates() : null;
  }

  /**
   * Fetches, in parallel over the shared connection pool (at most {@code
   * keybridge.http.max-connections} requests at a time), the chain of every listed certificate that
   * is neither in memory nor in the persistent cache, caching each; returns the one of {@code
   * alias}, or null if its fetch failed (the caller then fetches it alone and reports the failure).
   */
  private List<X509Certificate> prefetchListedChains(VaultAlias alias) {
    Map<String, CompletableFuture<FetchedChain>> pending = new LinkedHashMap<>();
    String wanted = alias.name().toLowerCase(Locale.ROOT);
    for (AliasListing.Listed listed : listing().certificates()) {
      VaultAlias bare = new VaultAlias(listed.name(), null);
      boolean isWanted = listed.name().toLowerCase(Locale.ROOT).equals(wanted);
      if (!isWanted && (chainCache.peek(cacheKey(bare)) != null || storedChain(bare) != null)) {
        continue;
      }
      pending.put(listed.name(), chainAsync(bare));
    }
    List<X509Certificate> result = null;
    for (Map.Entry<String, CompletableFuture<FetchedChain>> chain : pending.entrySet()) {
      FetchedChain fetched;
      try {
        fetched = chain.getValue().join();
      } catch (CompletionException e) {
        continue;
      }
      List<X509Certificate> certificates = rememberChain(fetched);
      if (chain.getKey().toLowerCase(Locale.ROOT).equals(wanted)) {
        result = certificates;
      } else {
        chainCache.put(cacheKey(new VaultAlias(chain.getKey(), null)), certificates);
      }
    }
    return result;
  }

  /**
   * A fetched chain of {@code alias}: read from the certificate's secret ({@code fromSecret}), or
   * the leaf alone (the secret could not be read).
   */
  private record FetchedChain(
      VaultAlias alias,
      FetchedCertificate certificate,
      List<X509Certificate> chain,
      boolean fromSecret) {
    static FetchedChain leafAlone(VaultAlias alias, FetchedCertificate certificate) {
      return new FetchedChain(alias, certificate, List.of(certificate.leaf()), false);
    }
  }

  /**
   * Caches what a chain read learned: the leaf in memory and on disk, and a chain read from the
   * secret on disk (certificates only: the secret's private key is never kept); returns the chain.
   */
  private List<X509Certificate> rememberChain(FetchedChain fetched) {
    FetchedCertificate certificate = fetched.certificate();
    if (fetched.fromSecret()) {
      stored.putChain(certificate.name(), certificate.version(), fetched.chain());
    } else {
      stored.putLeaf(certificate.name(), certificate.version(), certificate.leaf());
    }
    if (certificateCache.peek(cacheKey(fetched.alias())) == null) {
      certificateCache.put(cacheKey(fetched.alias()), certificate);
    }
    return fetched.chain();
  }

  /** One alias's chain without blocking, with as few requests as what is known allows. */
  private CompletableFuture<FetchedChain> chainAsync(VaultAlias alias) {
    FetchedCertificate known = certificateCache.peek(cacheKey(alias));
    if (known == null) {
      CertificateCache.Cached cached = storedCertificate(alias);
      if (cached != null) {
        known = new FetchedCertificate(cached.leaf(), alias.name(), cached.version());
      }
    }
    if (known != null) {
      return chainOf(alias, CompletableFuture.completedFuture(known));
    }
    AliasListing.Listed listed = alias.pinned() ? null : listing().find(alias.name());
    if (listed == null || listed.thumbprint() == null) {
      return chainOf(alias, certificateAsync(alias));
    }
    return certificateAccess
        .getLatestChainAsync(alias.name(), listed.thumbprint())
        .thenApply(
            read ->
                new FetchedChain(
                    alias,
                    new FetchedCertificate(read.chain().get(0), alias.name(), read.version()),
                    read.chain(),
                    true))
        .exceptionallyCompose(
            failure -> {
              KeyVaultException cause =
                  KeyVaultErrors.translate(failure, "getCertificateChain", alias.name());
              if (VaultCertificateAccess.LEAF_NOT_IN_SECRET.equals(cause.errorCode())) {
                return chainOf(alias, certificateAsync(alias));
              }
              if (leafAloneFor(cause)) {
                return certificateAsync(alias)
                    .thenApply(leaf -> FetchedChain.leafAlone(alias, leaf));
              }
              return CompletableFuture.failedFuture(cause);
            });
  }

  private CompletableFuture<FetchedCertificate> certificateAsync(VaultAlias alias) {
    return certificateAccess
        .getCertificateAsync(alias.name(), alias.pinned() ? alias.version() : null)
        .thenApply(VaultEntries::toFetched);
  }

  /** The chain of a certificate version whose leaf is (or will be) known: one secret GET. */
  private CompletableFuture<FetchedChain> chainOf(
      VaultAlias alias, CompletableFuture<FetchedCertificate> leaf) {
    return leaf.thenCompose(
        certificate ->
            certificateAccess
                .getChainAsync(certificate.name(), certificate.version(), certificate.leaf())
                .thenApply(chain -> new FetchedChain(alias, certificate, chain, true))
                .exceptionallyCompose(
                    failure -> {
                      KeyVaultException cause =
                          KeyVaultErrors.translate(
                              failure, "getCertificateChain", certificate.name());
                      return leafAloneFor(cause)
                          ? CompletableFuture.completedFuture(
                              FetchedChain.leafAlone(alias, certificate))
                          : CompletableFuture.failedFuture(cause);
                    }));
  }

  /** A secret that cannot be read (403, 404) or parsed leaves the chain as the leaf alone. */
  private static boolean leafAloneFor(KeyVaultException failure) {
    return failure.statusCode() == 403
        || failure.statusCode() == 404
        || VaultCertificateAccess.CHAIN_UNREADABLE.equals(failure.errorCode());
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
