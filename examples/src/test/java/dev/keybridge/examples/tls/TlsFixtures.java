package dev.keybridge.examples.tls;

import dev.keybridge.examples.VaultCertificates;
import dev.keybridge.examples.VaultCertificates.KeySpec;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.TestCa;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;

/**
 * Self-signed TLS certificates for localhost made by the vault (issuer {@code Self}, EKU serverAuth
 * and clientAuth), and servers over them.
 */
final class TlsFixtures {
  /** Alias -> key type of the certificates {@link #create} makes. */
  static final Map<String, KeySpec> CERTIFICATES =
      new TreeMap<>(
          Map.of(
              "tls-rsa", KeySpec.RSA_2048,
              "tls-ec256", KeySpec.EC_P256,
              "tls-ec384", KeySpec.EC_P384,
              "client-ec", KeySpec.EC_P256));

  private TlsFixtures() {}

  /** Creates every certificate of {@link #CERTIFICATES}; returns alias -> certificate. */
  static Map<String, X509Certificate> create(LocalVaultExtension vault) throws Exception {
    VaultCertificates certificates = new VaultCertificates(vault);
    Map<String, X509Certificate> created = new TreeMap<>();
    for (Map.Entry<String, KeySpec> entry : CERTIFICATES.entrySet()) {
      String subject =
          entry.getKey().startsWith("client")
              ? "CN=" + entry.getKey() + ",O=keybridge tests"
              : "CN=localhost,O=keybridge tests";
      created.put(
          entry.getKey(),
          certificates.selfSigned(entry.getKey(), subject, entry.getValue(), TestCa.Purpose.TLS));
    }
    return created;
  }

  /** Starts an HTTPS server on 127.0.0.1 presenting {@code alias}. */
  static HttpsServerExample.Running server(
      KeyStore vault, String alias, String kmfAlgorithm, List<String> protocols) throws Exception {
    SSLContext context = TlsContexts.sslContext(TlsContexts.keyManager(vault, kmfAlgorithm, alias));
    return HttpsServerExample.start(
        context, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), protocols, false);
  }

  /** Writes a certificate as PEM (the -CAfile / --cacert of openssl and curl). */
  static Path pem(Path file, X509Certificate certificate) throws Exception {
    return Files.writeString(file, TestCa.pem(List.of(certificate)));
  }
}
