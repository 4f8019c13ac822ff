package dev.keybridge.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.models.ImportCertificateOptions;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificateWithPolicy;
import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.http.RequestInterceptor;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The persistent certificate cache and the alias filter, counted in the local vault's access log: a
 * second KeyStore answers certificates and chains from the cache, misses are fetched in parallel
 * (each once), a new version is never served stale, only certificates are stored, and a cache that
 * cannot be used is ignored with one warning. Isolated: it counts the JVM's KeyStore load threads,
 * so no other test class may load a KeyStore meanwhile.
 */
@Isolated
class CertificateCacheTest {
  private static final int CERTIFICATES = 12;

  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create().client("reader", "reader-secret", Role.READER);

  @TempDir Path dir;

  private static final List<TestPki.Chain> CHAINS = new ArrayList<>();
  private final List<LogRecord> warnings = Collections.synchronizedList(new ArrayList<>());
  private final Logger logger = Logger.getLogger(CertificateCache.class.getName());
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeAll
  static void importCertificates() throws Exception {
    for (int i = 0; i < CERTIFICATES; i++) {
      CHAINS.add(importCertificate("cc-" + i));
    }
  }

  private static TestPki.Chain importCertificate(String name) throws Exception {
    CertificateClient certificates = VAULT.sdk().certificateClient();
    KeyPair pair = TestPki.ec("secp256r1");
    TestPki.Chain chain = TestPki.chainFor(pair.getPublic(), name);
    KeyVaultCertificateWithPolicy imported =
        certificates.importCertificate(
            new ImportCertificateOptions(name, TestPki.pkcs12(pair, chain)));
    assertThat(imported.getCer()).isEqualTo(chain.leaf().getEncoded());
    return chain;
  }

  @BeforeEach
  void captureWarnings() {
    logger.addHandler(capture);
  }

  @AfterEach
  void releaseWarnings() {
    logger.removeHandler(capture);
  }

  private KeyStore open(Path cache, Map<String, String> extra) throws Exception {
    return open(VaultKeyStores.config(VAULT.vault()), cache, extra);
  }

  private KeyStore open(
      dev.keybridge.management.config.KeyVaultConfig config, Path cache, Map<String, String> extra)
      throws Exception {
    var builder = config.toBuilder().keystoreCertificateCache(cache.toString());
    extra.forEach(builder::set);
    return VaultKeyStores.open(KeyVaultLoadStoreParameter.of(builder.build()));
  }

  /** getCertificate of every alias (what jarsigner does), then the chain of cc-0. */
  private static List<Certificate> readAll(KeyStore store) throws Exception {
    List<Certificate> leaves = new ArrayList<>();
    for (String alias : Collections.list(store.aliases())) {
      leaves.add(store.getCertificate(alias));
    }
    assertThat(store.getCertificateChain("cc-0")).containsExactly(CHAINS.get(0).toArray());
    return leaves;
  }

  private static long certificateGets(long mark) {
    return VaultKeyStores.count(VAULT, mark, "GET", "/certificates/[^/]+(/[0-9a-f]*)?");
  }

