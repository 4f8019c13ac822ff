package dev.keybridge.examples.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.examples.ExampleVault;
import dev.keybridge.examples.ServedRequests;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * JSSE with vault keys: an HTTPS server whose private key is in the vault, reached by the JDK HTTPS
 * client, RSA and EC (P-256, P-384), TLS 1.2 and 1.3, key managers SunX509 and PKIX over the
 * AzureKeyVault KeyStore. A full handshake costs exactly one signature in the vault; a resumed one
 * costs none.
 */
class HttpsServerExampleTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static Map<String, X509Certificate> certificates;
  private static KeyStore vault;

  @BeforeAll
  static void certificates() throws Exception {
    certificates = TlsFixtures.create(VAULT);
    ExampleVault.installProvider();
    vault = ExampleVault.open(VAULT.vault().propertiesFile()).keyStore();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    "tls-rsa, SunX509, TLSv1.3",
    "tls-rsa, PKIX, TLSv1.2",
    "tls-ec256, PKIX, TLSv1.3",
    "tls-ec256, SunX509, TLSv1.2",
    "tls-ec384, PKIX, TLSv1.3",
    "tls-ec384, SunX509, TLSv1.2"
  })
  void jdkClientCompletesTheHandshakeWithOneVaultSignature(
      String alias, String kmfAlgorithm, String protocol) throws Exception {
    X509Certificate certificate = certificates.get(alias);
    try (HttpsServerExample.Running server =
        TlsFixtures.server(vault, alias, kmfAlgorithm, List.of(protocol))) {
      AccessLog log = VAULT.accessLog();
      long mark = log.mark();

      HttpResponse<String> response =
          MutualTlsExample.get(TlsContexts.sslContext(null, certificate), server.uri(), protocol);

      assertThat(response.body())
          .isEqualTo(HttpsServerExample.GREETING + "\nprotocol: " + protocol + "\n");
      SSLSession session = response.sslSession().orElseThrow();
      assertThat(session.getProtocol()).isEqualTo(protocol);
      assertThat(session.getPeerCertificates()[0]).isEqualTo(certificate);
      assertThat(ServedRequests.signs(log, mark, alias)).as("vault signatures").isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"tls-ec256, TLSv1.3", "tls-rsa, TLSv1.2"})
  void resumedSessionsNeedNoVaultSignature(String alias, String protocol) throws Exception {
    X509Certificate certificate = certificates.get(alias);
    SSLContext client = TlsContexts.sslContext(null, certificate);
    try (HttpsServerExample.Running server =
        TlsFixtures.server(vault, alias, "PKIX", List.of(protocol))) {
      AccessLog log = VAULT.accessLog();
      long first = log.mark();
      SSLSession full = getOverSocket(client, server.port(), protocol);
      long second = log.mark();
      SSLSession resumed = getOverSocket(client, server.port(), protocol);
      SSLSession resumedAgain = getOverSocket(client, server.port(), protocol);

      assertThat(ServedRequests.signs(log, first, alias)).as("three handshakes").isEqualTo(1);
      assertThat(log.since(second)).as("vault requests of the two resumed handshakes").isEmpty();
      assertThat(resumed.getProtocol()).isEqualTo(protocol);
      assertThat(resumedAgain.getPeerCertificates()[0]).isEqualTo(certificate);
      assertThat(full.getPeerCertificates()[0]).isEqualTo(certificate);
    }
  }

  /** One HTTP/1.1 request over a fresh TLS socket from {@code client} (its session cache). */
  private static SSLSession getOverSocket(SSLContext client, int port, String protocol)
      throws Exception {
    try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("localhost", port)) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setProtocols(new String[] {protocol});
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.setSoTimeout(30_000);
      socket.startHandshake();
      OutputStream out = socket.getOutputStream();
      out.write(
          "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 200").contains(HttpsServerExample.GREETING);
      return socket.getSession();
    }
  }
}
