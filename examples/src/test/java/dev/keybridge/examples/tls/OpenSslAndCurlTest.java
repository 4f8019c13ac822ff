package dev.keybridge.examples.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.examples.ChildProcess;
import dev.keybridge.examples.ExampleVault;
import dev.keybridge.examples.ServedRequests;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Clients nobody here wrote against the keybridge-backed HTTPS server: {@code openssl s_client} and
 * {@code curl} (from /usr/bin; CI installs them). Each must complete the handshake with the vault
 * certificate, verify it against that certificate alone, and report the expected protocol and
 * signature type.
 */
class OpenSslAndCurlTest {
  private static final String OPENSSL = "/usr/bin/openssl";
  private static final String CURL = "/usr/bin/curl";
  private static final String REQUEST =
      "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  @TempDir static Path dir;

  private static Map<String, X509Certificate> certificates;
  private static KeyStore vault;

  @BeforeAll
  static void certificates() throws Exception {
    assertThat(Path.of(OPENSSL)).as("openssl (CI installs it)").isExecutable();
    assertThat(Path.of(CURL)).as("curl (CI installs it)").isExecutable();
    certificates = TlsFixtures.create(VAULT);
    ExampleVault.installProvider();
    vault = ExampleVault.open(VAULT.vault().propertiesFile()).keyStore();
  }

  @ParameterizedTest(name = "openssl s_client {0} {1}")
  @CsvSource({
    "tls-rsa, TLSv1.3, -tls1_3, RSA-PSS",
    "tls-rsa, TLSv1.2, -tls1_2, RSA-PSS",
    "tls-ec256, TLSv1.3, -tls1_3, ECDSA",
    "tls-ec384, TLSv1.2, -tls1_2, ECDSA"
  })
  void opensslCompletesTheHandshakeAndVerifiesTheVaultCertificate(
      String alias, String protocol, String opensslFlag, String signatureType) throws Exception {
    Path caFile = TlsFixtures.pem(dir.resolve(alias + ".pem"), certificates.get(alias));
    try (HttpsServerExample.Running server =
        TlsFixtures.server(vault, alias, "PKIX", List.of(protocol))) {
      AccessLog log = VAULT.accessLog();
      long mark = log.mark();

      ChildProcess.Result result = sClient(server.port(), opensslFlag, caFile, List.of());

      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.output())
          .as(result.toString())
          .contains("Protocol  : " + protocol)
          .contains("subject=O = keybridge tests, CN = localhost")
          .contains("Peer signature type: " + signatureType)
          .contains("Verify return code: 0 (ok)")
          .contains(HttpsServerExample.GREETING)
          .contains("protocol: " + protocol);
      assertThat(ServedRequests.signs(log, mark, alias)).isEqualTo(1);
    }
  }

  @Test
  void opensslResumedSessionNeedsNoVaultSignature() throws Exception {
    Path caFile = TlsFixtures.pem(dir.resolve("resume.pem"), certificates.get("tls-ec256"));
    Path session = dir.resolve("session.pem");
    try (HttpsServerExample.Running server =
        TlsFixtures.server(vault, "tls-ec256", "PKIX", List.of("TLSv1.3"))) {
      AccessLog log = VAULT.accessLog();
      long mark = log.mark();
      ChildProcess.Result full =
          sClient(server.port(), "-tls1_3", caFile, List.of("-sess_out", session.toString()));
      long afterFull = log.mark();
      ChildProcess.Result resumed =
          sClient(server.port(), "-tls1_3", caFile, List.of("-sess_in", session.toString()));

      assertThat(full.output()).as(full.toString()).contains("New, TLSv1.3");
      assertThat(resumed.output()).as(resumed.toString()).contains("Reused, TLSv1.3");
      assertThat(resumed.output()).contains(HttpsServerExample.GREETING);
      assertThat(ServedRequests.signs(log, mark, "tls-ec256")).as("full handshake").isEqualTo(1);
      assertThat(log.since(afterFull)).as("vault requests of the resumed handshake").isEmpty();
    }
  }

  @ParameterizedTest(name = "curl {0} {1}")
  @CsvSource({"tls-ec256, TLSv1.3, --tlsv1.3", "tls-rsa, TLSv1.2, --tlsv1.2"})
  void curlGetsTheResponseOverTheExpectedProtocol(String alias, String protocol, String curlFlag)
      throws Exception {
    Path caFile = TlsFixtures.pem(dir.resolve("curl-" + alias + ".pem"), certificates.get(alias));
    try (HttpsServerExample.Running server =
        TlsFixtures.server(vault, alias, "SunX509", List.of(protocol))) {
      List<String> command = new ArrayList<>(List.of(CURL, "-sS", "-v", "--noproxy", "*"));
      command.addAll(List.of("--cacert", caFile.toString(), curlFlag));
      if ("TLSv1.2".equals(protocol)) {
        command.addAll(List.of("--tls-max", "1.2"));
      }
      command.addAll(
          List.of(
              "--resolve",
              "localhost:" + server.port() + ":127.0.0.1",
              "https://localhost:" + server.port() + "/"));

      ChildProcess.Result result = ChildProcess.run(command);

      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.output())
          .as(result.toString())
          .contains("SSL connection using " + protocol)
          .contains("subject: O=keybridge tests; CN=localhost")
          .contains("SSL certificate verify ok.")
          .contains(HttpsServerExample.GREETING + "\nprotocol: " + protocol + "\n");
    }
  }

  /** openssl s_client to 127.0.0.1 (SNI localhost), verifying against {@code caFile} only. */
  private static ChildProcess.Result sClient(
      int port, String versionFlag, Path caFile, List<String> extra) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                OPENSSL,
                "s_client",
                "-connect",
                "127.0.0.1:" + port,
                "-servername",
                "localhost",
                versionFlag,
                "-CAfile",
                caFile.toString(),
                "-verify_hostname",
                "localhost",
                "-verify_return_error",
                "-ign_eof",
                // com.sun.net.httpserver closes "Connection: close" without close_notify
                "-ignore_unexpected_eof"));
    command.addAll(extra);
    assertThat(Files.exists(caFile)).isTrue();
    return ChildProcess.run(command, dir, REQUEST);
  }
}
