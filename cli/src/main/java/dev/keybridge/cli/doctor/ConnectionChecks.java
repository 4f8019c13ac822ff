package dev.keybridge.cli.doctor;

import dev.keybridge.cli.token.VaultTrust;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The network half of {@code doctor}: DNS, TCP and TLS to the vault, each a {@link CheckResult}
 * with the fix in plain words. Stops at the first failure (later steps cannot work).
 */
final class ConnectionChecks {
  private final URI vaultUrl;
  private final Path caFile;
  private final Duration timeout;
  private final boolean loopback;
  private SSLContext sslContext;

  ConnectionChecks(URI vaultUrl, Path caFile, Duration timeout, boolean loopback) {
    this.vaultUrl = vaultUrl;
    this.caFile = caFile;
    this.timeout = timeout;
    this.loopback = loopback;
  }

  /** The trust the TLS check used, for later probes; null until {@link #run} passed TLS. */
  SSLContext sslContext() {
    return sslContext;
  }

  /** Runs DNS, TCP and TLS; the list ends with the first failure. */
  List<CheckResult> run() {
    List<CheckResult> results = new ArrayList<>();
    String host = vaultUrl.getHost();
    int port = vaultUrl.getPort() < 0 ? 443 : vaultUrl.getPort();
    if (!"https".equalsIgnoreCase(vaultUrl.getScheme()) || host == null) {
      results.add(
          CheckResult.failed(
              "url",
              "the vault URL " + vaultUrl + " is not an https:// URL with a host",
              null,
              "set keybridge.vault.url to https://NAME.vault.azure.net (or the local vault's"
                  + " https://localhost:PORT)"));
      return results;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
      results.add(
          CheckResult.ok(
              "dns",
              host
                  + " -> "
                  + Arrays.stream(addresses)
                      .map(InetAddress::getHostAddress)
                      .collect(Collectors.joining(", "))));
    } catch (UnknownHostException e) {
      results.add(
          CheckResult.failed(
              "dns",
              "the host name " + host + " does not resolve",
              null,
              "check the vault name in keybridge.vault.url (" + vaultUrl + ") and your DNS"));
      return results;
    }
    InetSocketAddress target = null;
    IOException failure = null;
    for (InetAddress address : addresses) {
      InetSocketAddress candidate = new InetSocketAddress(address, port);
      try (Socket socket = new Socket()) {
        socket.connect(candidate, (int) timeout.toMillis());
        target = candidate;
        break;
      } catch (IOException e) {
        failure = e;
      }
    }
    String where = host + ":" + port;
    if (target != null) {
      results.add(CheckResult.ok("tcp", "connected to " + describe(target)));
    } else if (failure instanceof ConnectException) {
      results.add(
          CheckResult.failed(
              "tcp",
              "nothing is listening at " + where + " (connection refused)",
              null,
              loopback
                  ? "start the local vault ('keybridge serve --data DIR') and use the"
                      + " keybridge.properties it writes: the port changes on every start"
                      + " unless --port is given"
                  : "check the port in keybridge.vault.url and that no firewall blocks it"));
      return results;
    } else if (failure instanceof SocketTimeoutException) {
      results.add(
          CheckResult.failed(
              "tcp",
              "no answer from " + where + " within " + timeout.toMillis() + " ms",
              null,
              "a firewall or proxy drops the connection: check network access to the vault"
                  + " (keybridge.http.connect-timeout sets the wait)"));
      return results;
    } else {
      results.add(
          CheckResult.failed(
              "tcp", "cannot connect to " + where + ": " + failure.getMessage(), null, null));
      return results;
    }
    results.add(tls(host, target));
    return results;
  }

  private CheckResult tls(String host, InetSocketAddress target) {
    SSLContext context;
    try {
      context = VaultTrust.configured(caFile);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return CheckResult.failed(
          "tls",
          "cannot read the CA file " + caFile + ": " + e.getMessage(),
          null,
          "point keybridge.trust.ca-file at a readable PEM file holding the vault's CA"
              + " certificate");
    }
    try {
      handshake(context, host, target);
      sslContext = context;
      return CheckResult.ok(
          "tls",
          "certificate trusted ("
              + (caFile == null ? "JDK trust store" : "keybridge.trust.ca-file " + caFile)
              + ")");
    } catch (SSLHandshakeException e) {
      return untrusted(host, target, e);
    } catch (IOException e) {
      return CheckResult.failed(
          "tls",
          "TLS handshake with " + describe(target) + " failed: " + e.getMessage(),
          null,
          "check that " + vaultUrl + " is an HTTPS endpoint");
    }
  }

  private CheckResult untrusted(String host, InetSocketAddress target, SSLHandshakeException e) {
    List<X509Certificate> chain = new ArrayList<>();
    try {
      handshake(ChainRecorder.recording(chain), host, target);
    } catch (IOException | GeneralSecurityException ignored) {
      // describing the certificate is best effort; the diagnosis below stands without it
    }
    String shown =
        chain.isEmpty()
            ? "the vault's certificate"
            : "the vault's certificate (subject "
                + chain.get(0).getSubjectX500Principal().getName()
                + ", issued by "
                + chain.get(chain.size() - 1).getIssuerX500Principal().getName()
                + ")";
    if (isHostnameMismatch(e)) {
      return CheckResult.failed(
          "tls",
          shown + " does not name the host " + host,
          null,
          "use a vault URL whose host name is in the certificate (for the local vault:"
              + " https://localhost:PORT)");
    }
    if (isTrustFailure(e)) {
      String fix =
          caFile == null
              ? "set keybridge.trust.ca-file to the PEM file of the CA that issued it"
                  + (loopback
                      ? " (the local vault's is DIR/ca.pem; its keybridge.properties already names"
                          + " it: pass --config DIR/keybridge.properties)"
                      : "")
              : "keybridge.trust.ca-file "
                  + caFile
                  + " does not hold the CA that issued it: point it at the right PEM file";
      return CheckResult.failed("tls", shown + " is not trusted", null, fix);
    }
    return CheckResult.failed(
        "tls", "TLS handshake with " + describe(target) + " failed: " + e.getMessage(), null, null);
  }

  private void handshake(SSLContext context, String host, InetSocketAddress target)
      throws IOException {
    Socket plain = new Socket();
    plain.connect(target, (int) timeout.toMillis());
    plain.setSoTimeout((int) timeout.toMillis());
    // layered on the connected socket with the URL's host name: SNI and host name checks use it
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket(plain, host, target.getPort(), true)) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.startHandshake();
    }
  }

  private static boolean isTrustFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertPathValidatorException
          || t.getClass().getName().contains("CertPathBuilder")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isHostnameMismatch(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException
          && t.getMessage() != null
          && (t.getMessage().contains("subject alternative")
              || t.getMessage().contains("No name matching"))) {
        return true;
      }
    }
    return false;
  }

  private static String describe(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }
}
