package dev.keybridge.examples.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.examples.ExampleVault;
import dev.keybridge.examples.VaultCertificates;
import dev.keybridge.examples.VaultCertificates.KeySpec;
import dev.keybridge.keystore.VaultAliasKeyManager;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.TestCa;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A running HTTPS server on {@link VaultAliasKeyManager} follows a certificate renewal: after the
 * vault issues a new version (new key, new certificate from the same CA), new handshakes get the
 * new certificate within the KeyStore's {@code keybridge.keystore.cache-ttl}, with no restart and
 * no new SSLContext, while a connection made before keeps its certificate and keeps working. Both
 * keybridge's {@link VaultAliasKeyManager} and the JDK's {@code PKIX} key manager (which reads the
 * KeyStore entry at each handshake) follow; {@code SunX509} copies the entries once and does not.
 */
class CertificateRenewalTlsTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final String SUBJECT = "CN=localhost,O=keybridge tests";
  private static final String PROTOCOL = "TLSv1.3";

  @ParameterizedTest
  @ValueSource(strings = {"VaultAliasKeyManager", "PKIX"})
  void newHandshakesGetTheRenewedCertificateOldConnectionsKeepTheirs(
      String keyManager, @TempDir Path dir) throws Exception {
    String alias = "tls-renewing-" + keyManager.toLowerCase(java.util.Locale.ROOT);
    TestCa ca = TestCa.create("CN=keybridge renewal test CA");
    VaultCertificates certificates = new VaultCertificates(VAULT);
    X509Certificate first =
        certificates.issuedBy(ca, alias, SUBJECT, KeySpec.EC_P256, TestCa.Purpose.TLS).get(0);

    // The application's configuration, with a short refresh interval for the test.
    Path properties = dir.resolve("keybridge.properties");
    Files.copy(VAULT.vault().propertiesFile(), properties);
    Files.writeString(
        properties, "\nkeybridge.keystore.cache-ttl=PT2S\n", StandardOpenOption.APPEND);
    ExampleVault.installProvider();
    KeyStore vault = ExampleVault.open(properties).keyStore();
    SSLContext serverContext =
        TlsContexts.sslContext(
            keyManager.equals("PKIX")
                ? TlsContexts.keyManager(vault, "PKIX", alias)
                : new VaultAliasKeyManager(vault, alias),
            ca.certificate());

    try (HttpsServerExample.Running server =
            HttpsServerExample.start(
                serverContext,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                List.of(PROTOCOL),
                false);
        Connection before = Connection.open(ca, server.port())) {
      assertThat(before.served()).isEqualTo(first);
      assertThat(before.get()).startsWith(HttpsServerExample.GREETING);

      X509Certificate renewed =
          certificates.issuedBy(ca, alias, SUBJECT, KeySpec.EC_P256, TestCa.Purpose.TLS).get(0);
      assertThat(renewed.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
      assertThat(renewed.getPublicKey()).isNotEqualTo(first.getPublicKey());

      // Each probe is a full handshake (a fresh client context: no session to resume); the server
      // signs it with the key of the certificate it presents, or the client's check would fail.
      X509Certificate served = first;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!served.equals(renewed) && System.nanoTime() < deadline) {
        Thread.sleep(250);
        try (Connection probe = Connection.open(ca, server.port())) {
          served = probe.served();
          assertThat(served).isIn(first, renewed);
          assertThat(probe.get()).startsWith(HttpsServerExample.GREETING);
        }
      }
      assertThat(served).as("certificate of a new handshake after the refresh").isEqualTo(renewed);
      try (Connection after = Connection.open(ca, server.port())) {
        assertThat(after.served()).isEqualTo(renewed);
      }

      // The connection made before the renewal keeps its session and certificate, and still works.
      assertThat(before.get()).startsWith(HttpsServerExample.GREETING);
      assertThat(before.served()).isEqualTo(first);
    }
  }

  /** One kept-alive HTTP/1.1 connection over TLS, trusting only the test CA. */
  private static final class Connection implements AutoCloseable {
    private final SSLSocket socket;

    private Connection(SSLSocket socket) {
      this.socket = socket;
    }

    static Connection open(TestCa ca, int port) throws Exception {
      SSLContext client = TlsContexts.sslContext(null, ca.certificate());
      SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("localhost", port);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setProtocols(new String[] {PROTOCOL});
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.setSoTimeout(30_000);
      socket.startHandshake();
      return new Connection(socket);
    }

    X509Certificate served() throws Exception {
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }

    /** {@code GET /} on this connection; the response body. */
    String get() throws IOException {
      OutputStream out = socket.getOutputStream();
      out.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      assertThat(head).startsWith("HTTP/1.1 200");
      int length = -1;
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring("content-length:".length()).trim());
        }
      }
      assertThat(length).as("Content-Length").isPositive();
      return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String readHead(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      while (matched < end.length) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("connection closed in the response head: " + head);
        }
        head.write(b);
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
