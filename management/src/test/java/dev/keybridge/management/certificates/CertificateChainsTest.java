package dev.keybridge.management.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.localvault.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateChainsTest {
  private static KeyPair leafKey;
  private static TestPki.Chain chain;

  @TempDir Path dir;

  @BeforeAll
  static void issue() throws Exception {
    leafKey = TestPki.ec("secp256r1");
    chain = TestPki.chainFor(leafKey.getPublic(), "leaf");
  }

  @Test
  void pkcs12SecretWithoutPasswordYieldsTheOrderedChain() throws Exception {
    KeyStore pfx = KeyStore.getInstance("PKCS12");
    pfx.load(null, null);
    pfx.setKeyEntry("k", leafKey.getPrivate(), new char[0], chain.toArray());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pfx.store(out, new char[0]);
    String value = Base64.getEncoder().encodeToString(out.toByteArray());

    List<X509Certificate> all = CertificateChains.fromSecret("application/x-pkcs12", value);
    List<X509Certificate> ordered =
        CertificateChains.order(
            chain.leaf(), all.stream().filter(c -> !c.equals(chain.leaf())).toList());

    assertThat(ordered).containsExactly(chain.leaf(), chain.intermediate(), chain.root());
  }

  @Test
  void pemSecretSkipsThePrivateKeyAndOrdersShuffledCertificates() throws Exception {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(leafKey.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n"
            + pem(chain.root())
            + pem(chain.leaf())
            + pem(chain.intermediate());

    List<X509Certificate> all = CertificateChains.fromSecret("application/x-pem-file", pem);

    assertThat(all).containsExactly(chain.root(), chain.leaf(), chain.intermediate());
    assertThat(CertificateChains.order(chain.leaf(), all))
        .containsExactly(chain.leaf(), chain.intermediate(), chain.root());
  }

  @Test
  void orderStopsWhereNoIssuerIsFound() {
    assertThat(CertificateChains.order(chain.leaf(), List.of(chain.root())))
        .containsExactly(chain.leaf());
  }

  @Test
  void chainFilesInPemDerAndPkcs7AreRead() throws Exception {
    Path pemFile = dir.resolve("chain.pem");
    Files.writeString(pemFile, pem(chain.leaf()) + pem(chain.root()) + pem(chain.intermediate()));
    Path derFile = dir.resolve("leaf.cer");
    Files.write(derFile, chain.leaf().getEncoded());
    Path p7File = dir.resolve("chain.p7b");
    Files.write(
        p7File,
        CertificateFactory.getInstance("X.509")
            .generateCertPath(List.of(chain.toArray()))
            .getEncoded("PKCS7"));

    assertThat(CertificateChains.readChainFile(pemFile))
        .containsExactly(chain.leaf(), chain.intermediate(), chain.root());
    assertThat(CertificateChains.readChainFile(derFile)).containsExactly(chain.leaf());
    assertThat(CertificateChains.readChainFile(p7File))
        .containsExactly(chain.leaf(), chain.intermediate(), chain.root());
  }

  @Test
  void unusableInputsFailWithTheReason() throws Exception {
    Path empty = dir.resolve("empty.pem");
    Files.writeString(empty, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

    assertThatThrownBy(() -> CertificateChains.readChainFile(empty))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no PEM CERTIFICATE block");
    assertThatThrownBy(() -> CertificateChains.fromSecret("application/x-pkcs12", "%%%"))
        .isInstanceOf(CertificateException.class);
  }

  private static String pem(X509Certificate certificate) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + new String(
            Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encode(certificate.getEncoded()),
            StandardCharsets.US_ASCII)
        + "\n-----END CERTIFICATE-----\n";
  }
}
