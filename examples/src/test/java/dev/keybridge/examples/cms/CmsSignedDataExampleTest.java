package dev.keybridge.examples.cms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.examples.ChildProcess;
import dev.keybridge.examples.ExampleVault;
import dev.keybridge.examples.ServedRequests;
import dev.keybridge.examples.VaultCertificates;
import dev.keybridge.examples.VaultCertificates.KeySpec;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.TestCa;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SignatureException;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CMS SignedData by Bouncy Castle's JcaContentSignerBuilder over the KeyBridge provider, verified
 * by BC's SignerInformationVerifier and by {@code openssl cms -verify}.
 */
class CmsSignedDataExampleTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  @TempDir static Path dir;

  private static final byte[] DOCUMENT =
      "Quarterly report: all numbers are fine.\n".getBytes(StandardCharsets.UTF_8);

  private static TestCa ca;
  private static ExampleVault vault;

  @BeforeAll
  static void certificates() throws Exception {
    ca = TestCa.create("CN=keybridge CMS-test CA");
    VaultCertificates certificates = new VaultCertificates(VAULT);
    certificates.issuedBy(
        ca, "doc-rsa", "CN=doc-rsa", KeySpec.RSA_3072, TestCa.Purpose.CODE_SIGNING);
    certificates.issuedBy(ca, "doc-ec", "CN=doc-ec", KeySpec.EC_P384, TestCa.Purpose.CODE_SIGNING);
    ExampleVault.installProvider();
    vault = ExampleVault.open(VAULT.vault().propertiesFile());
  }

  /** Provider "KeyBridge": the instance given to BC; "JCA": delayed selection (needed for PSS). */
  @ParameterizedTest(name = "{0} {1} via {2}")
  @CsvSource({
    "doc-rsa, SHA256withRSA, KeyBridge",
    "doc-rsa, SHA384withRSAandMGF1, JCA",
    "doc-ec, SHA384withECDSA, KeyBridge"
  })
  void signedDataVerifiesWithBouncyCastleAndOpenssl(String alias, String algorithm, String route)
      throws Exception {
    AccessLog log = VAULT.accessLog();
    long mark = log.mark();

    byte[] signed =
        CmsSignedDataExample.sign(
            DOCUMENT,
            vault.privateKeyEntry(alias),
            algorithm,
            "KeyBridge".equals(route) ? vault.provider() : null);

    assertThat(ServedRequests.signs(log, mark, alias)).isEqualTo(1);
    CmsSignedDataExample.Verified verified = CmsSignedDataExample.verify(signed);
    assertThat(verified.content()).isEqualTo(DOCUMENT);
    assertThat(verified.signerCertificate().getSubject().toString()).isEqualTo("CN=" + alias);
    assertThat(new CMSSignedData(signed).getCertificates().getMatches(null))
        .as("leaf and CA travel with the signature")
        .contains(new JcaX509CertificateHolder(ca.certificate()));

    Path p7s = Files.write(dir.resolve(alias + "-" + algorithm + ".p7s"), signed);
    Path caFile = Files.writeString(dir.resolve("ca.pem"), TestCa.pem(List.of(ca.certificate())));
    Path out = dir.resolve(alias + "-" + algorithm + ".out");
    ChildProcess.Result openssl =
        ChildProcess.run(
            List.of(
                "/usr/bin/openssl",
                "cms",
                "-verify",
                "-inform",
                "DER",
                "-in",
                p7s.toString(),
                "-CAfile",
                caFile.toString(),
                "-purpose",
                "any",
                "-out",
                out.toString()));
    assertThat(openssl.exitCode()).as(openssl.toString()).isZero();
    assertThat(openssl.output()).contains("Verification successful");
    assertThat(Files.readAllBytes(out)).isEqualTo(DOCUMENT);
  }

  @Test
  void alteredContentDoesNotVerify() throws Exception {
    byte[] signed =
        CmsSignedDataExample.sign(
            DOCUMENT, vault.privateKeyEntry("doc-ec"), "SHA384withECDSA", vault.provider());
    int at = indexOf(signed, "fine".getBytes(StandardCharsets.UTF_8));
    signed[at] = 'F';

    assertThatThrownBy(() -> CmsSignedDataExample.verify(signed))
        .isInstanceOf(SignatureException.class);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("content not found in the SignedData");
  }
}
