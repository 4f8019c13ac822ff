package dev.keybridge.examples.tls;

import dev.keybridge.examples.ExampleVault;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Mutual TLS where both private keys live in the vault: the server presents one vault certificate
 * and requires a client certificate; the client presents another vault certificate. Each side
 * trusts the root of the other's chain. The handshake makes one signature in the vault for each key
 * (the server's CertificateVerify or ServerKeyExchange, the client's CertificateVerify).
 *
 * <pre>
 * java -cp keybridge.jar:examples.jar dev.keybridge.examples.tls.MutualTlsExample \
 *     keybridge.properties server-cert client-cert
 * </pre>
 */
public final class MutualTlsExample {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private MutualTlsExample() {}

  /**
   * Starts a server on 127.0.0.1 with {@code serverAlias}, sends one GET with a client using {@code
   * clientAlias} over {@code protocol} ("TLSv1.3" or "TLSv1.2"), stops the server and returns the
   * response body (which names the protocol and the client's subject).
   *
   * @param kmfAlgorithm {@code "SunX509"} or {@code "PKIX"}, used on both sides
   * @throws IOException if the handshake or the request fails
   */
  public static String roundTrip(
      KeyStore vault, String serverAlias, String clientAlias, String kmfAlgorithm, String protocol)
      throws IOException, GeneralSecurityException, InterruptedException {
    X509Certificate[] serverChain =
        ExampleVault.x509Chain(ExampleVault.privateKeyEntry(vault, serverAlias));
    X509Certificate[] clientChain =
        ExampleVault.x509Chain(ExampleVault.privateKeyEntry(vault, clientAlias));
    SSLContext serverContext =
        TlsContexts.sslContext(
            TlsContexts.keyManager(vault, kmfAlgorithm, serverAlias), root(clientChain));
    SSLContext clientContext =
        TlsContexts.sslContext(
            TlsContexts.keyManager(vault, kmfAlgorithm, clientAlias), root(serverChain));
    try (HttpsServerExample.Running server =
        HttpsServerExample.start(
            serverContext,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            List.of(protocol),
            true)) {
      return get(clientContext, server.uri(), protocol).body();
    }
  }

  /**
   * One GET with the JDK HTTP client over {@code protocol}, verifying the server against the
   * context's trust anchors and the host name against the certificate.
   */
  public static HttpResponse<String> get(SSLContext clientContext, URI uri, String protocol)
      throws IOException, InterruptedException {
    SSLParameters parameters = clientContext.getDefaultSSLParameters();
    parameters.setProtocols(new String[] {protocol});
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(clientContext)
            .sslParameters(parameters)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + uri + " answered " + response.statusCode());
    }
    return response;
  }

  /** The last certificate of a chain: the one to trust. */
  static X509Certificate root(X509Certificate[] chain) {
    return chain[chain.length - 1];
  }

  /** {@code <keybridge.properties> <server certificate alias> <client certificate alias>}. */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println(
          "usage: MutualTlsExample <keybridge.properties> <server alias> <client alias>");
      System.exit(2);
    }
    ExampleVault.installProvider();
    ExampleVault vault = ExampleVault.open(Path.of(args[0]));
    System.out.print(roundTrip(vault.keyStore(), args[1], args[2], "PKIX", "TLSv1.3"));
  }
}
