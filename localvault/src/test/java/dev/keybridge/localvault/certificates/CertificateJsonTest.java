package dev.keybridge.localvault.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificateJsonTest {
  private static final String BASE = "https://localhost:8443";
  private static final String VERSION = "78deebed173b48e48f55abf87ed4cf71";
  private static final CertificateAttributes ATTRIBUTES =
      new CertificateAttributes(
          true,
          Instant.ofEpochSecond(1_780_000_000),
          Instant.ofEpochSecond(1_780_000_500),
          "Recoverable+Purgeable",
          90);

  private static CertificatePolicy policy;
  private static X509Certificate certificate;

  @BeforeAll
  static void certificate() throws Exception {
    policy =
        CertificatePolicy.fromJson(
            new ObjectMapper().readTree("{\"x509_props\":{\"subject\":\"CN=json\"}}"));
    certificate =
        new SelfSignedCertificateFactory(
                Clock.fixed(Instant.parse("2026-05-01T00:00:00Z"), ZoneOffset.UTC))
            .create(policy, TestKeyPairs.get("P-256"));
  }

  @Test
  void bundleCarriesIdsThumbprintDerValidityAndPolicy() throws Exception {
    ObjectNode json =
        CertificateJson.bundle(
            BASE + "/",
            "c1",
            VERSION,
            certificate,
            CertificateContentType.PKCS12,
            policy,
            ATTRIBUTES,
            Map.of("env", "test"),
            true);

    assertThat(json.get("id").asText()).isEqualTo(BASE + "/certificates/c1/" + VERSION);
    assertThat(json.get("kid").asText()).isEqualTo(BASE + "/keys/c1/" + VERSION);
    assertThat(json.get("sid").asText()).isEqualTo(BASE + "/secrets/c1/" + VERSION);
    byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
    assertThat(json.get("x5t").asText())
        .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(sha1))
        .doesNotContain("=");
    assertThat(Base64.getDecoder().decode(json.get("cer").asText()))
        .isEqualTo(certificate.getEncoded());
    assertThat(json.has("contentType")).as("not in Azure's CertificateBundle").isFalse();
    assertThat(json.at("/pending/id").asText()).isEqualTo(BASE + "/certificates/c1/pending");
    // Reparsed so that numbers compare by value, not by Jackson node class (int vs long).
    assertThat(new ObjectMapper().readTree(json.get("attributes").toString()))
        .isEqualTo(
            new ObjectMapper()
                .readTree(
                    "{\"enabled\":true,\"nbf\":1777593600,\"exp\":1809129600,\"created\":1780000000,"
                        + "\"updated\":1780000500,\"recoveryLevel\":\"Recoverable+Purgeable\",\"recoverableDays\":90}"));
    assertThat(json.get("tags").get("env").asText()).isEqualTo("test");
    assertThat(json.get("policy").get("id").asText()).isEqualTo(BASE + "/certificates/c1/policy");
    assertThat(json.get("policy").get("x509_props").get("subject").asText()).isEqualTo("CN=json");
    assertThat(json.has("preserveCertOrder"))
        .as("Azure sends it only for certificates created asking for it")
        .isFalse();
  }

  @Test
  void bundleWithoutPolicyOrTagsOmitsThem() {
    ObjectNode json =
        CertificateJson.bundle(
            BASE,
            "c1",
            VERSION,
            certificate,
            CertificateContentType.PEM,
            null,
            ATTRIBUTES,
            null,
            false);

    assertThat(json.has("policy")).isFalse();
    assertThat(json.has("pending")).as("no creation operation, as an import").isFalse();
    assertThat(json.has("tags")).isFalse();
    assertThat(json.has("contentType")).isFalse();
  }

  @Test
  void itemHasVersionlessIdAndThumbprint() {
    ObjectNode json = CertificateJson.item(BASE, "c1", certificate, ATTRIBUTES, Map.of());

    assertThat(json.get("id").asText()).isEqualTo(BASE + "/certificates/c1");
    assertThat(json.get("x5t").asText()).isEqualTo(CertificateJson.x5t(certificate));
    assertThat(json.get("attributes").get("exp").asLong())
        .isEqualTo(certificate.getNotAfter().toInstant().getEpochSecond());
    assertThat(json.get("tags").size()).isZero();
    assertThat(json.get("attributes").has("recoveryLevel"))
        .as("not in Azure's list items")
        .isFalse();
    assertThat(json.get("attributes").has("recoverableDays")).isFalse();
  }

  @Test
  void operationInProgressHasCsrAndNoTarget() {
    byte[] csr = CsrFactory.createCsr(policy, TestKeyPairs.get("P-256"));
    CertificateOperation operation = CertificateOperation.start(IssuerParameters.UNKNOWN, csr);

    ObjectNode json = CertificateJson.operation(BASE, "c1", operation);

    assertThat(json.get("id").asText()).isEqualTo(BASE + "/certificates/c1/pending");
    assertThat(json.get("issuer").get("name").asText()).isEqualTo("Unknown");
    assertThat(Base64.getDecoder().decode(json.get("csr").asText())).isEqualTo(csr);
    assertThat(json.get("cancellation_requested").asBoolean(true)).isFalse();
    assertThat(json.get("status").asText()).isEqualTo("inProgress");
    assertThat(json.get("status_details").asText()).contains("Please Perform Merge");
    assertThat(json.has("error")).as("Azure sends error only once failed").isFalse();
    assertThat(json.has("target")).isFalse();
    assertThat(json.get("request_id").asText()).matches("[0-9a-f]{32}");
  }

  @Test
  void completedOperationNamesTheTarget() {
    CertificateOperation operation =
        CertificateOperation.start(IssuerParameters.SELF, null).complete();

    ObjectNode json = CertificateJson.operation(BASE, "c1", operation);

    assertThat(json.get("status").asText()).isEqualTo("completed");
    assertThat(json.get("target").asText()).isEqualTo(BASE + "/certificates/c1");
    assertThat(json.has("csr")).isFalse();
  }

  @Test
  void failedOperationCarriesTheError() {
    CertificateOperation operation =
        CertificateOperation.start(IssuerParameters.SELF, null).fail("BadParameter", "key size");

    ObjectNode json = CertificateJson.operation(BASE, "c1", operation);

    assertThat(json.get("status").asText()).isEqualTo("failed");
    assertThat(json.get("error").get("code").asText()).isEqualTo("BadParameter");
    assertThat(json.get("error").get("message").asText()).isEqualTo("key size");
  }
}
