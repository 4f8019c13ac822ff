package dev.keybridge.cli.demo;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * One HTTPS request over TLS 1.3 to a server whose private key is a vault key: the JDK's {@code
 * PKIX} key manager reads the certificate entry from the {@code AzureKeyVault} KeyStore, and the
 * handshake's CertificateVerify signature is made in the vault by KeyBridge (delayed provider
 * selection picks it for the vault key).
 */
final class DemoTls {
  static final String GREETING = "hello from a vault key";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private DemoTls() {}

  /**
   * Starts a server on 127.0.0.1 with certificate {@code alias}, sends one GET trusting only that
   * (self-signed) certificate, and returns the negotiated session.
   *
   * @throws IOException if the handshake or request fails or the answer is not the greeting
   */
  static SSLSession serveOneRequest(KeyStore vault, String alias, X509Certificate certificate)
      throws IOException, GeneralSecurityException, InterruptedException {
    KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
    factory.init(vault, new char[0]);
    X509ExtendedKeyManager pinned =
        new SingleAliasKeyManager((X509ExtendedKeyManager) factory.getKeyManagers()[0], alias);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(new KeyManager[] {pinned}, null, null);

    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(serverContext) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
            parameters.setProtocols(new String[] {"TLSv1.3"});
            params.setSSLParameters(parameters);
          }
        });
    server.createContext(
        "/",
        exchange -> {
          byte[] body = GREETING.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
          exchange.close();
        });
    server.start();
    try {
      HttpResponse<String> response =
          client(certificate)
              .send(
                  HttpRequest.newBuilder(
                          URI.create("https://localhost:" + server.getAddress().getPort() + "/"))
                      .timeout(TIMEOUT)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200 || !GREETING.equals(response.body())) {
        throw new IOException(
            "unexpected answer " + response.statusCode() + ": " + response.body());
      }
      return response.sslSession().orElseThrow(() -> new IOException("no TLS session"));
    } finally {
      server.stop(0);
    }
  }

  private static HttpClient client(X509Certificate trusted)
      throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", trusted);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    SSLParameters parameters = context.getDefaultSSLParameters();
    parameters.setProtocols(new String[] {"TLSv1.3"});
    return HttpClient.newBuilder()
        .sslContext(context)
        .sslParameters(parameters)
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(TIMEOUT)
        .build();
  }
}
