package dev.keybridge.localvault.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.localvault.VaultError;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelfSignedCertificateFactoryTest {
  private static final Instant NOW = Instant.parse("2026-01-31T10:15:30.750Z");
  private static final SelfSignedCertificateFactory FACTORY =
      new SelfSignedCertificateFactory(Clock.fixed(NOW, ZoneOffset.UTC));

  private static CertificatePolicy policy(String json) throws Exception {
    return CertificatePolicy.fromJson(new ObjectMapper().readTree(json.replace('\'', '"')));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "RSA-2048, SHA256withRSA",
    "P-256, SHA256withECDSA",
    "P-384, SHA384withECDSA",
    "P-521, SHA512withECDSA",
    "P-256K, SHA256withECDSA",
  })
  void certificateIsSelfSignedWithTheKeysAlgorithm(String key, String algorithm) throws Exception {
    KeyPair keyPair = TestKeyPairs.get(key);

    X509Certificate certificate =
        FACTORY.create(policy("{'x509_props':{'subject':'CN=self,O=Keybridge'}}"), keyPair);

    certificate.verify(keyPair.getPublic(), BouncyCastle.PROVIDER);
    if (!key.equals("P-256K")) {
      // SunEC and SunRsaSign, independent of Bouncy Castle (JDK 17 has no secp256k1).
      certificate.verify(certificate.getPublicKey());
    }
    assertThat(certificate.getSigAlgName()).isEqualTo(algorithm);
    assertThat(certificate.getVersion()).isEqualTo(3);
    assertThat(certificate.getSubjectX500Principal())
        .isEqualTo(new X500Principal("CN=self,O=Keybridge"))
        .isEqualTo(certificate.getIssuerX500Principal());
    assertThat(KeyMatch.samePublicKey(certificate.getPublicKey(), keyPair.getPublic())).isTrue();
  }

  @Test
  void carriesSansEkusAndCriticalKeyUsage() throws Exception {
    X509Certificate certificate =
        FACTORY.create(
            policy(
                "{'x509_props':{'subject':'CN=site.example',"
                    + "'sans':{'dns_names':['site.example','*.site.example'],'emails':['ops@site.example'],"
                    + "'upns':['svc@corp.example']},"
                    + "'ekus':['1.3.6.1.5.5.7.3.1','1.3.6.1.5.5.7.3.3'],"
                    + "'key_usage':['digitalSignature','keyEncipherment','dataEncipherment']}}"),
            TestKeyPairs.get("RSA-2048"));

    List<String> names = new ArrayList<>();
    for (List<?> name : certificate.getSubjectAlternativeNames()) {
      Object value = name.get(1);
      names.add(
          name.get(0)
              + ":"
              + (value instanceof byte[] ? UserPrincipalName.decode((byte[]) value) : value));
    }
    assertThat(names)
        .containsExactly(
            "2:site.example", "2:*.site.example", "1:ops@site.example", "0:svc@corp.example");
    assertThat(certificate.getExtendedKeyUsage())
        .containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.3");
    assertThat(certificate.getKeyUsage())
        .startsWith(true, false, true, true, false, false, false, false, false);
    assertThat(certificate.getCriticalExtensionOIDs())
        .contains(Extension.keyUsage.getId())
        .doesNotContain(Extension.subjectAlternativeName.getId());
    assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
  }

  @Test
  void defaultsGiveServerAndClientAuthAndRsaKeyUsage() throws Exception {
    X509Certificate certificate =
        FACTORY.create(policy("{'x509_props':{'subject':'CN=d'}}"), TestKeyPairs.get("RSA-2048"));

    assertThat(certificate.getExtendedKeyUsage())
        .containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    assertThat(Arrays.copyOf(certificate.getKeyUsage(), 9))
        .containsExactly(true, false, true, false, false, false, false, false, false);
  }

  @Test
  void policyWithoutSubjectGetsTheFirstSanAsCommonName() throws Exception {
    X509Certificate certificate =
        FACTORY.create(
            policy(
                "{'x509_props':{'sans':{'emails':['a@b.example'],'dns_names':['only.example']}}}"),
            TestKeyPairs.get("P-256"));

    assertThat(certificate.getSubjectX500Principal())
        .isEqualTo(new X500Principal("CN=only.example"));
    assertThat(certificate.getIssuerX500Principal())
        .isEqualTo(certificate.getSubjectX500Principal());
    assertThat(certificate.getCriticalExtensionOIDs())
        .doesNotContain(Extension.subjectAlternativeName.getId());
  }

  @Test
  void caPolicyMakesACaCertificate() throws Exception {
    X509Certificate certificate =
        FACTORY.create(
            policy(
                "{'x509_props':{'subject':'CN=ca','key_usage':['keyCertSign','cRLSign'],"
                    + "'basic_constraints':{'ca':true}}}"),
            TestKeyPairs.get("P-256"));

    assertThat(certificate.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
    assertThat(certificate.getKeyUsage()[5]).isTrue();
  }

  @Test
  void validityRunsFromNowForTheCalendarMonthsOfThePolicy() throws Exception {
    X509Certificate twelve =
        FACTORY.create(policy("{'x509_props':{'subject':'CN=v'}}"), TestKeyPairs.get("P-256"));
    X509Certificate one =
        FACTORY.create(
            policy("{'x509_props':{'subject':'CN=v','validity_months':1}}"),
            TestKeyPairs.get("P-256"));

    assertThat(twelve.getNotBefore().toInstant()).isEqualTo(Instant.parse("2026-01-31T10:15:30Z"));
    assertThat(twelve.getNotAfter().toInstant()).isEqualTo(Instant.parse("2027-01-31T10:15:30Z"));
    // January 31 plus one month is the last day of February.
    assertThat(one.getNotAfter().toInstant()).isEqualTo(Instant.parse("2026-02-28T10:15:30Z"));
  }

  @Test
  void serialIsPositiveRandomAndAtMostSixteenBytes() throws Exception {
    CertificatePolicy policy = policy("{'x509_props':{'subject':'CN=s'}}");
    List<BigInteger> serials = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      serials.add(FACTORY.create(policy, TestKeyPairs.get("P-256")).getSerialNumber());
    }

    assertThat(serials).doesNotHaveDuplicates();
    assertThat(serials)
        .allSatisfy(
            serial -> {
              assertThat(serial.signum()).isEqualTo(1);
              assertThat(serial.toByteArray().length).isLessThanOrEqualTo(16);
            });
  }

  @Test
  void keyIdentifiersNameTheCertificatesOwnKey() throws Exception {
    X509Certificate certificate =
        FACTORY.create(policy("{'x509_props':{'subject':'CN=k'}}"), TestKeyPairs.get("P-384"));

    byte[] ski =
        SubjectKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(
                        certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId()))
                    .getOctets())
            .getKeyIdentifier();
    byte[] aki =
        AuthorityKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(
                        certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId()))
                    .getOctets())
            .getKeyIdentifier();
    assertThat(ski).hasSize(20).isEqualTo(aki);
  }

  @Test
  void policyWithNeitherSubjectNorSanIsBadParameter() throws Exception {
    CertificatePolicy policy = policy("{'x509_props':{}}");

    assertThatThrownBy(() -> FACTORY.create(policy, TestKeyPairs.get("P-256")))
        .isInstanceOfSatisfying(VaultError.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("x509_props.subject is required");
  }
}
