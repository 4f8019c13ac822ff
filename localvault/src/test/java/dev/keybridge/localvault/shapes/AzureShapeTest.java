package dev.keybridge.localvault.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.RawVaultHttp;
import dev.keybridge.localvault.testing.TestCa;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The local vault's answers have the fields Azure's have: each test compares the field paths of a
 * local answer with a response recorded from the real service (test resources {@code
 * azure-recordings/}, sources in their README). Every field Azure sends must be there, and the
 * local vault may add only fields of newer API versions than the recording's (named per test).
 */
public class AzureShapeTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String V = "?api-version=7.6";
  private static final String V2025 = "?api-version=2025-07-01";
  private static final String SELF_POLICY =
      "{\"policy\":{\"key_props\":{},\"secret_props\":{},\"x509_props\":{\"subject\":\"cn=MyCert\","
          + "\"sans\":{}},\"issuer\":{\"name\":\"Self\"},\"attributes\":{}},\"attributes\":{}}";

  @Test
  void certificateCreateAnswersAsAzureDoes() throws Exception {
    RawVaultHttp.Response created = send("POST", "/certificates/shape-1/create" + V, SELF_POLICY);
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    assertThat(created.headers().firstValue("Retry-After")).isPresent();
    assertSameFields(created.json(), recorded("certificate-create-202.json"), Set.of());
    // As Azure's: Location names the operation with the api-version and the request id.
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(location)
        .endsWith(
            "/certificates/shape-1/pending"
                + V
                + "&request_id="
                + created.json().get("request_id").asText());
    RawVaultHttp.Response polled =
        send("GET", location.substring(location.indexOf("/certificates/")), null);
    assertThat(polled.status()).as(polled.body()).isEqualTo(200);
  }

  @Test
  void operationInProgressAnswersAsAzuresWithRetryAfter() throws Exception {
    // An Unknown issuer: the operation stays in progress until a merge, as Azure's pending one.
    RawVaultHttp.Response created =
        send(
            "POST",
            "/certificates/shape-11/create" + V2025,
            SELF_POLICY.replace("\"Self\"", "\"Unknown\""));
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    RawVaultHttp.Response pending = send("GET", "/certificates/shape-11/pending" + V2025, null);
    assertThat(pending.status()).as(pending.body()).isEqualTo(200);
    assertThat(pending.json().get("status").asText()).isEqualTo("inProgress");
    assertThat(pending.headers().firstValue("Retry-After")).isPresent();
    assertSameFields(pending.json(), recorded("certificate-operation-in-progress.json"), Set.of());
  }

  @Test
  void cancelledOperationAnswersAsAzures() throws Exception {
    // An Unknown issuer: the operation waits until it is cancelled. Azure's answer to the PATCH
    // was still inProgress (with status_details); the local operation ends at once, so both the
    // PATCH and the GET answer as Azure's cancelled operation (without status_details).
    send(
        "POST",
        "/certificates/shape-cancel/create" + V2025,
        SELF_POLICY.replace("\"Self\"", "\"Unknown\""));
    JsonNode azure = recorded("certificate-operation-cancelled.json");
    JsonNode cancelled =
        ok(
            "PATCH",
            "/certificates/shape-cancel/pending" + V2025,
            "{\"cancellation_requested\":true}");
    assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
    assertSameFields(cancelled, azure, Set.of());
    assertSameFields(
        ok("GET", "/certificates/shape-cancel/pending" + V2025, null), azure, Set.of());
  }

  @Test
  void certificateBundleHasAzuresFields() throws Exception {
    send("POST", "/certificates/shape-2/create" + V, SELF_POLICY);
    RawVaultHttp.Response bundle = send("GET", "/certificates/shape-2/" + V, null);
    assertThat(bundle.status()).isEqualTo(200);
    // The recording caught the version while pending: the local one is complete, so it also has
    // the certificate (kid, sid, x5t, cer) and, from API 7.1 on, recoverableDays and tags.
    assertSameFields(
        bundle.json(),
        recorded("certificate-get.json"),
        Set.of("/kid", "/sid", "/x5t", "/cer", "/tags", "/attributes/recoverableDays"));
  }

  @Test
  void completedCertificateBundleHasAzuresFields() throws Exception {
    send("POST", "/certificates/shape-3/create" + V2025, SELF_POLICY);
    assertSameFields(
        ok("GET", "/certificates/shape-3/" + V2025, null),
        recorded("certificate-get-completed.json"),
        Set.of());
  }

  @Test
  void completedCertificateOperationAnswersAsAzureDoes() throws Exception {
    send("POST", "/certificates/shape-4/create" + V2025, SELF_POLICY);
    RawVaultHttp.Response pending = send("GET", "/certificates/shape-4/pending" + V2025, null);
    assertThat(pending.status()).as(pending.body()).isEqualTo(200);
    assertThat(pending.json().get("status").asText()).isEqualTo("completed");
    assertSameFields(pending.json(), recorded("certificate-operation-completed.json"), Set.of());
  }

  @Test
  void certificateListItemHasAzuresFields() throws Exception {
    send("POST", "/certificates/shape-5/create" + V2025, SELF_POLICY);
    RawVaultHttp.Response list = send("GET", "/certificates" + V2025, null);
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    assertSameFields(
        listed(list.json(), "id", "/certificates/shape-5"),
        recorded("certificate-list-item.json"),
        Set.of());
  }

  @Test
  void certificatePolicyUpdateAnswersAsAzureDoes() throws Exception {
    send("POST", "/certificates/shape-8/create" + V2025, SELF_POLICY);
    assertSameFields(
        ok(
            "PATCH",
            "/certificates/shape-8/policy" + V2025,
            "{\"key_props\":{},\"secret_props\":{},\"x509_props\":{\"subject\":\"cn=MyOtherCert\","
                + "\"sans\":{}},\"issuer\":{\"name\":\"Self\"},\"attributes\":{}}"),
        recorded("certificate-policy-update.json"),
        Set.of());
  }

  @Test
  void certificateUpdateAnswersAsAzureDoes() throws Exception {
    send("POST", "/certificates/shape-9/create" + V2025, SELF_POLICY);
    RawVaultHttp.Response updated =
        send(
            "PATCH",
            "/certificates/shape-9/" + V2025,
            "{\"attributes\":{},\"tags\":{\"customTag\":\"value\"}}");
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    // The recording updated a certificate still pending: the local one is complete, so it also
    // has the certificate (kid, sid, x5t, cer).
    assertSameFields(
        updated.json(),
        recorded("certificate-update.json"),
        Set.of("/kid", "/sid", "/x5t", "/cer"));
  }

  @Test
  void certificateOperationDeleteAnswersAsAzureDoes() throws Exception {
    send("POST", "/certificates/shape-10/create" + V2025, SELF_POLICY);
    assertSameFields(
        ok("DELETE", "/certificates/shape-10/pending" + V2025, null),
        recorded("certificate-operation-delete.json"),
        Set.of());
  }

  @Test
  void certificateMergeAnswersAsAzureDoes() throws Exception {
    RawVaultHttp.Response created =
        send(
            "POST",
            "/certificates/shape-12/create" + V2025,
            "{\"policy\":{\"key_props\":{},\"secret_props\":{},\"x509_props\":{\"subject\":"
                + "\"cn=MyCert\",\"sans\":{}},\"lifetime_actions\":[{\"trigger\":"
                + "{\"lifetime_percentage\":80},\"action\":{\"action_type\":\"EmailContacts\"}}],"
                + "\"issuer\":{\"name\":\"Unknown\",\"cert_transparency\":false},"
                + "\"attributes\":{}},\"attributes\":{}}");
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    byte[] csr = Base64.getDecoder().decode(created.json().get("csr").asText());
    X509Certificate leaf = TestCa.create("CN=Shape CA").issue(csr, TestCa.Purpose.TLS);
    RawVaultHttp.Response merged =
        send(
            "POST",
            "/certificates/shape-12/pending/merge" + V2025,
            "{\"x5c\":[\"" + Base64.getEncoder().encodeToString(leaf.getEncoded()) + "\"]}");
    assertThat(merged.status()).as(merged.body()).isEqualTo(201);
    assertSameFields(merged.json(), recorded("certificate-merge.json"), Set.of());
  }

  @Test
  void certificateImportAnswersAsAzureDoes() throws Exception {
    // As in the recording: the PKCS#12 secret of a self-signed certificate, imported elsewhere.
    send("POST", "/certificates/shape-13/create" + V2025, SELF_POLICY);
    RawVaultHttp.Response secret = send("GET", "/secrets/shape-13/" + V2025, null);
    assertThat(secret.status()).as(secret.body()).isEqualTo(200);
    assertSameFields(
        ok(
            "POST",
            "/certificates/shape-14/import" + V2025,
            "{\"value\":\"" + secret.json().get("value").asText() + "\"}"),
        recorded("certificate-import.json"),
        Set.of());
  }

  @Test
  void certificateVersionGetAnswersAsAzureDoes() throws Exception {
    send("POST", "/certificates/shape-15/create" + V2025, SELF_POLICY);
    RawVaultHttp.Response latest =
        send("PATCH", "/certificates/shape-15/" + V2025, "{\"tags\":{\"tag\":\"tag02\"}}");
    String id = latest.json().get("id").asText();
    RawVaultHttp.Response version =
        send(
            "GET", "/certificates/shape-15/" + id.substring(id.lastIndexOf('/') + 1) + V2025, null);
    assertThat(version.status()).as(version.body()).isEqualTo(200);
    // As Azure's: naming the version answers it without the policy and pending.
    assertSameFields(version.json(), recorded("certificate-get-version.json"), Set.of());
  }

  @Test
  void certificateContactsAnswerAsAzures() throws Exception {
    JsonNode azure = recorded("certificate-contacts.json");
    assertSameFields(
        ok(
            "PUT",
            "/certificates/contacts" + V2025,
            "{\"contacts\":[{\"email\":\"a@a.com\",\"name\":\"a\",\"phone\":\"111111111111\"},"
                + "{\"email\":\"b@b.com\",\"name\":\"b\",\"phone\":\"222222222222\"}]}"),
        azure,
        Set.of());
    RawVaultHttp.Response got = send("GET", "/certificates/contacts" + V2025, null);
    assertSameFields(got.json(), azure, Set.of());
    assertSameFields(ok("DELETE", "/certificates/contacts" + V2025, null), azure, Set.of());
    RawVaultHttp.Response gone = send("GET", "/certificates/contacts" + V2025, null);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.errorCode()).isEqualTo("ContactsNotFound");
  }

  @Test
  void certificateIssuerAnswersAsAzures() throws Exception {
    JsonNode azure = recorded("certificate-issuer.json");
    assertSameFields(
        ok(
            "PUT",
            "/certificates/issuers/shape-issuer" + V2025,
            "{\"provider\":\"Test\",\"credentials\":{\"account_id\":\"keyvaultuser\"},"
                + "\"org_details\":{\"admin_details\":[{\"first_name\":\"John\","
                + "\"last_name\":\"Doe\",\"email\":\"admin@microsoft.com\",\"phone\":\"4255555555\"}]}}"),
        azure,
        Set.of());
    assertSameFields(
        ok("GET", "/certificates/issuers/shape-issuer" + V2025, null), azure, Set.of());
  }

  @Test
  void certificateIssuerListUpdateAndDeleteAnswerAsAzures() throws Exception {
    send(
        "PUT",
        "/certificates/issuers/shape-issuer-2" + V2025,
        "{\"provider\":\"Test\",\"credentials\":{\"account_id\":\"keyvaultuser\"},"
            + "\"org_details\":{\"admin_details\":[{\"first_name\":\"John\","
            + "\"last_name\":\"Doe\",\"email\":\"admin@microsoft.com\",\"phone\":\"4255555555\"}]},"
            + "\"attributes\":{\"enabled\":true}}");
    assertSameFields(
        listed(
            ok("GET", "/certificates/issuers" + V2025, null),
            "id",
            "/certificates/issuers/shape-issuer-2"),
        recorded("certificate-issuer-list-item.json"),
        Set.of());
    assertSameFields(
        ok(
            "PATCH",
            "/certificates/issuers/shape-issuer-2" + V2025,
            "{\"org_details\":{\"admin_details\":[{\"first_name\":\"Jane\","
                + "\"last_name\":\"Doe\",\"email\":\"admin@microsoft.com\",\"phone\":\"4255555555\"}]}}"),
        recorded("certificate-issuer-update.json"),
        Set.of());
    assertSameFields(
        ok("DELETE", "/certificates/issuers/shape-issuer-2" + V2025, null),
        recorded("certificate-issuer-delete.json"),
        Set.of());
    RawVaultHttp.Response gone = send("GET", "/certificates/issuers/shape-issuer-2" + V2025, null);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.errorCode()).isEqualTo("CertificateIssuerNotFound");
  }

  @Test
  void deletedCertificateGetAndListItemHaveAzuresFields() throws Exception {
    send("POST", "/certificates/shape-16/create" + V2025, SELF_POLICY);
    send("DELETE", "/certificates/shape-16" + V2025, null);
    assertSameFields(
        ok("GET", "/deletedcertificates/shape-16" + V2025, null),
        recorded("certificate-get-deleted.json"),
        Set.of());
    RawVaultHttp.Response list = send("GET", "/deletedcertificates" + V2025, null);
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    assertSameFields(
        listed(list.json(), "id", "/certificates/shape-16"),
        recorded("certificate-deleted-list-item.json"),
        Set.of());
  }

  @Test
  void certificateVersionsItemHasAzuresFields() throws Exception {
    // As in the recording: a Self-issued cn=MyCert certificate with a tag, one version.
    String tagged =
        SELF_POLICY.substring(0, SELF_POLICY.length() - 1) + ",\"tags\":{\"tag\":\"tag02\"}}";
    RawVaultHttp.Response created = send("POST", "/certificates/shape-17/create" + V2025, tagged);
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    RawVaultHttp.Response list = send("GET", "/certificates/shape-17/versions" + V2025, null);
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    assertThat(list.json().get("value")).hasSize(1);
    assertSameFields(
        list.json().get("value").get(0), recorded("certificate-versions-item.json"), Set.of());
  }

  @Test
  void certificatePolicyGetAnswersAsAzureDoes() throws Exception {
    // As in the recording: the policy of a certificate created with a subject and an issuer only.
    send("POST", "/certificates/shape-19/create" + V2025, SELF_POLICY);
    assertSameFields(
        ok("GET", "/certificates/shape-19/policy" + V2025, null),
        recorded("certificate-policy-get.json"),
        Set.of());
  }

  @Test
  void certificateRecoverAnswersAsAzureDoes() throws Exception {
    send("POST", "/certificates/shape-18/create" + V2025, SELF_POLICY);
    ok("DELETE", "/certificates/shape-18" + V2025, null);
    // A deleted certificate's operation is not readable; recovered, it is, as pending says.
    assertThat(send("GET", "/certificates/shape-18/pending" + V2025, null).status()).isEqualTo(404);
    assertSameFields(
        ok("POST", "/deletedcertificates/shape-18/recover" + V2025, null),
        recorded("certificate-recover.json"),
        Set.of());
    // The recording's GET after the recover answered the same body.
    assertSameFields(
        ok("GET", "/certificates/shape-18/" + V2025, null),
        recorded("certificate-recover.json"),
        Set.of());
    assertThat(ok("GET", "/certificates/shape-18/pending" + V2025, null).get("status").asText())
        .isEqualTo("completed");
  }

  @Test
  void rsaKeyCreateAnswersAsAzureDoes() throws Exception {
    RawVaultHttp.Response created = createRsaKey("shape-key-1");
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    assertSameFields(created.json(), recorded("key-create-rsa.json"), Set.of());
  }

  @Test
  void keyGetAnswersAsAzureDoes() throws Exception {
    String kid = createRsaKey("shape-key-2").json().at("/key/kid").asText();
    String version = kid.substring(kid.lastIndexOf('/') + 1);
    assertSameFields(
        ok("GET", "/keys/shape-key-2/" + version + V2025, null),
        recorded("key-get.json"),
        Set.of());
  }

  @Test
  void keyListItemHasAzuresFields() throws Exception {
    send("POST", "/keys/shape-key-3/create" + V2025, "{\"kty\":\"RSA\"}");
    RawVaultHttp.Response list = send("GET", "/keys" + V2025, null);
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    assertSameFields(
        listed(list.json(), "kid", "/keys/shape-key-3"),
        recorded("key-list.json").get("value").get(0),
        Set.of());
  }

  @Test
  void deletedKeyBundleHasAzuresFields() throws Exception {
    // As in the recording: the key has an expiry and tags when it is deleted.
    send(
        "POST",
        "/keys/shape-key-4/create" + V2025,
        "{\"kty\":\"RSA\",\"key_size\":2048,\"attributes\":{\"exp\":2524723200},"
            + "\"tags\":{\"foo\":\"updated tag\"}}");
    assertSameFields(
        ok("DELETE", "/keys/shape-key-4" + V2025, null), recorded("key-delete.json"), Set.of());
  }

  @Test
  void defaultRotationPolicyAnswersAsAzureDoes() throws Exception {
    send("POST", "/keys/shape-key-5/create" + V, "{\"kty\":\"RSA\"}");
    RawVaultHttp.Response policy = send("GET", "/keys/shape-key-5/rotationpolicy" + V, null);
    assertThat(policy.status()).as(policy.body()).isEqualTo(200);
    assertSameFields(policy.json(), recorded("key-rotation-policy-default.json"), Set.of());
    assertThat(policy.json().get("attributes").isNull()).as("Azure's attributes are null").isTrue();
  }

  @Test
  void rsaKeyAt76HasNoKeySizeAsAzures() throws Exception {
    assertSameFields(
        ok(
            "POST",
            "/keys/shape-key-6/create" + V,
            "{\"kty\":\"RSA\",\"key_size\":2048,\"tags\":{\"purpose\":\"unit test\","
                + "\"test name \":\"CreateRSAKeyTest\"}}"),
        recorded("key-create-rsa-7.6.json"),
        Set.of());
  }

  @Test
  void ecKeyCreateAnswersAsAzureDoes() throws Exception {
    assertSameFields(
        ok(
            "POST",
            "/keys/shape-key-7/create" + V2025,
            "{\"kty\":\"EC\",\"attributes\":{\"enabled\":true},"
                + "\"tags\":{\"purpose\":\"unit test\",\"test name\":\"CreateECKeyTest\"}}"),
        recorded("key-create-ec.json"),
        Set.of());
  }

  @Test
  void keyUpdateAnswersAsAzureDoes() throws Exception {
    createRsaKey("shape-key-8");
    assertSameFields(
        ok(
            "PATCH",
            "/keys/shape-key-8/" + V2025,
            "{\"key_ops\":[\"decrypt\",\"encrypt\"],\"attributes\":{\"exp\":2524723200},"
                + "\"tags\":{\"foo\":\"updated tag\"}}"),
        recorded("key-update.json"),
        Set.of());
  }

  @Test
  void keyImportAnswersAsAzureDoes() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    RSAPrivateCrtKey k = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
    String jwk =
        "{\"kty\":\"RSA\",\"key_ops\":[\"encrypt\",\"decrypt\",\"sign\",\"verify\","
            + "\"wrapKey\",\"unwrapKey\"],\"n\":\"%s\",\"e\":\"%s\",\"d\":\"%s\",\"dp\":\"%s\","
            + "\"dq\":\"%s\",\"qi\":\"%s\",\"p\":\"%s\",\"q\":\"%s\"}";
    String body =
        "{\"key\":"
            + jwk.formatted(
                b64(k.getModulus()),
                b64(k.getPublicExponent()),
                b64(k.getPrivateExponent()),
                b64(k.getPrimeExponentP()),
                b64(k.getPrimeExponentQ()),
                b64(k.getCrtCoefficient()),
                b64(k.getPrimeP()),
                b64(k.getPrimeQ()))
            + "}";
    assertSameFields(
        ok("PUT", "/keys/shape-key-9" + V2025, body), recorded("key-import-rsa.json"), Set.of());
  }

  @Test
  void deletedKeyReadsAsAzures() throws Exception {
    send(
        "POST",
        "/keys/shape-key-10/create" + V2025,
        "{\"kty\":\"RSA\",\"attributes\":{\"exp\":2524723200},"
            + "\"tags\":{\"foo\":\"updated tag\"}}");
    send("DELETE", "/keys/shape-key-10" + V2025, null);
    assertSameFields(
        ok("GET", "/deletedkeys/shape-key-10" + V2025, null),
        recorded("key-get-deleted.json"),
        Set.of());
  }

  @Test
  void recoveredKeyAnswersAsAzureDoes() throws Exception {
    send("POST", "/keys/shape-key-15/create" + V, "{\"kty\":\"EC\"}");
    send("DELETE", "/keys/shape-key-15" + V, null);
    assertSameFields(
        ok("POST", "/deletedkeys/shape-key-15/recover" + V, null),
        recorded("key-recover.json"),
        Set.of());
  }

  @Test
  void deletedKeyListItemHasAzuresFields() throws Exception {
    send("POST", "/keys/shape-key-16/create" + V, "{\"kty\":\"EC\"}");
    send("DELETE", "/keys/shape-key-16" + V, null);
    RawVaultHttp.Response list = send("GET", "/deletedkeys" + V, null);
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    assertSameFields(
        listed(list.json(), "kid", "/keys/shape-key-16"),
        recorded("key-deleted-list-item.json"),
        Set.of());
  }

  @Test
  void keyVersionsPageHasAzuresFields() throws Exception {
    send("POST", "/keys/shape-key-17/create" + V, "{\"kty\":\"EC\"}");
    send("POST", "/keys/shape-key-17/create" + V, "{\"kty\":\"EC\"}");
    RawVaultHttp.Response page = send("GET", "/keys/shape-key-17/versions" + V, null);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.json().get("value")).hasSize(2);
    assertSameFields(page.json(), recorded("key-versions.json"), Set.of());
  }

  @Test
  void keyRotateAnswersAsAzureDoes() throws Exception {
    String first =
        send("POST", "/keys/shape-key-11/create" + V, "{\"kty\":\"RSA\"}")
            .json()
            .at("/key/kid")
            .asText();
    RawVaultHttp.Response rotated = send("POST", "/keys/shape-key-11/rotate" + V, null);
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    assertThat(rotated.json().at("/key/kid").asText()).as("a new version").isNotEqualTo(first);
    assertSameFields(rotated.json(), recorded("key-rotate.json"), Set.of());
  }

  @Test
  void rotationPolicyWithRotateOnlyGetsAzuresDefaultNotify() throws Exception {
    send("POST", "/keys/shape-key-12/create" + V2025, "{\"kty\":\"RSA\"}");
    RawVaultHttp.Response set =
        send(
            "PUT",
            "/keys/shape-key-12/rotationpolicy" + V2025,
            "{\"lifetimeActions\":[{\"trigger\":{\"timeBeforeExpiry\":\"P30D\"},"
                + "\"action\":{\"type\":\"Rotate\"}}],\"attributes\":{\"expiryTime\":\"P90D\"}}");
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    RawVaultHttp.Response got = send("GET", "/keys/shape-key-12/rotationpolicy" + V2025, null);
    assertThat(got.status()).as(got.body()).isEqualTo(200);
    JsonNode azure = recorded("key-rotation-policy-set.json");
    for (RawVaultHttp.Response answer : new RawVaultHttp.Response[] {set, got}) {
      assertSameFields(answer.json(), azure, Set.of());
      // The values of the actions too: Azure adds Notify 30 days before expiry.
      assertThat(answer.json().get("lifetimeActions")).isEqualTo(azure.get("lifetimeActions"));
    }
  }

  @Test
  void certificateDeleteAnswersAsAzureDoes() throws Exception {
    send("POST", "/certificates/shape-7/create" + V2025, SELF_POLICY);
    RawVaultHttp.Response deleted = send("DELETE", "/certificates/shape-7" + V2025, null);
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
    // The recording deleted a certificate still pending: the local one is complete, so it also
    // has the certificate (kid, sid, x5t, cer) and tags.
    assertSameFields(
        deleted.json(),
        recorded("certificate-delete.json"),
        Set.of("/kid", "/sid", "/x5t", "/cer", "/tags"));
    // The recording's GET of the deleted certificate answered the same body.
    assertSameFields(
        ok("GET", "/deletedcertificates/shape-7" + V2025, null),
        recorded("certificate-delete.json"),
        Set.of("/kid", "/sid", "/x5t", "/cer", "/tags"));
  }

  @Test
  void signAndVerifyAnswerAsAzureDoes() throws Exception {
    String kid = createRsaKey("shape-key-13").json().at("/key/kid").asText();
    String digest = b64(MessageDigest.getInstance("SHA-256").digest("shape".getBytes()));
    RawVaultHttp.Response signed =
        operate(kid, "sign", "{\"alg\":\"RS256\",\"value\":\"" + digest + "\"}");
    assertSameFields(signed.json(), recorded("key-sign.json"), Set.of());
    RawVaultHttp.Response verified =
        operate(
            kid,
            "verify",
            "{\"alg\":\"RS256\",\"digest\":\""
                + digest
                + "\",\"value\":\""
                + signed.json().get("value").asText()
                + "\"}");
    assertSameFields(verified.json(), recorded("key-verify.json"), Set.of());
    assertThat(verified.json().get("value").asBoolean()).isTrue();
  }

  @Test
  void encryptDecryptWrapAndUnwrapAnswerAsAzureDoes() throws Exception {
    String kid = createRsaKey("shape-key-14").json().at("/key/kid").asText();
    String plain = b64("a secret of 32 bytes, more or le".getBytes());
    RawVaultHttp.Response encrypted =
        operate(kid, "encrypt", "{\"alg\":\"RSA-OAEP\",\"value\":\"" + plain + "\"}");
    assertSameFields(encrypted.json(), recorded("key-encrypt.json"), Set.of());
    RawVaultHttp.Response decrypted =
        operate(
            kid,
            "decrypt",
            "{\"alg\":\"RSA-OAEP\",\"value\":\"" + encrypted.json().get("value").asText() + "\"}");
    assertSameFields(decrypted.json(), recorded("key-decrypt.json"), Set.of());
    assertThat(decrypted.json().get("value").asText()).isEqualTo(plain);
    RawVaultHttp.Response wrapped =
        operate(kid, "wrapkey", "{\"alg\":\"RSA-OAEP\",\"value\":\"" + plain + "\"}");
    assertSameFields(wrapped.json(), recorded("key-wrap.json"), Set.of());
    RawVaultHttp.Response unwrapped =
        operate(
            kid,
            "unwrapkey",
            "{\"alg\":\"RSA-OAEP\",\"value\":\"" + wrapped.json().get("value").asText() + "\"}");
    assertSameFields(unwrapped.json(), recorded("key-unwrap.json"), Set.of());
    assertThat(unwrapped.json().get("value").asText()).isEqualTo(plain);
  }

  @Test
  void secretSetAnswersAsAzureDoes() throws Exception {
    RawVaultHttp.Response set = setSecret("shape-secret-1");
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertSameFields(set.json(), recorded("secret-set.json"), Set.of());
  }

  @Test
  void secretGetAnswersAsAzureDoes() throws Exception {
    setSecret("shape-secret-2");
    assertSameFields(
        ok("GET", "/secrets/shape-secret-2/" + V2025, null), recorded("secret-get.json"), Set.of());
  }

  @Test
  void secretUpdateAnswersWithoutTheValueAsAzureDoes() throws Exception {
    String id = setSecret("shape-secret-3").json().get("id").asText();
    String version = id.substring(id.lastIndexOf('/') + 1);
    assertSameFields(
        ok(
            "PATCH",
            "/secrets/shape-secret-3/" + version + V2025,
            "{\"contentType\":\"text/plain\",\"attributes\":{\"enabled\":false,"
                + "\"exp\":2524723200},\"tags\":{\"foo\":\"updated tag\"}}"),
        recorded("secret-update.json"),
        Set.of());
  }

  @Test
  void deletedSecretBundleHasNoValueAsAzures() throws Exception {
    setSecret("shape-secret-4");
    assertSameFields(
        ok("DELETE", "/secrets/shape-secret-4" + V2025, null),
        recorded("secret-delete.json"),
        Set.of());
  }

  @Test
  void deletedSecretReadsWithoutItsValueAsAzures() throws Exception {
    send("PUT", "/secrets/shape-secret-5" + V, "{\"value\":\"v\"}");
    send("DELETE", "/secrets/shape-secret-5" + V, null);
    assertSameFields(
        ok("GET", "/deletedsecrets/shape-secret-5" + V, null),
        recorded("secret-get-deleted.json"),
        Set.of());
  }

  @Test
  void secretVersionsItemHasAzuresFields() throws Exception {
    // As in the recording: a secret set with a value only, twice.
    send("PUT", "/secrets/shape-secret-7" + V2025, "{\"value\":\"secVal\"}");
    String id =
        ok("PUT", "/secrets/shape-secret-7" + V2025, "{\"value\":\"secVal\"}").get("id").asText();
    RawVaultHttp.Response list = send("GET", "/secrets/shape-secret-7/versions" + V2025, null);
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    assertThat(list.json().get("value")).hasSize(2);
    assertSameFields(
        listed(list.json(), "id", id.substring(id.indexOf("/secrets/"))),
        recorded("secret-versions-item.json"),
        Set.of());
  }

  @Test
  void deletedSecretListItemAndRecoverAnswerAsAzures() throws Exception {
    // As in the recordings: a secret set with a value only, deleted, listed and recovered.
    send("PUT", "/secrets/shape-secret-8" + V2025, "{\"value\":\"secret-value\"}");
    ok("DELETE", "/secrets/shape-secret-8" + V2025, null);
    RawVaultHttp.Response list = send("GET", "/deletedsecrets" + V2025, null);
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    assertSameFields(
        listed(list.json(), "id", "/secrets/shape-secret-8"),
        recorded("secret-deleted-list-item.json"),
        Set.of());
    assertSameFields(
        ok("POST", "/deletedsecrets/shape-secret-8/recover" + V2025, null),
        recorded("secret-recover.json"),
        Set.of());
  }

  @Test
  void secretListItemHasAzuresFields() throws Exception {
    send("PUT", "/secrets/shape-secret-6" + V2025, "{\"value\":\"v\"}");
    RawVaultHttp.Response list = send("GET", "/secrets" + V2025, null);
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    assertSameFields(
        listed(list.json(), "id", "/secrets/shape-secret-6"),
        recorded("secret-list-item.json"),
        Set.of());
  }

  @Test
  void certificateSecretListItemHasAzuresFields() throws Exception {
    send("POST", "/certificates/shape-6/create" + V2025, SELF_POLICY);
    RawVaultHttp.Response list = send("GET", "/secrets" + V2025, null);
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    assertSameFields(
        listed(list.json(), "id", "/secrets/shape-6"),
        recorded("secret-list-item-managed.json"),
        Set.of());
  }

  @Test
  void keyBackupAndRestoreAnswerAsAzureDoes() throws Exception {
    // As in the recording: an RSA key created with kty only, backed up, deleted, purged, restored.
    ok("POST", "/keys/shape-backup/create" + V2025, "{\"kty\":\"RSA\"}");
    assertBackupAndRestoreAsRecorded("keys", "shape-backup", "key");
  }

  @Test
  void secretBackupAndRestoreAnswerAsAzureDoes() throws Exception {
    // As in the recording: a secret set with a value only, backed up, deleted, purged, restored.
    ok("PUT", "/secrets/shape-secret-backup" + V2025, "{\"value\":\"secVal\"}");
    assertBackupAndRestoreAsRecorded("secrets", "shape-secret-backup", "secret");
  }

  @Test
  void certificateBackupAndRestoreAnswerAsAzureDoes() throws Exception {
    // As in the recording: the SDK's default policy (Self, CN=DefaultPolicy, a UPN, two EKUs, two
    // key usages, 12 months, AutoRenew at 80%), backed up, deleted, purged and restored. The
    // recorded backup answer is kept with its blob shortened (see the recordings' README).
    RawVaultHttp.Response created =
        send(
            "POST",
            "/certificates/shape-cert-backup/create" + V2025,
            "{\"policy\":{\"key_props\":{\"exportable\":true,\"kty\":\"RSA\",\"key_size\":2048,"
                + "\"reuse_key\":false},\"secret_props\":{\"contentType\":\"application/x-pkcs12\"},"
                + "\"x509_props\":{\"subject\":\"CN=DefaultPolicy\",\"sans\":{\"upns\":"
                + "[\"john.doe@domain.com\"]},\"ekus\":[\"1.3.6.1.5.5.7.3.1\",\"1.3.6.1.5.5.7.3.2\"],"
                + "\"key_usage\":[\"digitalSignature\",\"keyEncipherment\"],\"validity_months\":12},"
                + "\"lifetime_actions\":[{\"trigger\":{\"lifetime_percentage\":80},\"action\":"
                + "{\"action_type\":\"AutoRenew\"}}],\"issuer\":{\"name\":\"Self\"}}}");
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    BackupRound round = backUpPurgeAndRestore("certificates", "shape-cert-backup");
    assertThat(round.backup().get("value").asText()).isNotEmpty();
    assertSameFields(round.backup(), recorded("certificate-backup.json"), Set.of());
    assertSameFields(round.restored(), recorded("certificate-restore.json"), Set.of());
  }

  /**
   * Backs up, purges and restores {@code /{collection}/{name}}; compares the answers with {@code
   * {recording}-backup.json} and {@code {recording}-restore.json}.
   */
  private static void assertBackupAndRestoreAsRecorded(
      String collection, String name, String recording) throws Exception {
    BackupRound round = backUpPurgeAndRestore(collection, name);
    assertSameFields(round.backup(), recorded(recording + "-backup.json"), Set.of());
    assertSameFields(round.restored(), recorded(recording + "-restore.json"), Set.of());
  }

  /** The answers of a backup and of the restore of its blob. */
  private record BackupRound(JsonNode backup, JsonNode restored) {}

  /**
   * Backs up {@code /{collection}/{name}}, deletes and purges it (as the recordings did: a restore
   * needs a free name), and restores the backup.
   */
  private static BackupRound backUpPurgeAndRestore(String collection, String name)
      throws Exception {
    JsonNode backup = ok("POST", "/" + collection + "/" + name + "/backup" + V2025, null);
    ok("DELETE", "/" + collection + "/" + name + V2025, null);
    RawVaultHttp.Response purged =
        send("DELETE", "/deleted" + collection + "/" + name + V2025, null);
    assertThat(purged.status()).as(purged.body()).isEqualTo(204);
    return new BackupRound(
        backup, ok("POST", "/" + collection + "/restore" + V2025, backup.toString()));
  }

  /** Sends a request as the vault's administrator. */
  private static RawVaultHttp.Response send(String method, String path, String body)
      throws Exception {
    return VAULT.http().send(method, path, VAULT.http().adminToken(), body);
  }

  /** Sends a request as the vault's administrator and returns its 200 answer. */
  private static JsonNode ok(String method, String path, String body) throws Exception {
    RawVaultHttp.Response answer = send(method, path, body);
    assertThat(answer.status()).as(method + " " + path + ": " + answer.body()).isEqualTo(200);
    return answer.json();
  }

  /** The request of the recording: RSA 2048, all six operations, two tags. */
  private static RawVaultHttp.Response createRsaKey(String name) throws Exception {
    return send(
        "POST",
        "/keys/" + name + "/create" + V2025,
        "{\"kty\":\"RSA\",\"key_size\":2048,\"key_ops\":[\"encrypt\",\"decrypt\","
            + "\"sign\",\"verify\",\"wrapKey\",\"unwrapKey\"],"
            + "\"tags\":{\"purpose\":\"unit test\",\"test name \":\"CreateRSAKeyTest\"}}");
  }

  /** The request of the recording: a value, a content type, nbf, exp and a tag. */
  private static RawVaultHttp.Response setSecret(String name) throws Exception {
    return send(
        "PUT",
        "/secrets/" + name + V2025,
        "{\"value\":\"crud_secret_value\",\"tags\":{\"foo\":\"created tag\"},"
            + "\"contentType\":\"password\",\"attributes\":{\"enabled\":true,"
            + "\"nbf\":1422864000,\"exp\":2527401600}}");
  }

  /** The element of a list page's {@code value} whose {@code field} ends with {@code suffix}. */
  private static JsonNode listed(JsonNode page, String field, String suffix) {
    for (JsonNode item : page.get("value")) {
      if (item.get(field).asText().endsWith(suffix)) {
        return item;
      }
    }
    throw new AssertionError("no " + suffix + " in " + page);
  }

  /** POSTs {@code body} to {@code {kid}/{operation}} at 2025-07-01 and expects 200. */
  private static RawVaultHttp.Response operate(String kid, String operation, String body)
      throws Exception {
    String path = kid.substring(kid.indexOf("/keys/")) + "/" + operation + V2025;
    RawVaultHttp.Response answer = send("POST", path, body);
    assertThat(answer.status()).as(operation + ": " + answer.body()).isEqualTo(200);
    return answer;
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String b64(BigInteger value) {
    byte[] bytes = value.toByteArray();
    int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(Arrays.copyOfRange(bytes, skip, bytes.length));
  }

  /**
   * Azure's field paths must all be in {@code local}, which may add only those under {@code newer}
   * (also used by {@code ManagedHsmConformanceTest} for the Managed HSM's operations).
   */
  public static void assertSameFields(JsonNode local, JsonNode azure, Set<String> newer) {
    Set<String> localFields = paths(local);
    Set<String> azureFields = paths(azure);
    assertThat(localFields).as("fields Azure sends").containsAll(azureFields);
    Set<String> extra = new TreeSet<>(localFields);
    extra.removeAll(azureFields);
    extra.removeIf(p -> newer.stream().anyMatch(n -> p.equals(n) || p.startsWith(n + "/")));
    assertThat(extra).as("fields Azure does not send").isEmpty();
  }

  /** Field paths of objects ({@code /a/b}); arrays contribute the paths of their elements. */
  static Set<String> paths(JsonNode node) {
    Set<String> out = new TreeSet<>();
    collect(node, "", out);
    return out;
  }

  private static void collect(JsonNode node, String prefix, Set<String> out) {
    if (node.isObject()) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        out.add(prefix + "/" + name);
        collect(node.get(name), prefix + "/" + name, out);
      }
    } else if (node.isArray()) {
      node.forEach(e -> collect(e, prefix + "[]", out));
    }
  }

  /** The recorded response body in test resources {@code azure-recordings/}. */
  public static JsonNode recorded(String file) throws IOException {
    try (InputStream in = AzureShapeTest.class.getResourceAsStream("/azure-recordings/" + file)) {
      return JSON.readTree(in);
    }
  }
}
