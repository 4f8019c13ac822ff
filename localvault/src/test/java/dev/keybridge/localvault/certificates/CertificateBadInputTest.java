package dev.keybridge.localvault.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.RawVaultHttp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests the SDK would never send to the certificates and secrets routes: each gets the stated
 * status and Key Vault error code, and the vault keeps answering.
 */
class CertificateBadInputTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final String V = "?api-version=7.6";
  private static final String EC_SELF =
      "{\"policy\":{\"key_props\":{\"kty\":\"EC\",\"crv\":\"P-256\"},"
          + "\"x509_props\":{\"subject\":\"CN=x\"},\"issuer\":{\"name\":\"Self\"}}}";
  private static final String EC_UNKNOWN = EC_SELF.replace("Self", "Unknown");

  private record Case(String method, String path, String body, int status, String code) {}

  @Test
  void hostileRequestsGetKeyVaultErrors() {
    RawVaultHttp http = VAULT.http();
    String token = http.adminToken();
    assertThat(http.send("POST", "/certificates/present/create" + V, token, EC_SELF).status())
        .isEqualTo(202);
    assertThat(http.send("POST", "/certificates/waiting/create" + V, token, EC_UNKNOWN).status())
        .isEqualTo(202);

    List<Case> cases =
        List.of(
            new Case("POST", "/certificates/c1/create", "{", 400, "BadParameter"),
            new Case("POST", "/certificates/c1/create", "[]", 400, "BadParameter"),
            new Case("POST", "/certificates/c1/create", "{\"policy\":\"x\"}", 400, "BadParameter"),
            new Case("POST", "/certificates/c1/create", "{\"policy\":{}}", 400, "BadParameter"),
            new Case(
                "POST",
                "/certificates/c1/create",
                "{\"policy\":{\"x509_props\":{\"subject\":\"CN=x\",\"validity_months\":\"12\"}}}",
                400,
                "BadParameter"),
            new Case("POST", "/certificates/c1/create", "{\"tags\":[1]}", 400, "BadParameter"),
            new Case("POST", "/certificates/bad_name/create", EC_SELF, 400, "BadParameter"),
            new Case(
                "POST",
                "/certificates/" + "n".repeat(128) + "/create",
                EC_SELF,
                400,
                "BadParameter"),
            new Case("POST", "/certificates/c1/import", "{\"value\":12}", 400, "BadParameter"),
            new Case("POST", "/certificates/c1/import", "{\"value\":\"%%%\"}", 400, "BadParameter"),
            new Case(
                "POST", "/certificates/c1/import", "{\"value\":\"AAAA\"}", 400, "BadParameter"),
            new Case(
                "POST",
                "/certificates/c1/import",
                "{\"value\":\"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n\"}",
                400,
                "BadParameter"),
            new Case("POST", "/certificates/waiting/pending/merge", "{}", 400, "BadParameter"),
            new Case(
                "POST",
                "/certificates/waiting/pending/merge",
                "{\"x5c\":[\"@@\"]}",
                400,
                "BadParameter"),
            new Case(
                "POST",
                "/certificates/present/pending/merge",
                "{\"x5c\":[\"AAAA\"]}",
                409,
                "Conflict"),
            new Case(
                "PATCH",
                "/certificates/waiting/pending",
                "{\"cancellation_requested\":1}",
                400,
                "BadParameter"),
            new Case("POST", "/certificates/waiting/create", EC_UNKNOWN, 409, "Conflict"),
            new Case(
                "GET", "/certificates/missing/pending", null, 404, "PendingCertificateNotFound"),
            new Case("GET", "/certificates/present/0123abc", null, 404, "CertificateNotFound"),
            new Case("GET", "/certificates/waiting/", null, 404, "CertificateNotFound"),
            new Case("DELETE", "/certificates/missing", null, 404, "CertificateNotFound"),
            new Case("GET", "/deletedcertificates/present", null, 404, "CertificateNotFound"),
            new Case(
                "POST", "/deletedcertificates/present/recover", null, 404, "CertificateNotFound"),
            new Case("DELETE", "/deletedcertificates/present", null, 404, "CertificateNotFound"),
            new Case(
                "GET",
                "/certificates?includePending=maybe&api-version=7.6",
                null,
                400,
                "BadParameter"),
            new Case(
                "GET", "/certificates?maxresults=26&api-version=7.6", null, 400, "BadParameter"),
            new Case(
                "PATCH",
                "/certificates/present/policy",
                "{\"key_props\":{\"kty\":\"oct\"}}",
                400,
                "BadParameter"),
            new Case("POST", "/certificates/restore", "{\"value\":\"AAAA\"}", 400, "BadParameter"),
            new Case("GET", "/secrets/present/0123abc", null, 404, "SecretNotFound"));

    List<String> failures = new ArrayList<>();
    for (Case c : cases) {
      String path = c.path().contains("?") ? c.path() : c.path() + V;
      RawVaultHttp.Response r = http.send(c.method(), path, token, c.body());
      if (r.status() != c.status() || !c.code().equals(r.errorCode())) {
        failures.add(
            c.method() + " " + c.path() + " " + c.body() + " -> " + r.status() + " " + r.body());
      }
    }
    assertThat(failures).isEmpty();
    assertThat(http.send("GET", "/certificates/present/" + V, token, null).status()).isEqualTo(200);
  }
}
