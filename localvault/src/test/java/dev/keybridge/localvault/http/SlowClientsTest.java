package dev.keybridge.localvault.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.LocalVaultTrust;
import dev.keybridge.localvault.testing.RawVaultHttp;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slow, idle and oversized clients against the server's bounds ({@link HttpsListener}): they never
 * block another client, they are disconnected after the first-request deadline, and oversized
 * request lines and headers get 414 and 431.
 */
class SlowClientsTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final String V = "?api-version=7.6";
  private static RawVaultHttp http;
  private static String token;

  @BeforeAll
  static void setUp() {
    http = VAULT.http();
    token = http.adminToken();
  }

  @Test
  void eightSlowConnectionsSendingThreeBytesDoNotBlockAnotherClient() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        Socket socket = new Socket("127.0.0.1", VAULT.vault().port());
        // the first 3 bytes of a TLS ClientHello record, then nothing
        socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01});
        socket.getOutputStream().flush();
        slow.add(socket);
      }
      CompletableFuture<Integer> other =
          CompletableFuture.supplyAsync(() -> http.send("GET", "/keys" + V, token, null).status());
      assertThat(other.get(60, TimeUnit.SECONDS))
          .as("another client is served while eight connections stall")
          .isEqualTo(200);

      for (Socket socket : slow) {
        socket.setSoTimeout((int) (HttpsListener.FIRST_REQUEST_TIMEOUT.toMillis() * 6));
        assertThat(closedByServer(socket.getInputStream()))
            .as("a stalled connection is closed after the first-request deadline")
            .isTrue();
      }
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }

  private static boolean closedByServer(InputStream in) throws Exception {
    try {
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (java.net.SocketException e) {
      return true; // reset by the server
    }
  }

  @Test
  void anIdleTlsConnectionWithoutARequestIsClosed() throws Exception {
    try (SSLSocket socket =
        (SSLSocket)
            LocalVaultTrust.sslContext(VAULT.vault())
                .getSocketFactory()
                .createSocket("localhost", VAULT.vault().port())) {
      socket.startHandshake();
      socket.getOutputStream().write("GET /keys".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      socket.setSoTimeout((int) (HttpsListener.FIRST_REQUEST_TIMEOUT.toMillis() * 6));
      assertThat(closedByServer(socket.getInputStream())).isTrue();
    }
    assertThat(http.send("GET", "/keys" + V, token, null).status()).isEqualTo(200);
  }

  @Test
  void anOversizedUrlIs414AndOversizedHeadersAre431() throws Exception {
    String longName = "a".repeat(HttpsListener.MAX_HEADER_BYTES + 1);
    assertThat(raw("GET /keys/" + longName + V + " HTTP/1.1\r\nHost: localhost\r\n"))
        .startsWith("HTTP/1.1 414")
        .contains("\"code\":\"RequestUriTooLong\"");
    String bigHeader = "X-Filler: " + "b".repeat(HttpsListener.MAX_HEADER_BYTES) + "\r\n";
    assertThat(raw("GET /keys" + V + " HTTP/1.1\r\nHost: localhost\r\n" + bigHeader))
        .startsWith("HTTP/1.1 431")
        .contains("\"code\":\"RequestHeaderFieldsTooLarge\"");
    assertThat(http.send("GET", "/keys" + V, token, null).status()).isEqualTo(200);
  }

  /** Sends a request head (plus Connection: close and the blank line); the response's text. */
  private static String raw(String head) throws Exception {
    try (SSLSocket socket =
        (SSLSocket)
            LocalVaultTrust.sslContext(VAULT.vault())
                .getSocketFactory()
                .createSocket("localhost", VAULT.vault().port())) {
      socket.setSoTimeout(60_000);
      socket
          .getOutputStream()
          .write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
