package dev.keybridge.localvault.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretContentTest {

  /** A leaf for the key {@code key} and the CA that issued it. */
  private static List<X509Certificate> chain(String key) throws Exception {
    KeyPair caKeys = TestKeyPairs.get("P-256#secret-ca");
    X509Certificate ca = TestKeyPairs.caCertificate("CN=Secret CA", caKeys);
    X509Certificate leaf =
        TestKeyPairs.issue(
            "CN=secret leaf", TestKeyPairs.get(key).getPublic(), "CN=Secret CA", caKeys, false);
    return List.of(leaf, ca);
  }

  private static KeyStore load(String value, char[] password, java.security.Provider provider)
      throws Exception {
    KeyStore store =
        provider == null
            ? KeyStore.getInstance("PKCS12")
            : KeyStore.getInstance("PKCS12", provider);
    store.load(new ByteArrayInputStream(Base64.getDecoder().decode(value)), password);
    return store;
  }

  @ParameterizedTest
  @ValueSource(strings = {"RSA-2048", "P-384"})
  void exportablePkcs12OpensInTheJdkWithTheEmptyPassword(String key) throws Exception {
    KeyPair keyPair = TestKeyPairs.get(key);
    List<X509Certificate> chain = chain(key);

    String value =
        SecretContent.build(CertificateContentType.PKCS12, chain, keyPair.getPrivate(), true);
    KeyStore store = load(value, new char[0], null);

    List<String> keyAliases = new ArrayList<>();
    for (String alias : Collections.list(store.aliases())) {
      if (store.isKeyEntry(alias)) {
        keyAliases.add(alias);
      }
    }
    assertThat(keyAliases).hasSize(1);
    assertThat(store.getKey(keyAliases.get(0), new char[0]).getEncoded())
        .isEqualTo(keyPair.getPrivate().getEncoded());
    assertThat(store.getCertificateChain(keyAliases.get(0)))
        .containsExactly(chain.toArray(Certificate[]::new));
  }

  @Test
  void pkcs12CertificatesAreInEncryptedDataUnderTheNullPasswordAsKeyVaultWritesThem()
      throws Exception {
    List<X509Certificate> chain = chain("P-256");
    String value =
        SecretContent.build(
            CertificateContentType.PKCS12, chain, TestKeyPairs.get("P-256").getPrivate(), false);
    org.bouncycastle.pkcs.PKCS12PfxPdu pfx =
        new org.bouncycastle.pkcs.PKCS12PfxPdu(Base64.getDecoder().decode(value));
    List<X509Certificate> found = new java.util.ArrayList<>();
    for (org.bouncycastle.asn1.pkcs.ContentInfo info : pfx.getContentInfos()) {
      // What Key Vault readers (azure-security-keyvault-jca) do: decrypt with "\0", the NULL
      // password.
      assertThat(info.getContentType())
          .isEqualTo(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.encryptedData);
      var bags =
          new org.bouncycastle.pkcs.PKCS12SafeBagFactory(
                  info,
                  new org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder()
                      .build("\0".toCharArray()))
              .getSafeBags();
      for (var bag : bags) {
        if (bag.getBagValue() instanceof org.bouncycastle.cert.X509CertificateHolder holder) {
          found.add(
              new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                  .getCertificate(holder));
        }
      }
    }
    assertThat(found).containsExactlyElementsOf(chain);
  }

  @Test
  void pkcs12OpensInTheJdkWithTheEmptyPasswordLikeKeyVaultsFiles() throws Exception {
    KeyPair keyPair = TestKeyPairs.get("P-256");
    List<X509Certificate> chain = chain("P-256");
    String value =
        SecretContent.build(CertificateContentType.PKCS12, chain, keyPair.getPrivate(), true);

    // As in Key Vault's files, the certificates are in encryptedData: a reader needs "" for them.
    KeyStore store = load(value, new char[0], null);

    String alias =
        Collections.list(store.aliases()).stream()
            .filter(
                a -> {
                  try {
                    return store.isKeyEntry(a);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                })
            .findFirst()
            .orElseThrow();
    assertThat(store.getCertificate(alias)).isEqualTo(chain.get(0));
    assertThat(store.getKey(alias, new char[0]).getEncoded())
        .isEqualTo(keyPair.getPrivate().getEncoded());
  }

  @Test
  void pkcs12OpensInBouncyCastleWithTheEmptyPassword() throws Exception {
    KeyPair keyPair = TestKeyPairs.get("RSA-2048");
    String value =
        SecretContent.build(
            CertificateContentType.PKCS12, chain("RSA-2048"), keyPair.getPrivate(), true);

    KeyStore store = load(value, new char[0], BouncyCastle.PROVIDER);

    String alias =
        Collections.list(store.aliases()).stream()
            .filter(
                a -> {
                  try {
                    return store.isKeyEntry(a);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                })
            .findFirst()
            .orElseThrow();
    assertThat(store.getKey(alias, new char[0]).getEncoded())
        .isEqualTo(keyPair.getPrivate().getEncoded());
  }

  @Test
  void nonExportablePkcs12HoldsTheChainButNoKey() throws Exception {
    List<X509Certificate> chain = chain("P-256");

    String value =
        SecretContent.build(
            CertificateContentType.PKCS12, chain, TestKeyPairs.get("P-256").getPrivate(), false);
    KeyStore store = load(value, new char[0], null);

    List<Certificate> certificates = new ArrayList<>();
    for (String alias : Collections.list(store.aliases())) {
      assertThat(store.isKeyEntry(alias)).as(alias).isFalse();
      certificates.add(store.getCertificate(alias));
    }
    assertThat(certificates).containsExactlyInAnyOrderElementsOf(chain);
  }

  @Test
  void exportablePkcs12IsReadableByOpenssl(@TempDir Path dir) throws Exception {
    KeyPair keyPair = TestKeyPairs.get("P-256");
    List<X509Certificate> chain = chain("P-256");
    Path pfx = dir.resolve("secret.p12");
    Files.write(
        pfx,
        Base64.getDecoder()
            .decode(
                SecretContent.build(
                    CertificateContentType.PKCS12, chain, keyPair.getPrivate(), true)));

    Openssl.Result info =
        Openssl.run("pkcs12", "-info", "-nokeys", "-in", pfx.toString(), "-passin", "pass:");
    Openssl.Result all = Openssl.run("pkcs12", "-nodes", "-in", pfx.toString(), "-passin", "pass:");

    assertThat(info.exitCode()).as(info.output()).isZero();
    assertThat(info.output())
        .contains("MAC: sha256")
        .contains("subject=CN = secret leaf")
        .contains("subject=CN = Secret CA");
    assertThat(all.exitCode()).as(all.output()).isZero();
    ImportedCertificate reread = CertificateImport.parse(all.output(), null);
    assertThat(reread.keyPair().getPrivate().getEncoded())
        .isEqualTo(keyPair.getPrivate().getEncoded());
    assertThat(reread.chain()).containsExactlyElementsOf(chain);
  }

  @Test
  void nonExportablePkcs12IsReadableByOpensslAndHasNoKey(@TempDir Path dir) throws Exception {
    Path pfx = dir.resolve("secret.p12");
    Files.write(
        pfx,
        Base64.getDecoder()
            .decode(
                SecretContent.build(
                    CertificateContentType.PKCS12,
                    chain("RSA-2048"),
                    TestKeyPairs.get("RSA-2048").getPrivate(),
                    false)));

    Openssl.Result all = Openssl.run("pkcs12", "-nodes", "-in", pfx.toString(), "-passin", "pass:");

    assertThat(all.exitCode()).as(all.output()).isZero();
    assertThat(all.output()).contains("-----BEGIN CERTIFICATE-----").doesNotContain("PRIVATE KEY");
  }

  @Test
  void pkcs12SecretImportsBackIntoTheVault() throws Exception {
    KeyPair keyPair = TestKeyPairs.get("RSA-2048");
    List<X509Certificate> chain = chain("RSA-2048");

    ImportedCertificate imported =
        CertificateImport.parse(
            SecretContent.build(CertificateContentType.PKCS12, chain, keyPair.getPrivate(), true),
            null);

    assertThat(imported.chain()).containsExactlyElementsOf(chain);
    assertThat(imported.keyPair().getPrivate().getEncoded())
        .isEqualTo(keyPair.getPrivate().getEncoded());
  }

  @Test
  void exportablePemIsPkcs8KeyThenCertificatesLeafFirst(@TempDir Path dir) throws Exception {
    KeyPair keyPair = TestKeyPairs.get("P-384");
    List<X509Certificate> chain = chain("P-384");

    String pem = SecretContent.build(CertificateContentType.PEM, chain, keyPair.getPrivate(), true);

    assertThat(
            Pattern.compile("-----BEGIN ([A-Z ]+)-----")
                .matcher(pem)
                .results()
                .map(m -> m.group(1)))
        .containsExactly("PRIVATE KEY", "CERTIFICATE", "CERTIFICATE");
    assertThat(pem).doesNotContain("\r").endsWith("-----END CERTIFICATE-----\n");
    ImportedCertificate reread = CertificateImport.parse(pem, null);
    assertThat(reread.chain()).containsExactlyElementsOf(chain);
    assertThat(reread.keyPair().getPrivate().getEncoded())
        .isEqualTo(keyPair.getPrivate().getEncoded());
    Path file = dir.resolve("secret.pem");
    Files.writeString(file, pem);
    Openssl.Result key = Openssl.run("pkey", "-in", file.toString(), "-noout");
    assertThat(key.exitCode()).as(key.output()).isZero();
  }

  @Test
  void nonExportablePemHasOnlyTheCertificates() throws Exception {
    List<X509Certificate> chain = chain("P-256");

    String pem = SecretContent.build(CertificateContentType.PEM, chain, null, false);

    assertThat(pem).doesNotContain("PRIVATE KEY");
    assertThat(Pattern.compile("-----BEGIN CERTIFICATE-----").matcher(pem).results().count())
        .isEqualTo(2);
  }

  @Test
  void exportableWithoutKeyOrEmptyChainIsAProgrammingError() throws Exception {
    List<X509Certificate> chain = chain("P-256");

    assertThatThrownBy(() -> SecretContent.build(CertificateContentType.PEM, chain, null, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                SecretContent.build(
                    CertificateContentType.PKCS12,
                    List.of(),
                    TestKeyPairs.get("P-256").getPrivate(),
                    true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
