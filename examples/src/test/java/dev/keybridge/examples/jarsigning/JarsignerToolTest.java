package dev.keybridge.examples.jarsigning;

import static dev.keybridge.examples.JdkTools.command;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.examples.ChildProcess;
import dev.keybridge.examples.JdkTools;
import dev.keybridge.examples.ServedRequests;
import dev.keybridge.examples.VaultCertificates;
import dev.keybridge.examples.VaultCertificates.KeySpec;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JDK's real {@code jarsigner} (a child process) signing with vault keys through KeyBridge, for
 * every key type, with each way of bringing the provider in, and {@code jarsigner -verify -strict}
 * accepting the result. Every vault certificate is issued by an outside CA (vault CSR, CA
 * signature, merge), so the signature block must carry leaf and CA, and strict verification against
 * the CA as trust anchor must pass without warnings about the chain.
 */
class JarsignerToolTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  @TempDir static Path dir;

  private static TestCa ca;
  private static Path trustStore;
  private static final Map<KeySpec, List<X509Certificate>> CHAINS = new EnumMap<>(KeySpec.class);

  /** How jarsigner gets the KeyBridge provider and the vault configuration. */
  enum ProviderStyle {
    /** -J-cp keybridge.jar -providerClass ... -providerArg props -keystore NONE. */
    PROVIDER_CLASS,
    /** -J-cp keybridge.jar -addprovider KeyBridge -providerArg props -keystore NONE. */
    ADD_PROVIDER,
    /** -J-Djava.security.properties=file (security.provider.N=KeyBridge props) -keystore NONE. */
    SECURITY_PROPERTIES,
    /** -J-cp keybridge.jar -providerClass ... -keystore props (the KeyStore reads the stream). */
    KEYSTORE_FILE
  }

  @BeforeAll
  static void issueCodeSigningCertificates() throws Exception {
    ca = TestCa.create("CN=keybridge test code-signing CA,O=keybridge tests");
    trustStore = ca.writeTrustStore(dir.resolve("trust.p12"));
    VaultCertificates certificates = new VaultCertificates(VAULT);
    for (KeySpec key : KeySpec.values()) {
      CHAINS.put(
          key,
          certificates.issuedBy(
              ca,
              alias(key),
              "CN=" + alias(key) + ",O=keybridge tests",
              key,
              TestCa.Purpose.CODE_SIGNING));
    }
  }

  static String alias(KeySpec key) {
    return "jar-" + key.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * A representative matrix: every key type once, every provider style at least once, default and
   * explicit -sigalg (PSS among them, and ECDSA hashes that are not the curve's). jarsigner -verify
   * must report the given -sigalg, or the running JDK's default, and its default digest.
   */
  static Stream<Arguments> signings() {
    return Stream.of(
        Arguments.of(KeySpec.RSA_2048, null, ProviderStyle.PROVIDER_CLASS),
        Arguments.of(KeySpec.RSA_2048, "RSASSA-PSS", ProviderStyle.PROVIDER_CLASS),
        Arguments.of(KeySpec.RSA_3072, "SHA512withRSA", ProviderStyle.ADD_PROVIDER),
        Arguments.of(KeySpec.RSA_4096, null, ProviderStyle.KEYSTORE_FILE),
        Arguments.of(KeySpec.EC_P256, null, ProviderStyle.SECURITY_PROPERTIES),
        Arguments.of(KeySpec.EC_P384, "SHA384withECDSA", ProviderStyle.PROVIDER_CLASS),
        Arguments.of(KeySpec.EC_P521, null, ProviderStyle.ADD_PROVIDER),
        // not the curve's own hash: JDK 25's default for P-256, and the reverse
        Arguments.of(KeySpec.EC_P256, "SHA512withECDSA", ProviderStyle.PROVIDER_CLASS),
        Arguments.of(KeySpec.EC_P521, "SHA256withECDSA", ProviderStyle.PROVIDER_CLASS));
  }

  @ParameterizedTest(name = "{0} -sigalg {1} via {2}")
  @MethodSource("signings")
  void jarsignerSignsWithVaultKeyAndStrictVerifyAccepts(
      KeySpec key, String sigalg, ProviderStyle style) throws Exception {
    String alias = alias(key);
    String tag =
        alias + "-" + style.name().toLowerCase(Locale.ROOT) + (sigalg == null ? "" : "-" + sigalg);
    Path unsigned = JdkTools.sampleJar(dir.resolve(tag + ".jar"));
    Path signed = dir.resolve(tag + "-signed.jar");
    AccessLog log = VAULT.accessLog();
    long mark = log.mark();

    ChildProcess.Result sign =
        ChildProcess.run(
            command(
                JdkTools.jarsigner(),
                providerOptions(style),
                sigalg == null ? List.of() : List.of("-sigalg", sigalg),
                "-signedjar",
                signed,
                unsigned,
                alias));

    assertThat(sign.exitCode()).as(sign.toString()).isZero();
    assertThat(sign.output()).as(sign.toString()).contains("jar signed.");
    assertThat(ServedRequests.signs(log, mark, alias))
        .as("signatures made in the vault for " + alias)
        .isEqualTo(1);

    ChildProcess.Result verify = verifyStrict(signed);
    X509Certificate leaf = CHAINS.get(key).get(0);
    JarsignerDefaults defaults = JarsignerDefaults.forSigner(leaf);
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.output())
        .as(verify.toString())
        .contains("jar verified.")
        .contains("X.509, CN=" + alias + ", O=keybridge tests")
        .contains("CN=keybridge test code-signing CA")
        .contains("[trusted certificate]")
        .doesNotContain("certificate chain is invalid")
        .doesNotContain("self-signed");
    assertThat(signerSummary(verify.output()))
        .isEqualTo(
            "- Signed by \"CN="
                + alias
                + ", O=keybridge tests\"\n"
                + "    Digest algorithm: "
                + defaults.digestAlgorithm()
                + "\n"
                + "    Signature algorithm: "
                + (sigalg == null ? defaults.signatureAlgorithm() : sigalg)
                + ", "
                + defaults.keyDescription());

    SignatureBlock block = SignatureBlock.of(signed);
    assertThat(block.entryName()).endsWith(key.isRsa() ? ".RSA" : ".EC");
    assertThat(block.certificates())
        .as("the signature block carries leaf and CA")
        .containsExactlyInAnyOrder(leaf, ca.certificate());
  }

  /**
   * The path of docs/tools-and-tls.md for a CA nobody here runs: {@code keybridge certs csr} (the
   * vault makes key and CSR), the CA signs, {@code keybridge certs merge}, then jarsigner; the
   * signature block carries leaf and CA.
   */
  @Test
  void certificateFromCliCsrAndMergeSignsAJar() throws Exception {
    Path properties = VAULT.vault().propertiesFile();
    Path csrFile = dir.resolve("cli-signer.csr");
    ChildProcess.Result csr =
        ChildProcess.run(
            command(
                JdkTools.java(),
                "-jar",
                JdkTools.cliJar(),
                "certs",
                "csr",
                "cli-signer",
                "--subject",
                "CN=cli-signer,O=keybridge tests",
                "--key-type",
                "ec",
                "--curve",
                "P-384",
                "--eku",
                "codeSigning",
                "--not-exportable",
                "--out",
                csrFile,
                "--config",
                properties));
    assertThat(csr.exitCode()).as(csr.toString()).isZero();

    X509Certificate leaf = ca.issue(TestCa.readPemCsr(csrFile), TestCa.Purpose.CODE_SIGNING);
    Path chain =
        Files.writeString(
            dir.resolve("cli-signer-chain.pem"), TestCa.pem(List.of(leaf, ca.certificate())));
    ChildProcess.Result merge =
        ChildProcess.run(
            command(
                JdkTools.java(),
                "-jar",
                JdkTools.cliJar(),
                "certs",
                "merge",
                "cli-signer",
                "--chain",
                chain,
                "--config",
                properties));
    assertThat(merge.exitCode()).as(merge.toString()).isZero();

    Path unsigned = JdkTools.sampleJar(dir.resolve("cli.jar"));
    Path signed = dir.resolve("cli-signed.jar");
    ChildProcess.Result sign =
        ChildProcess.run(
            command(
                JdkTools.jarsigner(),
                providerOptions(ProviderStyle.PROVIDER_CLASS),
                "-signedjar",
                signed,
                unsigned,
                "cli-signer"));
    assertThat(sign.exitCode()).as(sign.toString()).isZero();
    ChildProcess.Result verify = verifyStrict(signed);
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    JarsignerDefaults defaults = JarsignerDefaults.forSigner(leaf);
    assertThat(signerSummary(verify.output()))
        .isEqualTo(
            "- Signed by \"CN=cli-signer, O=keybridge tests\"\n"
                + "    Digest algorithm: "
                + defaults.digestAlgorithm()
                + "\n    Signature algorithm: "
                + defaults.signatureAlgorithm()
                + ", "
                + defaults.keyDescription());
    assertThat(SignatureBlock.of(signed).certificates())
        .containsExactlyInAnyOrder(leaf, ca.certificate());
  }

  /** A bare vault key (no vault certificate) with the chain given to jarsigner by -certchain. */
  @Test
  void bareVaultKeyWithCertchainFile() throws Exception {
    var key =
        VAULT
            .sdk()
            .keyClient()
            .createEcKey(
                new com.azure.security.keyvault.keys.models.CreateEcKeyOptions("jar-bare-ec")
                    .setCurveName(com.azure.security.keyvault.keys.models.KeyCurveName.P_256));
    java.security.PublicKey publicKey =
        dev.keybridge.management.keys.JwkKeys.publicKey(key.getKey()).orElseThrow();
    X509Certificate leaf =
        ca.issue(
            TestCa.name("CN=jar-bare-ec, O=keybridge tests"),
            publicKey,
            TestCa.Purpose.CODE_SIGNING);
    Path chain =
        Files.writeString(
            dir.resolve("bare-chain.pem"), TestCa.pem(List.of(leaf, ca.certificate())));
    Path unsigned = JdkTools.sampleJar(dir.resolve("bare.jar"));
    Path signed = dir.resolve("bare-signed.jar");

    ChildProcess.Result sign =
        ChildProcess.run(
            command(
                JdkTools.jarsigner(),
                providerOptions(ProviderStyle.PROVIDER_CLASS),
                "-certchain",
                chain,
                "-signedjar",
                signed,
                unsigned,
                "jar-bare-ec"));

    assertThat(sign.exitCode()).as(sign.toString()).isZero();
    ChildProcess.Result verify = verifyStrict(signed);
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.output()).contains("jar verified.").contains("[trusted certificate]");
    JarsignerDefaults defaults = JarsignerDefaults.forSigner(leaf);
    assertThat(signerSummary(verify.output()))
        .startsWith("- Signed by \"CN=jar-bare-ec, O=keybridge tests\"")
        .endsWith(
            "Signature algorithm: "
                + defaults.signatureAlgorithm()
                + ", "
                + defaults.keyDescription());
    assertThat(SignatureBlock.of(signed).certificates())
        .containsExactlyInAnyOrder(leaf, ca.certificate());
  }

  /** The "- Signed by" block of jarsigner -verify -verbose: signer, digest and signature. */
  static String signerSummary(String verifyOutput) {
    int start = verifyOutput.indexOf("- Signed by");
    assertThat(start).as("jarsigner names the signer").isNotNegative();
    String[] lines = verifyOutput.substring(start).split("\\R");
    return String.join("\n", lines[0], lines[1], lines[2]);
  }

  private static List<String> providerOptions(ProviderStyle style) throws Exception {
    Path properties = VAULT.vault().propertiesFile();
    return switch (style) {
      case PROVIDER_CLASS ->
          command(JdkTools.providerClassOptions(properties), JdkTools.vaultKeyStoreOptions());
      case ADD_PROVIDER ->
          command(
              "-J-cp",
              "-J" + JdkTools.providerJar(),
              "-addprovider",
              "KeyBridge",
              "-providerArg",
              properties,
              JdkTools.vaultKeyStoreOptions());
      case SECURITY_PROPERTIES ->
          command(
              "-J-cp",
              "-J" + JdkTools.providerJar(),
              "-J-Djava.security.properties="
                  + JdkTools.securityPropertiesWithKeyBridge(
                      dir.resolve("keybridge.security"), properties),
              JdkTools.vaultKeyStoreOptions());
      case KEYSTORE_FILE ->
          command(
              "-J-cp",
              "-J" + JdkTools.providerJar(),
              "-providerClass",
              JdkTools.PROVIDER_CLASS,
              "-keystore",
              properties,
              "-storetype",
              "AzureKeyVault",
              "-storepass",
              "none");
    };
  }

  /**
   * {@code jarsigner -verify -strict -verbose -certs} with the test CA as the only extra anchor.
   */
  static ChildProcess.Result verifyStrict(Path signed) {
    return JdkTools.verifyStrict(signed, trustStore, "-verbose", "-certs");
  }
}
