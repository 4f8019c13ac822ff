package dev.keybridge.localvault.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.localvault.VaultError;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateImportTest {
  private static final String PASSWORD = "correct horse";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A CA and a leaf issued by it for the key {@code key}. */
  private static X509Certificate[] chainFor(String key) throws Exception {
    KeyPair caKeys = TestKeyPairs.get("P-384#import-ca");
    X509Certificate ca = TestKeyPairs.caCertificate("CN=Import CA", caKeys);
    X509Certificate leaf =
        TestKeyPairs.issue(
            "CN=imported", TestKeyPairs.get(key).getPublic(), "CN=Import CA", caKeys, false);
    return new X509Certificate[] {leaf, ca};
  }

  private static String pkcs12(PrivateKey key, Certificate[] chain, String password)
      throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("entry", key, password.toCharArray(), chain);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.store(out, password.toCharArray());
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  private static String pem(Object... objects) throws Exception {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (Object object : objects) {
        writer.writeObject(object);
      }
    }
    return text.toString();
  }

  private static void assertBadParameter(String value, String password, String message) {
    assertThatThrownBy(() -> CertificateImport.parse(value, password))
        .isInstanceOfSatisfying(
            VaultError.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("BadParameter");
            })
        .hasMessageStartingWith(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"RSA-2048", "P-256"})
  void jdkPkcs12WithPasswordImports(String key) throws Exception {
    KeyPair keyPair = TestKeyPairs.get(key);
    X509Certificate[] chain = chainFor(key);

    ImportedCertificate imported =
        CertificateImport.parse(pkcs12(keyPair.getPrivate(), chain, PASSWORD), PASSWORD);

    assertThat(imported.contentType()).isEqualTo(CertificateContentType.PKCS12);
    assertThat(imported.chain()).containsExactly(chain);
    assertThat(imported.keyPair().getPrivate().getEncoded())
        .isEqualTo(keyPair.getPrivate().getEncoded());
    assertThat(imported.keyPair().getPublic().getEncoded())
        .isEqualTo(keyPair.getPublic().getEncoded());
    assertThat(imported.toString()).contains("CN=imported").doesNotContain("Private");
  }

  @Test
  void pkcs12WithEmptyPasswordImportsWithoutPwd() throws Exception {
    KeyPair keyPair = TestKeyPairs.get("P-256");
    X509Certificate[] chain = chainFor("P-256");

    ImportedCertificate imported =
        CertificateImport.parse(pkcs12(keyPair.getPrivate(), chain, ""), null);

    assertThat(imported.leaf()).isEqualTo(chain[0]);
  }

  @Test
  void wrongOrMissingPasswordIsBadParameterNamingPwd() throws Exception {
    String value = pkcs12(TestKeyPairs.get("P-256").getPrivate(), chainFor("P-256"), PASSWORD);

    assertBadParameter(value, "wrong", "pwd is wrong");
    assertBadParameter(value, null, "pwd is missing");
  }

  @Test
  void pkcs12WithoutPrivateKeyIsBadParameter() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", chainFor("P-256")[0]);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.store(out, PASSWORD.toCharArray());

    assertBadParameter(
        Base64.getEncoder().encodeToString(out.toByteArray()),
        PASSWORD,
        "value: the PKCS#12 file holds no private key");
  }

  @Test
  void pkcs12WithAnotherKeysCertificateIsBadParameter() throws Exception {
    String value =
        pkcs12(TestKeyPairs.get("P-256#other").getPrivate(), chainFor("P-256"), PASSWORD);

    assertBadParameter(
        value, PASSWORD, "value: the private key in the PKCS#12 file does not match");
  }

  @Test
  void opensslPkcs12Imports(@TempDir Path dir) throws Exception {
    KeyPair keyPair = TestKeyPairs.get("RSA-2048");
    X509Certificate[] chain = chainFor("RSA-2048");
    Path pemFile = dir.resolve("in.pem");
    Files.writeString(
        pemFile, pem(new JcaPKCS8Generator(keyPair.getPrivate(), null), chain[0], chain[1]));
    Path pfx = dir.resolve("out.p12");

    Openssl.Result result =
        Openssl.run(
            "pkcs12",
            "-export",
            "-in",
            pemFile.toString(),
            "-out",
            pfx.toString(),
            "-passout",
            "pass:" + PASSWORD);
    assertThat(result.exitCode()).as(result.output()).isZero();
    ImportedCertificate imported =
        CertificateImport.parse(
            Base64.getEncoder().encodeToString(Files.readAllBytes(pfx)), PASSWORD);

    assertThat(imported.chain()).containsExactly(chain);
    assertThat(imported.keyPair().getPrivate().getEncoded())
        .isEqualTo(keyPair.getPrivate().getEncoded());
  }

  @Test
  void pemWithPkcs8KeyAndCertificatesInAnyOrderImportsLeafFirst() throws Exception {
    KeyPair keyPair = TestKeyPairs.get("P-384");
    X509Certificate[] chain = chainFor("P-384");
    String value = pem(chain[1], new JcaPKCS8Generator(keyPair.getPrivate(), null), chain[0]);
    assertThat(value).contains("-----BEGIN PRIVATE KEY-----");

    ImportedCertificate imported = CertificateImport.parse(value, null);

    assertThat(imported.contentType()).isEqualTo(CertificateContentType.PEM);
    assertThat(imported.chain()).containsExactly(chain[0], chain[1]);
    assertThat(imported.keyPair().getPrivate().getEncoded())
        .isEqualTo(keyPair.getPrivate().getEncoded());
  }

  @ParameterizedTest
  @ValueSource(strings = {"RSA-2048", "P-256"})
  void pemWithOpensslTraditionalKeyImports(String key, @TempDir Path dir) throws Exception {
    KeyPair keyPair = TestKeyPairs.get(key);
    X509Certificate[] chain = chainFor(key);
    Path pkcs8 = dir.resolve("pkcs8.pem");
    Files.writeString(pkcs8, pem(new JcaPKCS8Generator(keyPair.getPrivate(), null)));
    Path traditional = dir.resolve("traditional.pem");
    Openssl.Result result =
        key.startsWith("RSA")
            ? Openssl.run(
                "rsa", "-traditional", "-in", pkcs8.toString(), "-out", traditional.toString())
            : Openssl.run("ec", "-in", pkcs8.toString(), "-out", traditional.toString());
    assertThat(result.exitCode()).as(result.output()).isZero();
    String keyPem = Files.readString(traditional);
    assertThat(keyPem).contains(key.startsWith("RSA") ? "RSA PRIVATE KEY" : "EC PRIVATE KEY");

    ImportedCertificate imported = CertificateImport.parse(keyPem + pem(chain[0]), null);

    assertThat(imported.chain()).containsExactly(chain[0]);
    assertThat(KeyMatch.belongsTo(imported.keyPair().getPrivate(), keyPair.getPublic())).isTrue();
  }

  @Test
  void pemWithSecp256k1KeyImports() throws Exception {
    KeyPair keyPair = TestKeyPairs.get("P-256K");
    X509Certificate certificate =
        new SelfSignedCertificateFactory(Clock.systemUTC())
            .create(
                CertificatePolicy.fromJson(
                    MAPPER.readTree("{\"x509_props\":{\"subject\":\"CN=k1\"}}")),
                keyPair);

    ImportedCertificate imported =
        CertificateImport.parse(
            pem(new JcaPKCS8Generator(keyPair.getPrivate(), null), certificate), null);

    assertThat(imported.keyPair().getPrivate().getEncoded())
        .isEqualTo(keyPair.getPrivate().getEncoded());
    assertThat(
            CertificatePolicy.fromCertificate(imported.leaf(), imported.contentType())
                .keyProperties()
                .curve())
        .isEqualTo("P-256K");
  }

  @Test
  void pemWithEncryptedKeyNeedsTheRightPwd() throws Exception {
    KeyPair keyPair = TestKeyPairs.get("P-256");
    X509Certificate[] chain = chainFor("P-256");
    String value =
        pem(
            new JcaPKCS8Generator(
                keyPair.getPrivate(),
                new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                    .setProvider(BouncyCastle.PROVIDER)
                    .setPassword(PASSWORD.toCharArray())
                    .build()),
            chain[0]);

    assertThat(CertificateImport.parse(value, PASSWORD).keyPair().getPrivate().getEncoded())
        .isEqualTo(keyPair.getPrivate().getEncoded());
    assertBadParameter(value, "wrong", "pwd is wrong");
    assertBadParameter(value, null, "pwd is missing");
  }

  @Test
  void pemMistakesAreBadParameter() throws Exception {
    KeyPair keyPair = TestKeyPairs.get("P-256");
    X509Certificate[] chain = chainFor("P-256");
    Object key = new JcaPKCS8Generator(keyPair.getPrivate(), null);
    Object otherKey = new JcaPKCS8Generator(TestKeyPairs.get("P-256#other").getPrivate(), null);

    assertBadParameter(pem(chain[0], chain[1]), null, "value holds no private key");
    assertBadParameter(pem(key), null, "value holds no CERTIFICATE block");
    assertBadParameter(
        pem(otherKey, chain[0], chain[1]), null, "value: no certificate matches the private key");
    assertBadParameter(pem(key, otherKey, chain[0]), null, "value holds 2 private keys");
    assertBadParameter(
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        null,
        "value is not valid PEM text");
    assertBadParameter(
        pem(key, chain[0].getPublicKey(), chain[0]),
        null,
        "value holds a PEM block that is neither");
  }

  @Test
  void valueThatIsNeitherPkcs12NorPemIsBadParameter() {
    assertBadParameter("not base64 at all!", null, "value is not valid base64");
    assertBadParameter(
        Base64.getEncoder().encodeToString("just some bytes".getBytes(StandardCharsets.US_ASCII)),
        null,
        "value is not a PKCS#12 file");
    assertBadParameter("  ", null, "value is required");
    assertBadParameter(null, null, "value is required");
  }

  @Test
  void ed25519KeyIsBadParameterNamingTheKeyAlgorithm() throws Exception {
    KeyPair ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Instant now = Instant.now();
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        new X500Principal("CN=ed"),
                        BigInteger.ONE,
                        Date.from(now),
                        Date.from(now.plusSeconds(3600)),
                        new X500Principal("CN=ed"),
                        ed25519.getPublic())
                    .build(new JcaContentSignerBuilder("Ed25519").build(ed25519.getPrivate())));

    assertBadParameter(
        pem(new JcaPKCS8Generator(ed25519.getPrivate(), null), certificate),
        null,
        "value holds a private key of type EdDSA");
    assertBadParameter(
        pkcs12(ed25519.getPrivate(), new Certificate[] {certificate}, PASSWORD),
        PASSWORD,
        "value holds a private key of type EdDSA");
  }

  /** Bouncy Castle keys the empty password as zero bytes rather than RFC 7292's terminator. */
  @Test
  void bouncyCastlePkcs12WithEmptyPasswordImports() throws Exception {
    KeyPair keyPair = TestKeyPairs.get("P-256");
    X509Certificate[] chain = chainFor("P-256");
    KeyStore store = KeyStore.getInstance("PKCS12", BouncyCastle.PROVIDER);
    store.load(null, null);
    store.setKeyEntry("entry", keyPair.getPrivate(), new char[0], chain);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.store(out, new char[0]);
    ImportedCertificate imported =
        CertificateImport.parse(Base64.getEncoder().encodeToString(out.toByteArray()), null);

    assertThat(imported.chain()).containsExactly(chain);
    assertThat(imported.keyPair().getPrivate().getEncoded())
        .isEqualTo(keyPair.getPrivate().getEncoded());
  }
}
