package dev.keybridge.examples.jarsigning;

import static dev.keybridge.examples.JdkTools.command;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.certificates.CertificateClient;
import dev.keybridge.examples.ChildProcess;
import dev.keybridge.examples.JdkTools;
import dev.keybridge.examples.VaultCertificates;
import dev.keybridge.examples.VaultCertificates.KeySpec;
import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.TestCa;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * jarsigner failures with vault keys are jarsigner failures: a non-zero exit code, the reason (with
 * the vault's error code) in jarsigner's output, no JAR written at the -signedjar path and the
 * input JAR untouched.
 */
class JarsignerFailureTest {
  private static final String READER_ID = "ci-reader";
  private static final String READER_SECRET = "reader-secret";

  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create()
          .client(READER_ID, READER_SECRET, Role.fromName("Key Vault Reader"));

  @TempDir static Path dir;

  private static Path unsigned;
  private static String unsignedDigest;

  @BeforeAll
  static void certificatesAndJar() throws Exception {
    TestCa ca = TestCa.create("CN=keybridge failure-test CA");
    VaultCertificates certificates = new VaultCertificates(VAULT);
    certificates.issuedBy(ca, "signer", "CN=signer", KeySpec.EC_P256, TestCa.Purpose.CODE_SIGNING);
    certificates.issuedBy(
        ca, "disabled-signer", "CN=disabled-signer", KeySpec.EC_P256, TestCa.Purpose.CODE_SIGNING);
    CertificateClient admin = VAULT.sdk().certificateClient();
    admin.updateCertificateProperties(
        admin.getCertificate("disabled-signer").getProperties().setEnabled(false));
    unsigned = JdkTools.sampleJar(dir.resolve("app.jar"));
    unsignedDigest = sha256(unsigned);
  }

  /** The acceptance case: the vault answers 403 to the signature (the caller may only read). */
  @Test
  void forbiddenSignatureFailsJarsignerAndLeavesNoSignedJar() throws Exception {
    Path readerProperties =
        JdkTools.propertiesForClient(
            VAULT.vault().propertiesFile(),
            dir.resolve("reader.properties"),
            READER_ID,
            READER_SECRET);
    Path signed = dir.resolve("forbidden-signed.jar");
    AccessLog log = VAULT.accessLog();
    long mark = log.mark();

    ChildProcess.Result result = sign(readerProperties, signed, "signer");

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.output())
        .as(result.toString())
        .contains("jarsigner: unable to sign jar")
        .contains("sign on 'signer' failed")
        .contains("Forbidden")
        .contains("(HTTP 403)")
        .doesNotContain("jar signed.");
    assertThat(log.since(mark))
        .as("the vault refused the reader's sign request")
        .anySatisfy(
            e -> {
              assertThat(e.path()).matches("/keys/signer/[0-9a-f]+/sign");
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.client()).isEqualTo(READER_ID);
            });
    assertNothingWritten(signed);
  }

  @Test
  void unknownAliasFailsWithTheAliasNamed() throws Exception {
    Path signed = dir.resolve("unknown-signed.jar");

    ChildProcess.Result result = sign(VAULT.vault().propertiesFile(), signed, "no-such-signer");

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.output())
        .as(result.toString())
        .contains("Certificate chain not found for: no-such-signer");
    assertNothingWritten(signed);
  }

  @Test
  void disabledCertificateKeyFails() throws Exception {
    Path signed = dir.resolve("disabled-signed.jar");

    ChildProcess.Result result = sign(VAULT.vault().propertiesFile(), signed, "disabled-signer");

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.output())
        .as(result.toString())
        .contains("sign on 'disabled-signer' failed")
        .contains("KeyDisabled");
    assertNothingWritten(signed);
  }

  @Test
  void unreachableVaultFailsWithTheVaultUrlNamed() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Path unreachable =
        JdkTools.propertiesVariant(
            VAULT.vault().propertiesFile(),
            dir.resolve("unreachable.properties"),
            Map.of(
                "keybridge.vault.url", "https://localhost:" + closedPort,
                "keybridge.auth.authority-host", "https://localhost:" + closedPort,
                "keybridge.retry.max-retries", "0"));
    Path signed = dir.resolve("unreachable-signed.jar");

    ChildProcess.Result result = sign(unreachable, signed, "signer");

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.output())
        .as(result.toString())
        .contains("https://localhost:" + closedPort)
        .contains("VaultUnreachable");
    assertNothingWritten(signed);
  }

  private static ChildProcess.Result sign(Path properties, Path signed, String alias) {
    return ChildProcess.run(
        command(
            JdkTools.jarsigner(),
            JdkTools.providerClassOptions(properties),
            JdkTools.vaultKeyStoreOptions(),
            "-signedjar",
            signed,
            unsigned,
            alias));
  }

  private static void assertNothingWritten(Path signed) throws Exception {
    assertThat(signed).as("no signed JAR is left behind").doesNotExist();
    assertThat(sha256(unsigned)).as("the input JAR is unchanged").isEqualTo(unsignedDigest);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no partial files beside the JARs")
          .noneMatch(name -> name.endsWith(".sig") || name.contains("signed.jar"));
    }
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