  @Test
  void aSecondKeyStoreAnswersCertificatesAndChainsFromTheCache() throws Exception {
    Path cache = dir.resolve("cache");
    long first = VAULT.accessLog().mark();
    List<Certificate> fetched = readAll(open(cache, Map.of()));
    assertThat(certificateGets(first))
        .as("each certificate fetched once")
        .isEqualTo(fetched.size());
    assertThat(VaultKeyStores.count(VAULT, first, "GET", "/secrets/.+")).isEqualTo(1);

    long second = VAULT.accessLog().mark();
    KeyStore warm = open(cache, Map.of());
    List<Certificate> cached = readAll(warm);
    for (String alias : Collections.list(warm.aliases())) {
      assertThat(warm.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class)).isTrue();
      assertThat(warm.entryInstanceOf(alias, KeyStore.SecretKeyEntry.class)).isFalse();
    }
    assertThat(cached).isEqualTo(fetched);
    for (TestPki.Chain chain : CHAINS) {
      assertThat(cached).contains(chain.leaf());
    }
    assertThat(certificateGets(second)).isZero();
    assertThat(VaultKeyStores.count(VAULT, second, "GET", "/secrets/.+")).isZero();
    assertThat(VaultKeyStores.vaultRequests(VAULT, second))
        .as("the list pages only")
        .allMatch(e -> e.path().equals("/keys") || e.path().equals("/certificates"));
    assertThat(warnings).isEmpty();
    assertThat(pemBlocks(cache))
        .as("only certificates are stored")
        .containsOnly("-----BEGIN CERTIFICATE-----");
  }

  private static List<String> pemBlocks(Path cache) throws Exception {
    List<String> blocks = new ArrayList<>();
    try (Stream<Path> files = Files.walk(cache)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        for (String line : Files.readAllLines(file)) {
          if (line.startsWith("-----BEGIN ")) {
            blocks.add(line);
          }
        }
      }
    }
    return blocks;
  }

  private static long secretGets(long mark) {
    return VaultKeyStores.count(VAULT, mark, "GET", "/secrets/.+");
  }

  /** The expected chain of a cc-N alias. */
  private static Certificate[] expectedChain(String alias) {
    return CHAINS.get(Integer.parseInt(alias.substring("cc-".length()))).toArray();
  }

  /**
   * keytool -list asks every alias's chain: from the second chain on, every chain not known yet is
   * read at once, one secret GET each (its leaf found by the listing's thumbprint, no certificate
   * GET), concurrently; a second KeyStore reads them all from the cache.
   */
  @Test
  void everyChainIsOneSecretReadInParallelThenCached() throws Exception {
    Path cache = dir.resolve("cache");
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    RequestInterceptor slowSecrets =
        new RequestInterceptor() {
          @Override
          public VaultResponse beforeHandling(VaultRequest request) {
            if (request.path().startsWith("/secrets/")) {
              maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              try {
                Thread.sleep(150);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              inFlight.decrementAndGet();
            }
            return null;
          }
        };
    long mark = VAULT.accessLog().mark();
    KeyStore store = open(cache, Map.of());
    List<String> aliases = Collections.list(store.aliases());
    VAULT.vault().addInterceptor(slowSecrets);
    try {
      for (String alias : aliases) {
        Certificate[] chain = store.getCertificateChain(alias);
        assertThat(store.getCertificate(alias)).isEqualTo(chain[0]);
        if (alias.matches("cc-[0-9]+")) {
          assertThat(chain).containsExactly(expectedChain(alias));
        }
      }
    } finally {
      VAULT.vault().removeInterceptor(slowSecrets);
    }
    int pages = (aliases.size() + 24) / 25;
    assertThat(secretGets(mark)).as("one secret GET per chain").isEqualTo(aliases.size());
    assertThat(certificateGets(mark)).as("no certificate GET").isZero();
    assertThat(VaultKeyStores.vaultRequests(VAULT, mark))
        .as("key and certificate list pages, one secret GET per certificate")
        .hasSize(2 * pages + aliases.size());
    assertThat(maxInFlight.get()).as("chain reads overlap").isGreaterThanOrEqualTo(2);
    assertThat(pemBlocks(cache)).containsOnly("-----BEGIN CERTIFICATE-----");

    long warm = VAULT.accessLog().mark();
    KeyStore second = open(cache, Map.of());
    for (String alias : aliases) {
      assertThat(second.getCertificateChain(alias)).isEqualTo(store.getCertificateChain(alias));
    }
    assertThat(secretGets(warm)).isZero();
    assertThat(VaultKeyStores.vaultRequests(VAULT, warm))
        .as("no chain request with the cache warm")
        .allMatch(e -> e.path().equals("/keys") || e.path().equals("/certificates"));
    assertThat(warnings).isEmpty();
  }

  @Test
  void aChainRenewedAfterTheListingIsReadFreshNeverStale() throws Exception {
    Path cache = dir.resolve("cache");
    TestPki.Chain first = importCertificate("cc-chain-renewed");
    assertThat(open(cache, Map.of()).getCertificateChain("cc-chain-renewed"))
        .containsExactly(first.toArray());

    TestPki.Chain second = importCertificate("cc-chain-renewed");
    long mark = VAULT.accessLog().mark();
    KeyStore store = open(cache, Map.of());
    assertThat(store.getCertificateChain("cc-chain-renewed")).containsExactly(second.toArray());
    assertThat(store.getCertificate("cc-chain-renewed")).isEqualTo(second.leaf());
    assertThat(secretGets(mark)).isEqualTo(1);

    // renewed between the listing and the chain read: the secret's leaf is not the listed one
    KeyStore listedBefore = open(dir.resolve("other-cache"), Map.of());
    TestPki.Chain third = importCertificate("cc-chain-renewed");
    assertThat(listedBefore.getCertificateChain("cc-chain-renewed"))
        .containsExactly(third.toArray());
    assertThat(open(cache, Map.of()).getCertificateChain("cc-chain-renewed"))
        .containsExactly(third.toArray());
  }

  /**
   * A Reader may not read secrets: every chain is its leaf alone (one certificate GET after the
   * refused secret GET), nothing but leaves is cached, so a principal with secret rights still gets
   * the full chain from the same cache folder.
   */
  @Test
  void aReaderGetsLeavesAndTheLeafAloneAsChain() throws Exception {
    Path cache = dir.resolve("cache");
    long mark = VAULT.accessLog().mark();
    KeyStore reader =
        open(VaultKeyStores.config(VAULT.vault(), "reader", "reader-secret"), cache, Map.of());
    List<String> aliases = Collections.list(reader.aliases());
    for (String alias : aliases) {
      Certificate[] chain = reader.getCertificateChain(alias);
      assertThat(chain).hasSize(1);
      assertThat(reader.getCertificate(alias)).isEqualTo(chain[0]);
      if (alias.matches("cc-[0-9]+")) {
        assertThat(chain[0]).isEqualTo(expectedChain(alias)[0]);
      }
    }
    int pages = (aliases.size() + 24) / 25;
    assertThat(certificateGets(mark)).isEqualTo(aliases.size());
    assertThat(VaultKeyStores.vaultRequests(VAULT, mark))
        .as("list pages, then per certificate a refused secret GET and a certificate GET")
        .hasSize(2 * pages + 2 * aliases.size());

    KeyStore admin = open(cache, Map.of());
    assertThat(admin.getCertificateChain("cc-0")).containsExactly(CHAINS.get(0).toArray());
  }

  @Test
  void aNewVersionIsPickedUpNeverServedStale() throws Exception {
    Path cache = dir.resolve("cache");
    readAll(open(cache, Map.of()));
    TestPki.Chain renewed = importCertificate("cc-renewed");
    TestPki.Chain renewedAgain = importCertificate("cc-renewed");

    long mark = VAULT.accessLog().mark();
    KeyStore store = open(cache, Map.of());
    assertThat(store.getCertificate("cc-renewed")).isEqualTo(renewedAgain.leaf());
    assertThat(store.getCertificateChain("cc-renewed")).containsExactly(renewedAgain.toArray());
    assertThat(certificateGets(mark)).isEqualTo(1);
    assertThat(renewed.leaf()).isNotEqualTo(renewedAgain.leaf());

    TestPki.Chain third = importCertificate("cc-renewed");
    KeyStore filtered = open(cache, Map.of("keybridge.keystore.aliases", "cc-renewed"));
    assertThat(filtered.getCertificate("cc-renewed")).isEqualTo(third.leaf());
    assertThat(open(cache, Map.of()).getCertificate("cc-renewed")).isEqualTo(third.leaf());
  }

  @Test
  void exactNamesSkipTheListingAndGlobsFilterIt() throws Exception {
    Path cache = dir.resolve("cache");
    readAll(open(cache, Map.of()));

    long mark = VAULT.accessLog().mark();
    KeyStore exact = open(cache, Map.of("keybridge.keystore.aliases", "cc-0,CC-2,missing"));
    assertThat(Collections.list(exact.aliases())).containsExactly("cc-0", "cc-2");
    assertThat(exact.getCertificate("cc-2")).isEqualTo(CHAINS.get(2).leaf());
    assertThat(exact.getCertificateChain("cc-0")).containsExactly(CHAINS.get(0).toArray());
    assertThat(exact.getKey("cc-0", null)).isNotNull();
    assertThat(exact.containsAlias("cc-3")).isFalse();
    assertThat(VaultKeyStores.vaultRequests(VAULT, mark))
        .as("one key GET per name, nothing else")
        .extracting(e -> e.method() + " " + e.path().replaceAll("/([0-9a-f]{32})?$", ""))
        .containsExactlyInAnyOrder("GET /keys/cc-0", "GET /keys/CC-2", "GET /keys/missing");
    // the names after the first were fetched on a pool of the load's own, gone with it
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (loadThreads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(loadThreads()).isZero();

    KeyStore globbed = open(cache, Map.of("keybridge.keystore.aliases", "cc-1?, cc-?"));
    assertThat(Collections.list(globbed.aliases()))
        .hasSize(CERTIFICATES)
        .allMatch(alias -> alias.matches("cc-[0-9]+"));
  }

  private static long loadThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals("keybridge-keystore-load"))
        .count();
  }

  @Test
  void corruptFilesAreIgnoredWithOneWarningAndReplaced() throws Exception {
    Path cache = dir.resolve("cache");
    readAll(open(cache, Map.of()));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(cache)) {
      files = walk.filter(p -> p.toString().endsWith(".pem")).toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(CERTIFICATES);
    for (Path file : files) {
      Files.write(file, new byte[] {0x30, (byte) 0x82, 0x7f});
    }

    long mark = VAULT.accessLog().mark();
    List<Certificate> leaves = readAll(open(cache, Map.of()));
    for (TestPki.Chain chain : CHAINS) {
      assertThat(leaves).contains(chain.leaf());
    }
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getMessage()).contains("corrupt").contains(cache.toString());
    assertThat(certificateGets(mark)).isEqualTo(leaves.size());

    long again = VAULT.accessLog().mark();
    readAll(open(cache, Map.of()));
    assertThat(certificateGets(again)).as("the files were written again").isZero();
  }

  @Test
  void anUnwritableFolderIsIgnoredWithOneWarning() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("a-file"), "x");
    List<Certificate> leaves = readAll(open(notAFolder, Map.of()));
    for (TestPki.Chain chain : CHAINS) {
      assertThat(leaves).contains(chain.leaf());
    }
    readAll(open(notAFolder, Map.of()));
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getMessage())
        .contains("cannot write")
        .contains(notAFolder.toString());
  }

  @Test
  void theDefaultFolderIsThePlatformCacheFolder() {
    Path home = Path.of("/home/u");
    assertThat(CertificateCache.platformFolder(Map.of("XDG_CACHE_HOME", "/x/c"), "Linux", home))
        .contains(Path.of("/x/c/keybridge"));
    assertThat(CertificateCache.platformFolder(Map.of("XDG_CACHE_HOME", "rel"), "Linux", home))
        .as("a relative XDG_CACHE_HOME is ignored, as the spec says")
        .contains(Path.of("/home/u/.cache/keybridge"));
    assertThat(CertificateCache.platformFolder(Map.of(), "Mac OS X", home))
        .contains(Path.of("/home/u/Library/Caches/keybridge"));
    assertThat(CertificateCache.platformFolder(Map.of(), "Linux", null)).isEmpty();
    assertThat(CertificateCache.platformFolder(Map.of("LOCALAPPDATA", "/l"), "Windows 11", home))
        .contains(Path.of("/l", "keybridge", "cache"));
  }

  @Test
  void noneTurnsTheCacheOff() throws Exception {
    long mark = VAULT.accessLog().mark();
    KeyStore store = VaultKeyStores.open(VAULT.vault());
    X509Certificate leaf = (X509Certificate) store.getCertificate("cc-0");
    assertThat(leaf).isEqualTo(CHAINS.get(0).leaf());
    assertThat(VaultKeyStores.open(VAULT.vault()).getCertificate("cc-0")).isEqualTo(leaf);
    assertThat(certificateGets(mark)).as("no cache: each KeyStore asks").isEqualTo(2);
  }
}
