package dev.keybridge.localvault.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.localvault.VaultError;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CertificatePolicyTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text.replace('\'', '"'));
  }

  private static JsonNode reparse(JsonNode node) throws Exception {
    return MAPPER.readTree(node.toString());
  }

  @Test
  void javaSdkCreateBodyGetsTheServiceDefaults() throws Exception {
    CertificatePolicy policy =
        CertificatePolicy.fromJson(
                json(
                    "{'key_props':{'kty':'RSA','key_size':2048},"
                        + "'secret_props':{'contentType':'application/x-pkcs12'},"
                        + "'x509_props':{'subject':'CN=cert1','validity_months':12},"
                        + "'issuer':{'name':'Self'}}"))
            .forCreate();

    assertThat(policy.toJson(null))
        .isEqualTo(
            json(
                "{'key_props':{'exportable':true,'kty':'RSA','key_size':2048,'reuse_key':false},"
                    + "'secret_props':{'contentType':'application/x-pkcs12'},"
                    + "'x509_props':{'subject':'CN=cert1','sans':{},"
                    + "'ekus':['1.3.6.1.5.5.7.3.1','1.3.6.1.5.5.7.3.2'],"
                    + "'key_usage':['digitalSignature','keyEncipherment'],"
                    + "'validity_months':12,'basic_constraints':{'ca':false}},"
                    + "'lifetime_actions':[{'trigger':{'lifetime_percentage':80},"
                    + "'action':{'action_type':'AutoRenew'}}],"
                    + "'issuer':{'name':'Self'},'attributes':{'enabled':true}}"));
  }

  @Test
  void absentPolicyIsAllDefaults() {
    CertificatePolicy policy = CertificatePolicy.fromJson(null);

    assertThat(policy.keyProperties()).isEqualTo(CertificateKeyProperties.DEFAULT);
    assertThat(policy.contentType()).isEqualTo(CertificateContentType.PKCS12);
    assertThat(policy.x509Properties().validityMonths()).isEqualTo(12);
    assertThat(policy.issuer().isSelf()).isTrue();
    assertThat(policy.enabled()).isTrue();
  }

  @Test
  void ecPolicyDefaultsToP256AndDigitalSignatureOnly() throws Exception {
    CertificatePolicy policy =
        CertificatePolicy.fromJson(
            json("{'key_props':{'kty':'EC'},'x509_props':{'subject':'CN=e'}}"));

    assertThat(policy.keyProperties())
        .isEqualTo(new CertificateKeyProperties(true, "EC", 256, "P-256", false));
    assertThat(policy.x509Properties().keyUsage())
        .containsExactly(CertificateKeyUsage.DIGITAL_SIGNATURE);
    assertThat(policy.toJson(null).get("key_props"))
        .isEqualTo(
            json("{'exportable':true,'kty':'EC','key_size':256,'reuse_key':false,'crv':'P-256'}"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{'kty':'EC','key_size':384} | EC | 384 | P-384",
        "{'kty':'EC-HSM','key_size':521} | EC-HSM | 521 | P-521",
        "{'kty':'EC','crv':'P-256K'} | EC | 256 | P-256K",
        "{'crv':'P-384'} | EC | 384 | P-384",
        "{'kty':'RSA-HSM','key_size':4096} | RSA-HSM | 4096 | ",
        "{'kty':'RSA','key_size':3072} | RSA | 3072 | ",
      })
  void keyPropertiesResolveSizeAndCurve(String keyProps, String kty, int size, String crv)
      throws Exception {
    CertificateKeyProperties key =
        CertificatePolicy.fromJson(json("{'key_props':" + keyProps + "}")).keyProperties();

    assertThat(key.kty()).isEqualTo(kty);
    assertThat(key.keySize()).isEqualTo(size);
    assertThat(key.curve()).isEqualTo(crv);
  }

  @Test
  void unknownIssuerDefaultsToEmailContacts() throws Exception {
    CertificatePolicy policy =
        CertificatePolicy.fromJson(json("{'issuer':{'name':'unknown','cty':'OV-SSL'}}"));

    assertThat(policy.issuer()).isEqualTo(new IssuerParameters("Unknown", "OV-SSL", null));
    assertThat(policy.lifetimeActions())
        .containsExactly(new LifetimeAction(80, null, "EmailContacts"));
  }

  @Test
  void fullPolicyRoundTripsUnchanged() throws Exception {
    JsonNode full =
        json(
            "{'id':'https://localhost:8443/certificates/c1/policy',"
                + "'key_props':{'exportable':false,'kty':'EC-HSM','key_size':384,'reuse_key':true,'crv':'P-384'},"
                + "'secret_props':{'contentType':'application/x-pem-file'},"
                + "'x509_props':{'subject':'CN=site,O=Contoso,C=US','ekus':['1.3.6.1.5.5.7.3.3'],"
                + "'sans':{'emails':['a@contoso.com'],'dns_names':['site.contoso.com','*.contoso.com'],"
                + "'upns':['user@contoso.com']},"
                + "'key_usage':['digitalSignature','nonRepudiation'],'validity_months':36,"
                + "'basic_constraints':{'ca':false}},"
                + "'lifetime_actions':[{'trigger':{'days_before_expiry':30},"
                + "'action':{'action_type':'EmailContacts'}},"
                + "{'trigger':{'lifetime_percentage':90},'action':{'action_type':'AutoRenew'}}],"
                + "'issuer':{'name':'Self','cty':'OV-SSL','cert_transparency':false},"
                + "'attributes':{'enabled':false,'created':1700000000,'updated':1700000100}}");

    CertificatePolicy policy =
        CertificatePolicy.fromJson(full)
            .withTimestamps(Instant.ofEpochSecond(1700000000), Instant.ofEpochSecond(1700000100));

    // Reparsed so that numbers compare by value, not by Jackson node class (int vs long).
    assertThat(reparse(policy.toJson("https://localhost:8443/certificates/c1/policy")))
        .isEqualTo(full);
    assertThat(
            CertificatePolicy.fromJson(policy.toJson(null))
                .withTimestamps(policy.created(), policy.updated()))
        .isEqualTo(policy);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'x509_props':{'subject':'not a distinguished name'}} | x509_props.subject",
        "{'x509_props':{'key_usage':['digitalSignature','signEverything']}} | x509_props.key_usage[1]",
        "{'x509_props':{'validity_months':0}} | x509_props.validity_months",
        "{'x509_props':{'validity_months':1201}} | x509_props.validity_months",
        "{'x509_props':{'validity_months':'12'}} | x509_props.validity_months",
        "{'x509_props':{'validity_months':1.5}} | x509_props.validity_months",
        "{'x509_props':{'ekus':['serverAuth']}} | x509_props.ekus[0]",
        "{'x509_props':{'ekus':'1.2.3'}} | x509_props.ekus",
        "{'x509_props':{'sans':{'dns_names':['bad name']}}} | x509_props.sans.dns_names[0]",
        "{'x509_props':{'sans':{'emails':['nobody']}}} | x509_props.sans.emails[0]",
        "{'x509_props':{'sans':{'upns':[7]}}} | x509_props.sans.upns[0]",
        "{'x509_props':[]} | x509_props",
        "{'key_props':{'kty':'oct'}} | key_props.kty",
        "{'key_props':{'kty':'RSA','key_size':1024}} | key_props.key_size",
        "{'key_props':{'kty':'RSA','crv':'P-256'}} | key_props.crv",
        "{'key_props':{'kty':'EC','crv':'P-192'}} | key_props.crv",
        "{'key_props':{'kty':'EC','crv':'P-256','key_size':384}} | key_props.key_size",
        "{'key_props':{'kty':'EC','key_size':2048}} | key_props.key_size",
        "{'key_props':{'exportable':'yes'}} | key_props.exportable",
        "{'secret_props':{'contentType':'text/plain'}} | secret_props.contentType",
        "{'issuer':{'name':'DigiCert'}} | issuer.name",
        "{'lifetime_actions':{}} | lifetime_actions",
        "{'lifetime_actions':[{'trigger':{'lifetime_percentage':100},'action':{'action_type':'AutoRenew'}}]} | lifetime_actions[0].trigger.lifetime_percentage",
        "{'lifetime_actions':[{'trigger':{'lifetime_percentage':50,'days_before_expiry':3},'action':{'action_type':'AutoRenew'}}]} | lifetime_actions[0].trigger",
        "{'lifetime_actions':[{'trigger':{'days_before_expiry':400},'action':{'action_type':'AutoRenew'}}]} | lifetime_actions[0].trigger.days_before_expiry",
        "{'lifetime_actions':[{'trigger':{'days_before_expiry':10},'action':{'action_type':'Explode'}}]} | lifetime_actions[0].action.action_type",
        "{'attributes':{'enabled':1}} | attributes.enabled",
      })
  void invalidPolicyIsBadParameterNamingTheField(String policy, String field) throws Exception {
    JsonNode json = json(policy);

    assertThatThrownBy(() -> CertificatePolicy.fromJson(json))
        .isInstanceOfSatisfying(
            VaultError.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("BadParameter");
              assertThat(e.getMessage()).startsWith("Invalid certificate policy: " + field + " ");
            });
  }

  @Test
  void policyThatIsNotAnObjectIsBadParameter() throws Exception {
    assertThatThrownBy(() -> CertificatePolicy.fromJson(json("[1]")))
        .isInstanceOf(VaultError.class)
        .hasMessage("Invalid certificate policy: policy must be a JSON object");
  }

  @Test
  void createNeedsASubjectOrASan() throws Exception {
    CertificatePolicy noName = CertificatePolicy.fromJson(json("{'x509_props':{}}"));
    CertificatePolicy sanOnly =
        CertificatePolicy.fromJson(json("{'x509_props':{'sans':{'dns_names':['a.example']}}}"));

    assertThatThrownBy(noName::validateForCreate)
        .isInstanceOf(VaultError.class)
        .hasMessageContaining("x509_props.subject is required");
    sanOnly.validateForCreate();
    assertThat(sanOnly.x509Properties().subject()).isEmpty();
  }

  @Test
  void updateReplacesOnlyTheMembersSent() throws Exception {
    Instant created = Instant.ofEpochSecond(1_700_000_000);
    CertificatePolicy policy =
        CertificatePolicy.fromJson(
                json(
                    "{'x509_props':{'subject':'CN=a','sans':{'dns_names':['a.example']}},'tags':{}}"))
            .withTimestamps(created, created);

    CertificatePolicy updated =
        policy.update(json("{'x509_props':{'validity_months':24},'issuer':{'name':'Unknown'}}"));

    assertThat(updated.x509Properties().validityMonths()).isEqualTo(24);
    assertThat(updated.x509Properties().subject()).isEqualTo("CN=a");
    assertThat(updated.x509Properties().sans().dnsNames()).containsExactly("a.example");
    assertThat(updated.issuer().isUnknown()).isTrue();
    assertThat(updated.keyProperties()).isEqualTo(policy.keyProperties());
    assertThat(updated.created()).isEqualTo(created);
  }

  @Test
  void updateToAnotherKeyFamilyTakesThatFamilysDefaults() throws Exception {
    CertificatePolicy policy =
        CertificatePolicy.fromJson(json("{'x509_props':{'subject':'CN=a'}}"));

    CertificatePolicy ec = policy.update(json("{'key_props':{'kty':'EC'}}"));
    CertificatePolicy p384 = ec.update(json("{'key_props':{'crv':'P-384'}}"));
    CertificatePolicy rsa = p384.update(json("{'key_props':{'kty':'RSA','key_size':3072}}"));

    assertThat(ec.keyProperties())
        .isEqualTo(new CertificateKeyProperties(true, "EC", 256, "P-256", false));
    assertThat(p384.keyProperties().keySize()).isEqualTo(384);
    assertThat(rsa.keyProperties())
        .isEqualTo(new CertificateKeyProperties(true, "RSA", 3072, null, false));
  }

  @Test
  void invalidUpdateIsBadParameter() throws Exception {
    CertificatePolicy policy = CertificatePolicy.fromJson(null);

    assertThatThrownBy(() -> policy.update(json("{'x509_props':{'validity_months':-1}}")))
        .isInstanceOf(VaultError.class)
        .hasMessageContaining("x509_props.validity_months");
  }

  @Test
  void fromCertificateDescribesTheCertificateWithIssuerUnknown() throws Exception {
    CertificatePolicy source =
        CertificatePolicy.fromJson(
            json(
                "{'key_props':{'kty':'EC','crv':'P-384'},'x509_props':{'subject':'CN=imp,O=Org',"
                    + "'sans':{'dns_names':['imp.example'],'emails':['x@imp.example'],'upns':['u@imp.example']},"
                    + "'ekus':['1.3.6.1.5.5.7.3.2'],'key_usage':['digitalSignature','keyAgreement'],"
                    + "'validity_months':7}}"));
    X509Certificate certificate =
        new SelfSignedCertificateFactory(
                Clock.fixed(Instant.parse("2026-03-31T12:00:00Z"), ZoneOffset.UTC))
            .create(source, TestKeyPairs.get("P-384"));

    CertificatePolicy derived =
        CertificatePolicy.fromCertificate(certificate, CertificateContentType.PEM);

    assertThat(derived.issuer()).isEqualTo(IssuerParameters.UNKNOWN);
    assertThat(derived.keyProperties())
        .isEqualTo(new CertificateKeyProperties(true, "EC", 384, "P-384", false));
    assertThat(derived.contentType()).isEqualTo(CertificateContentType.PEM);
    assertThat(derived.x509Properties())
        .isEqualTo(
            new X509Properties(
                "CN=imp,O=Org",
                List.of("1.3.6.1.5.5.7.3.2"),
                new SubjectAlternativeNames(
                    List.of("x@imp.example"), List.of("imp.example"), List.of("u@imp.example")),
                List.of(CertificateKeyUsage.DIGITAL_SIGNATURE, CertificateKeyUsage.KEY_AGREEMENT),
                7,
                false));
    assertThat(derived.lifetimeActions())
        .containsExactly(new LifetimeAction(80, null, "EmailContacts"));
  }

  @Test
  void describingKeepsTheCallersKeyChoicesAndTakesTheCertificatesFacts() throws Exception {
    CertificatePolicy callers =
        CertificatePolicy.fromJson(
            json(
                "{'key_props':{'kty':'RSA-HSM','exportable':false},'x509_props':{'subject':'CN=wrong'}}"));
    CertificatePolicy source =
        CertificatePolicy.fromJson(json("{'x509_props':{'subject':'CN=right'}}"));
    X509Certificate certificate =
        new SelfSignedCertificateFactory(Clock.systemUTC())
            .create(source, TestKeyPairs.get("RSA-2048"));

    CertificatePolicy described = callers.describing(certificate);

    assertThat(described.keyProperties())
        .isEqualTo(new CertificateKeyProperties(false, "RSA-HSM", 2048, null, false));
    assertThat(described.x509Properties().subject()).isEqualTo("CN=right");
    assertThat(described.issuer()).isEqualTo(callers.issuer());
  }
}
