package dev.keybridge.examples.jarsigning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.examples.ChildProcess;
import dev.keybridge.examples.ExampleVault;
import dev.keybridge.examples.JdkTools;
import dev.keybridge.examples.ServedRequests;
import dev.keybridge.examples.VaultCertificates;
import dev.keybridge.examples.VaultCertificates.KeySpec;
import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.TestCa;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.KeyStore;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JDK's programmatic {@code JarSigner} API with vault keys, in-process. */
class JarSigningExampleTest {
  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create().client("reader", "reader-secret", Role.READER);

  @TempDir static Path dir;

  private static TestCa ca;
  private static KeyStore vault;

  @BeforeAll
  static void certificates() throws Exception {
    ca = TestCa.create("CN=keybridge JarSigner-API CA");
    VaultCertificates certificates = new VaultCertificates(VAULT);
    certificates.issuedBy(
        ca, "api-rsa", "CN=api-rsa", KeySpec.RSA_2048, TestCa.Purpose.CODE_SIGNING);
    certificates.issuedBy(ca, "api-ec", "CN=api-ec", KeySpec.EC_P384, TestCa.Purpose.CODE_SIGNING);
    ExampleVault.installProvider();
    vault = ExampleVault.open(VAULT.vault().propertiesFile()).keyStore();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      value = {"api-rsa, SHA256withRSA, .RSA", "api-rsa, RSASSA-PSS, .RSA", "api-ec, , .EC"},
      nullValues = "")
  void signsWithTheJarSignerApiAndTheJdkVerifies(String alias, String algorithm, String block)
      throws Exception {
    Path unsigned = JdkTools.sampleJar(dir.resolve(alias + "-" + algorithm + ".jar"));
    Path signed = dir.resolve(alias + "-" + algorithm + "-signed.jar");
    AccessLog log = VAULT.accessLog();
    long mark = log.mark();

    JarSigningExample.signJar(vault, alias, algorithm, unsigned, signed);

    assertThat(ServedRequests.signs(log, mark, alias)).isEqualTo(1);
    List<X509Certificate> signerChain = verifiedSignerChain(signed);
    assertThat(signerChain.get(0).getSubjectX500Principal().getName()).isEqualTo("CN=" + alias);
    assertThat(signerChain).hasSize(2).endsWith(ca.certificate());
    assertThat(SignatureBlock.of(signed).entryName()).endsWith(block);

    Path trustStore = ca.writeTrustStore(dir.resolve(alias + "-trust.p12"));
    ChildProcess.Result verify = JdkTools.verifyStrict(signed, trustStore);
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.output()).contains("jar verified.");
  }

  @ParameterizedTest
  @CsvSource("api-ec")
  void refusedSignatureLeavesNoJarBehind(String alias) throws Exception {
    Path readerProperties =
        JdkTools.propertiesForClient(
            VAULT.vault().propertiesFile(),
            dir.resolve("reader.properties"),
            "reader",
            "reader-secret");
    KeyStore asReader = ExampleVault.open(readerProperties).keyStore();
    Path unsigned = JdkTools.sampleJar(dir.resolve("refused.jar"));
    Path signed = dir.resolve("refused-signed.jar");

    assertThatThrownBy(() -> JarSigningExample.signJar(asReader, alias, null, unsigned, signed))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("Forbidden");
    assertThat(signed).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith(".signing-"));
    }
  }

  /** Reads every entry with verification on and returns the one signer's chain. */
  private static List<X509Certificate> verifiedSignerChain(Path signed) throws Exception {
    List<List<X509Certificate>> chains = new ArrayList<>();
    try (JarFile jar = new JarFile(signed.toFile(), true)) {
      for (JarEntry entry : Collections.list(jar.entries())) {
        if (entry.isDirectory() || entry.getName().startsWith("META-INF/")) {
          continue;
        }
        try (InputStream in = jar.getInputStream(entry)) {
          in.readAllBytes(); // verification happens while reading
        }
        CodeSigner[] signers = entry.getCodeSigners();
        assertThat(signers).as("signers of " + entry.getName()).hasSize(1);
        chains.add(
            signers[0].getSignerCertPath().getCertificates().stream()
                .map(X509Certificate.class::cast)
                .toList());
      }
    }
    assertThat(chains).isNotEmpty().allSatisfy(c -> assertThat(c).isEqualTo(chains.get(0)));
    return chains.get(0);
  }
}
