package dev.keybridge.examples.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.examples.ExampleVault;
import dev.keybridge.examples.ServedRequests;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mutual TLS with both private keys in the vault. */
class MutualTlsExampleTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static Map<String, X509Certificate> certificates;
  private static KeyStore vault;

  @BeforeAll
  static void certificates() throws Exception {
    certificates = TlsFixtures.create(VAULT);
    ExampleVault.installProvider();
    vault = ExampleVault.open(VAULT.vault().propertiesFile()).keyStore();
  }

  @ParameterizedTest(name = "server {0}, client client-ec, {1} {2}")
  @CsvSource({"tls-rsa, PKIX, TLSv1.3", "tls-ec384, SunX509, TLSv1.2"})
  void bothSidesAuthenticateWithVaultKeys(String serverAlias, String kmf, String protocol)
      throws Exception {
    AccessLog log = VAULT.accessLog();
    long mark = log.mark();

    String body = MutualTlsExample.roundTrip(vault, serverAlias, "client-ec", kmf, protocol);

    assertThat(body)
        .isEqualTo(
            HttpsServerExample.GREETING
                + "\nprotocol: "
                + protocol
                + "\nclient: CN=client-ec,O=keybridge tests\n");
    assertThat(ServedRequests.signs(log, mark, serverAlias)).as("server signature").isEqualTo(1);
    assertThat(ServedRequests.signs(log, mark, "client-ec")).as("client signature").isEqualTo(1);
  }

  @Test
  void clientWithoutCertificateIsRefused() throws Exception {
    SSLContext server =
        TlsContexts.sslContext(
            TlsContexts.keyManager(vault, "PKIX", "tls-ec256"), certificates.get("client-ec"));
    try (HttpsServerExample.Running running =
        HttpsServerExample.start(
            server,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            List.of("TLSv1.3"),
            true)) {
      SSLContext anonymous = TlsContexts.sslContext(null, certificates.get("tls-ec256"));

      assertThatThrownBy(() -> MutualTlsExample.get(anonymous, running.uri(), "TLSv1.3"))
          .isInstanceOf(IOException.class);
    }
  }
}
