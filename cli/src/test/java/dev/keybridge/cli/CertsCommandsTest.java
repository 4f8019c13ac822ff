package dev.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.cli.Cli.Result;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every {@code certs} command through {@link Main#run}, against a local vault. */
class CertsCommandsTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  @TempDir Path dir;

  private static Path config() {
    return VAULT.vault().propertiesFile();
  }

  @Test
  void createsSelfSignedShowsListsAndPrintsTheChain() throws Exception {
    Result created =
        Cli.run(
            config(),
            "certs",
            "create",
            "cli-tls",
            "--subject",
            "CN=api.example.test",
            "--dns",
            "api.example.test,www.example.test",
            "--eku",
            "serverAuth",
            "--key-type",
            "ec",
            "--json");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    JsonNode cert = created.json();
    assertThat(cert.get("name").asText()).isEqualTo("cli-tls");
    assertThat(cert.get("subject").asText()).isEqualTo("CN=api.example.test");
    assertThat(cert.get("issuer").asText()).isEqualTo("CN=api.example.test");
    assertThat(cert.get("sans").toString())
        .isEqualTo("[\"DNS:api.example.test\",\"DNS:www.example.test\"]");
    assertThat(cert.get("keyId").asText()).contains("/keys/cli-tls/");
    X509Certificate x509 = parse(cert.get("pem").asText()).get(0);
    assertThat(x509.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");

    Result shown = Cli.run(config(), "certs", "show", "cli-tls");
    assertThat(shown.out())
        .containsPattern("(?m)^subject:\\s+CN=api.example.test$")
        .containsPattern("(?m)^thumbprint:\\s+[0-9a-f]{40}$");

    Result listed = Cli.run(config(), "certs", "list", "--json");
    assertThat(listed.exitCode()).isZero();
    List<String> names = new ArrayList<>();
    listed.json().forEach(c -> names.add(c.get("name").asText()));
    assertThat(names).contains("cli-tls");

    Result chain = Cli.run(config(), "certs", "chain", "cli-tls");
    assertThat(chain.exitCode()).isZero();
    assertThat(parse(chain.out())).containsExactly(x509);
    Result chainJson = Cli.run(config(), "certs", "chain", "cli-tls", "--json");
    assertThat(chainJson.json().get("certificates")).hasSize(1);

    Result key = Cli.run(config(), "keys", "list", "--json");
    boolean managed = false;
    for (JsonNode item : key.json()) {
      if (item.get("name").asText().equals("cli-tls")) {
        managed = item.get("managed").asBoolean();
      }
    }
    assertThat(managed).as("the certificate's key is listed as managed").isTrue();
  }

  @Test
  void csrSignedByAnExternalCaMergesBack() throws Exception {
    Path csrFile = dir.resolve("ext.csr");
    Result csr =
        Cli.run(
            config(),
            "certs",
            "csr",
            "cli-ext",
            "--subject",
            "CN=signer.example.test",
            "--eku",
            "codeSigning",
            "--out",
            csrFile.toString());
    assertThat(csr.exitCode()).as(csr.toString()).isZero();
    PKCS10CertificationRequest request;
    try (PEMParser parser = new PEMParser(new StringReader(Files.readString(csrFile)))) {
      request = (PKCS10CertificationRequest) parser.readObject();
    }
    assertThat(request.getSubject().toString()).isEqualTo("CN=signer.example.test");

    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair ca = generator.generateKeyPair();
    X509Certificate signed =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        new X500Name("CN=Test CA"),
                        BigInteger.valueOf(7),
                        Date.from(Instant.now().minus(Duration.ofMinutes(1))),
                        Date.from(Instant.now().plus(Duration.ofDays(30))),
                        request.getSubject(),
                        new JcaPKCS10CertificationRequest(request).getPublicKey())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())));
    Path chainFile =
        Files.writeString(
            dir.resolve("signed.pem"),
            "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(signed.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
    Result merged =
        Cli.run(config(), "certs", "merge", "cli-ext", "--chain", chainFile.toString(), "--json");
    assertThat(merged.exitCode()).as(merged.toString()).isZero();
    assertThat(merged.json().get("issuer").asText()).isEqualTo("CN=Test CA");
    assertThat(merged.json().get("serialNumber").asText()).isEqualTo("7");
  }

  @Test
  void importsPemDeletesAndRecovers() throws Exception {
    Result source =
        Cli.run(config(), "certs", "create", "cli-src", "--subject", "CN=source", "--json");
    assertThat(source.exitCode()).as(source.toString()).isZero();
    String secret = VAULT.sdk().secretClient().getSecret("cli-src").getValue();
    byte[] pkcs12 = Base64.getDecoder().decode(secret);
    Path p12 = Files.write(dir.resolve("src.p12"), pkcs12);

    Result imported =
        Cli.run(config(), "certs", "import", "cli-imp", "--pkcs12", p12.toString(), "--json");
    assertThat(imported.exitCode()).as(imported.toString()).isZero();
    assertThat(imported.json().get("subject").asText()).isEqualTo("CN=source");
    assertThat(imported.json().get("thumbprint").asText())
        .isEqualTo(source.json().get("thumbprint").asText());

    Result deleted = Cli.run(config(), "certs", "delete", "cli-imp", "--json");
    assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
    assertThat(deleted.json().get("recoveryId").asText()).endsWith("/deletedcertificates/cli-imp");
    Result missing = Cli.run(config(), "certs", "show", "cli-imp");
    assertThat(missing.exitCode()).isEqualTo(ExitCode.VAULT_ERROR);
    assertThat(missing.err()).startsWith("error: CertificateNotFound (HTTP 404)");

    Result recovered = Cli.run(config(), "certs", "recover", "cli-imp", "--json");
    assertThat(recovered.exitCode()).as(recovered.toString()).isZero();
    assertThat(recovered.json().get("subject").asText()).isEqualTo("CN=source");
  }

  @Test
  void listsShowsAndPurgesDeletedCertificates() {
    assertThat(Cli.run(config(), "certs", "create", "cli-gone", "--subject", "CN=gone").exitCode())
        .isZero();
    assertThat(Cli.run(config(), "certs", "delete", "cli-gone").exitCode()).isZero();

    Result listed = Cli.run(config(), "certs", "deleted", "--json");
    assertThat(listed.exitCode()).as(listed.toString()).isZero();
    List<String> names = new ArrayList<>();
    listed.json().forEach(item -> names.add(item.get("name").asText()));
    assertThat(names).contains("cli-gone");
    Result table = Cli.run(config(), "certs", "deleted");
    assertThat(table.out())
        .containsPattern("(?m)^NAME\\s+DELETED\\s+PURGE DATE\\s+RECOVERY ID$")
        .containsPattern("(?m)^cli-gone\\s+\\S+\\s+\\S+\\s+\\S+/deletedcertificates/cli-gone$");

    Result one = Cli.run(config(), "certs", "deleted", "cli-gone", "--json");
    assertThat(one.exitCode()).as(one.toString()).isZero();
    assertThat(one.json().get("subject").asText()).isEqualTo("CN=gone");
    assertThat(one.json().get("recoveryId").asText()).endsWith("/deletedcertificates/cli-gone");

    Result purged = Cli.run(config(), "certs", "purge", "cli-gone");
    assertThat(purged.exitCode()).as(purged.toString()).isZero();
    assertThat(purged.out()).isEqualTo("purged certificate cli-gone\n");
    Result gone = Cli.run(config(), "certs", "deleted", "cli-gone");
    assertThat(gone.exitCode()).isEqualTo(ExitCode.VAULT_ERROR);
    assertThat(gone.err()).startsWith("error: CertificateNotFound (HTTP 404)");
    assertThat(VAULT.sdk().keyClient().listDeletedKeys().stream().map(k -> k.getName()))
        .doesNotContain("cli-gone");
  }

  private static List<X509Certificate> parse(String pem) throws Exception {
    List<X509Certificate> certificates = new ArrayList<>();
    for (var c :
        CertificateFactory.getInstance("X.509")
            .generateCertificates(
                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
      certificates.add((X509Certificate) c);
    }
    return certificates;
  }
}
