package dev.keybridge.localvault.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.keys.models.KeyType;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.RawVaultHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hostile bytes below the JSON level: raw sockets, odd paths, a forged Host header. */
class HostileConnectionTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final String V = "?api-version=7.6";
  private static RawVaultHttp http;
  private static String token;

  @BeforeAll
  static void setUp() {
    http = VAULT.http();
    token = http.adminToken();
    VAULT.sdk().keyClient().createKey("target", KeyType.EC);
  }

  @Test
  void garbageOnTheWireDoesNotStopTheServer() throws Exception {
    int port = VAULT.vault().port();
    try (var raw = new java.net.Socket("127.0.0.1", port)) {
      raw.getOutputStream()
          .write(
              "GET / HTTP/1.1\r\n\r\n\u0000\u0001garbage"
                  .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      raw.getOutputStream().flush();
    }
    try (var raw = new java.net.Socket("127.0.0.1", port)) {
      raw.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x7f, (byte) 0xff, 0x01});
    }
    assertThat(http.send("GET", "/keys/target" + V, token, null).status()).isEqualTo(200);
  }

  @Test
  void aPathStartingWithTwoSlashesIsRefusedByTheHttpLayer() {
    // "//keys" is an ambiguous empty segment: the HTTP layer answers 400 (in Key Vault's error
    // shape) before the vault sees the request.
    RawVaultHttp.Response r = http.send("GET", "//keys" + V, token, null);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("BadParameter");
    assertThat(http.send("GET", "/keys/target" + V, token, null).status()).isEqualTo(200);
  }

  @Test
  void aMalformedHostHeaderIsRefused() throws Exception {
    var factory =
        dev.keybridge.localvault.testing.LocalVaultTrust.sslContext(VAULT.vault())
            .getSocketFactory();
    try (var s =
        (javax.net.ssl.SSLSocket) factory.createSocket("localhost", VAULT.vault().port())) {
      String req =
          "GET /keys/target"
              + V
              + " HTTP/1.1\r\nHost: evil.example/x?\r\nAuthorization: Bearer "
              + token
              + "\r\nConnection: close\r\n\r\n";
      s.getOutputStream().write(req.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      String response =
          new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(response)
          .startsWith("HTTP/1.1 400")
          .contains("\"code\":\"BadParameter\"")
          .contains("Host");
    }
  }
}
