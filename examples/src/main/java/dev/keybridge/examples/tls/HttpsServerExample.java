package dev.keybridge.examples.tls;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.keybridge.examples.ExampleVault;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * An HTTPS server ({@code com.sun.net.httpserver}) whose private key stays in the vault: the
 * certificate chain comes from the {@code AzureKeyVault} KeyStore, the handshake signature is made
 * by the vault. Every response says which TLS version was negotiated and, with client
 * authentication, who the client is:
 *
 * <pre>
 * hello from a vault key
 * protocol: TLSv1.3
 * client: CN=client.example
 * </pre>
 *
 * <pre>
 * java -cp keybridge.jar:examples.jar dev.keybridge.examples.tls.HttpsServerExample \
 *     keybridge.properties tls-cert 8443
 * curl --cacert tls-cert.pem https://localhost:8443/
 * </pre>
 */
public final class HttpsServerExample {
  /** The first line of every response. */
  public static final String GREETING = "hello from a vault key";

  private HttpsServerExample() {}

  /** A started server; {@link #close()} stops it at once. */
  public static final class Running implements AutoCloseable {
    private final HttpsServer server;

    private Running(HttpsServer server) {
      this.server = server;
    }

    /** The bound port. */
    public int port() {
      return server.getAddress().getPort();
    }

    /** {@code https://localhost:PORT/}: the name the vault certificates carry as DNS SAN. */
    public URI uri() {
      return URI.create("https://localhost:" + port() + "/");
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /**
   * Starts an HTTPS server on {@code address} (port 0: a free one).
   *
   * @param context the server's TLS context, e.g. {@link TlsContexts#sslContext} over a key manager
   *     of a vault certificate
   * @param protocols the TLS versions to accept, e.g. {@code List.of("TLSv1.3")}
   * @param needClientAuth whether the client must present a certificate the context trusts
   */
  public static Running start(
      SSLContext context, InetSocketAddress address, List<String> protocols, boolean needClientAuth)
      throws IOException {
    HttpsServer server = HttpsServer.create(address, 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(context) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
            parameters.setProtocols(protocols.toArray(String[]::new));
            parameters.setNeedClientAuth(needClientAuth);
            params.setSSLParameters(parameters);
          }
        });
    server.createContext("/", HttpsServerExample::respond);
    server.start();
    return new Running(server);
  }

  private static void respond(HttpExchange exchange) throws IOException {
    try (exchange) {
      SSLSession session = ((HttpsExchange) exchange).getSSLSession();
      StringBuilder body = new StringBuilder(GREETING).append('\n');
      body.append("protocol: ").append(session.getProtocol()).append('\n');
      String client;
      try {
        client = session.getPeerPrincipal().getName();
      } catch (SSLPeerUnverifiedException anonymous) {
        client = null; // no client authentication on this connection
      }
      if (client != null) {
        body.append("client: ").append(client).append('\n');
      }
      byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /**
   * {@code <keybridge.properties> <certificate alias> [port] [SunX509|PKIX]}: serves TLS 1.2 and
   * 1.3 on 127.0.0.1 until the process is stopped.
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 2 || args.length > 4) {
      System.err.println(
          "usage: HttpsServerExample <keybridge.properties> <certificate alias> [port]"
              + " [SunX509|PKIX]");
      System.exit(2);
    }
    int port = args.length > 2 ? Integer.parseInt(args[2]) : 8443;
    String kmf = args.length > 3 ? args[3] : "PKIX";
    ExampleVault.installProvider();
    ExampleVault vault = ExampleVault.open(Path.of(args[0]));
    X509Certificate leaf = ExampleVault.x509Chain(vault.privateKeyEntry(args[1]))[0];
    X509ExtendedKeyManager keyManager = TlsContexts.keyManager(vault.keyStore(), kmf, args[1]);
    Running server =
        start(
            TlsContexts.sslContext(keyManager),
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
            List.of("TLSv1.3", "TLSv1.2"),
            false);
    System.out.println(
        "serving "
            + server.uri()
            + " with vault certificate "
            + args[1]
            + " ("
            + leaf.getSubjectX500Principal()
            + "); Ctrl-C stops");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
