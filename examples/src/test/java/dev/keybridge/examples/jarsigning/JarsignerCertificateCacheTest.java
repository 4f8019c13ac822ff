package dev.keybridge.examples.jarsigning;

import static dev.keybridge.examples.JdkTools.command;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.examples.ChildProcess;
import dev.keybridge.examples.IssuedCertificates;
import dev.keybridge.examples.JdkTools;
import dev.keybridge.examples.ServedRequests;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.TestCa;
import dev.keybridge.management.CertificateManager;
import dev.keybridge.management.KeyVaultManager;
import dev.keybridge.management.config.KeyVaultConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real {@code jarsigner} run costs against a vault of {@value #CERTIFICATES} certificates,
 * counted in the local vault's access log (served requests; the one 401 challenge of a fresh JVM is
 * not an operation): the first run fetches every certificate (jarsigner reads the certificate of
 * every alias), a second run answers them from the persistent certificate cache, an alias filter
 * cuts the run to the entry and the signature, a new certificate version is never served stale, and
 * a cache folder that cannot be used costs one warning, never the signature.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JarsignerCertificateCacheTest {
  static final int CERTIFICATES = 100;
  private static final String SIGNER = "cache-signer";
  private static final String WARNING = "AzureKeyVault KeyStore:";

  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  @TempDir static Path dir;

  private static TestCa ca;
  private static CertificateManager certificates;
  private static IssuedCertificates issued;
  private static Path cache;
  private static Path properties;

  @BeforeAll
  static void fillTheVault() throws Exception {
    ca = TestCa.create("CN=keybridge cache test CA,O=keybridge tests");
    certificates =
        new KeyVaultManager(KeyVaultConfig.fromProperties(VAULT.vault().propertiesFile()))
            .certificates();
    List<String> names = new ArrayList<>();
    names.add(SIGNER);
    for (int i = 1; i < CERTIFICATES; i++) {
      names.add(String.format("cached-%03d", i));
    }
    issued = new IssuedCertificates(certificates, ca);
    issued.importAll(names);
    cache = dir.resolve("cache");
    properties = withProperties("cached.properties", Map.of());
  }

  /** Imports a new version of {@code name}; returns its leaf. */
  static X509Certificate importIssued(String name) throws Exception {
    return issued.importIssued(name);
  }

  private static Path withProperties(String file, Map<String, String> extra) throws Exception {
    Map<String, String> overrides = new HashMap<>(extra);
    overrides.putIfAbsent("keybridge.keystore.certificate-cache", cache.toString());
    return JdkTools.propertiesVariant(VAULT.vault().propertiesFile(), dir.resolve(file), overrides);
  }

  /** One jarsigner run signing a small jar with {@link #SIGNER}; the vault requests it made. */
  private static Run sign(Path configuration, String tag) throws Exception {
    Path unsigned = JdkTools.sampleJar(dir.resolve(tag + ".jar"));
    Path signed = dir.resolve(tag + "-signed.jar");
    AccessLog log = VAULT.accessLog();
    long mark = log.mark();
    ChildProcess.Result result =
        ChildProcess.run(
            command(
                JdkTools.jarsigner(),
                JdkTools.providerClassOptions(configuration),
                JdkTools.vaultKeyStoreOptions(),
                "-signedjar",
                signed,
                unsigned,
                SIGNER));
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.output()).as(result.toString()).contains("jar signed.");
    assertThat(ServedRequests.signs(log, mark, SIGNER)).as("signatures").isEqualTo(1);
    return new Run(result, log, mark, signed);
  }

  private record Run(ChildProcess.Result result, AccessLog log, long mark, Path signed) {
    long served() {
      return log.since(mark).stream().filter(e -> e.status() >= 200 && e.status() < 300).count();
    }

    long certificateGets() {
      return ServedRequests.count(log, mark, "GET", "/certificates/[^/]+(/[0-9a-f]*)?");
    }

    long secretGets() {
      return ServedRequests.count(log, mark, "GET", "/secrets/.+");
    }

    long warnings() {
      return Stream.of(result.output().split("\n")).filter(l -> l.contains(WARNING)).count();
    }

    X509Certificate signedWith() throws Exception {
      return SignatureBlock.of(signed).certificates().stream()
          .filter(c -> c.getSubjectX500Principal().getName().contains("CN=" + SIGNER))
          .findFirst()
          .orElseThrow();
    }
  }

  @Test
  @Order(1)
  void firstRunFetchesEachCertificateOnceSecondRunFetchesNone() throws Exception {
    Run first = sign(properties, "first");
    assertThat(first.certificateGets())
        .as("first run: each certificate fetched once (jarsigner reads every alias)")
        .isEqualTo(CERTIFICATES);
    assertThat(first.warnings()).as(first.result().toString()).isZero();

    Run second = sign(properties, "second");
    assertThat(second.certificateGets()).as("second run: certificates from the cache").isZero();
    assertThat(second.secretGets()).as("second run: the signer's chain from the cache").isZero();
    assertThat(second.served())
        .as("second run: token, list pages, the signer's key, the signature")
        .isLessThanOrEqualTo(25);
    assertThat(SignatureBlock.of(second.signed()).certificates())
        .as("the cached chain is the vault's: leaf and CA")
        .hasSize(2)
        .contains(ca.certificate());
    assertThat(second.warnings()).isZero();
  }

  @Test
  @Order(2)
  void aliasFilterCostsTheTokenTheEntryAndTheSignature() throws Exception {
    Path filtered =
        withProperties("filtered.properties", Map.of("keybridge.keystore.aliases", SIGNER));
    Run run = sign(filtered, "filtered");
    assertThat(run.served())
        .as("token, the signer's key, the signature: " + run.log().since(run.mark()))
        .isLessThanOrEqualTo(3);
    assertThat(run.certificateGets()).isZero();
  }

  @Test
  @Order(3)
  void aNewCertificateVersionIsPickedUpNeverServedStale() throws Exception {
    X509Certificate renewed = importIssued(SIGNER);
    Run run = sign(properties, "renewed");
    assertThat(run.signedWith()).as("the new version signs").isEqualTo(renewed);
    assertThat(run.certificateGets()).as("only the changed certificate is fetched").isEqualTo(1);

    Path filtered =
        withProperties("filtered-renewed.properties", Map.of("keybridge.keystore.aliases", SIGNER));
    X509Certificate again = importIssued(SIGNER);
    Run filteredRun = sign(filtered, "renewed-filtered");
    assertThat(filteredRun.signedWith()).as("the filtered KeyStore sees it too").isEqualTo(again);
  }

  @Test
  @Order(4)
  void corruptCacheFilesAreIgnoredWithOneWarning() throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(cache)) {
      files = walk.filter(p -> p.toString().endsWith(".pem")).toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(CERTIFICATES);
    for (Path file : files) {
      Files.writeString(file, "-----BEGIN CERTIFICATE-----\nnot a certificate\n");
    }
    Run run = sign(properties, "corrupt");
    assertThat(run.warnings()).as(run.result().toString()).isEqualTo(1);
    assertThat(run.certificateGets()).isEqualTo(CERTIFICATES);

    Run repaired = sign(properties, "repaired");
    assertThat(repaired.certificateGets()).as("the cache was written again").isZero();
    assertThat(repaired.warnings()).isZero();
  }

  @Test
  @Order(5)
  void anUnwritableCacheFolderIsIgnoredWithOneWarning() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("cache-is-a-file"), "x");
    Path configuration =
        withProperties(
            "unwritable.properties",
            Map.of("keybridge.keystore.certificate-cache", notAFolder.toString()));
    Run run = sign(configuration, "unwritable");
    assertThat(run.warnings()).as(run.result().toString()).isEqualTo(1);
    assertThat(run.certificateGets()).isEqualTo(CERTIFICATES);
  }
}
