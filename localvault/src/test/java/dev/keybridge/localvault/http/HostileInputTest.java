package dev.keybridge.localvault.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.keys.models.KeyType;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.RawVaultHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile requests with a valid token over raw HTTPS: each gets a 4xx with a Key Vault error body
 * (status and code asserted per row), never a 5xx, and the server keeps answering.
 */
class HostileInputTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final String V = "?api-version=7.6";
  private static RawVaultHttp http;
  private static String token;
  private static String rsaPath;

  record Row(String name, String method, String path, String body, int status, String code) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void setUp() {
    http = VAULT.http();
    token = http.adminToken();
    KeyVaultKey rsa = VAULT.sdk().keyClient().createKey("target", KeyType.RSA);
    rsaPath = "/keys/target/" + rsa.getProperties().getVersion();
  }

  static Stream<Row> rows() {
    String n128 = "a".repeat(128);
    String big = "{\"kty\":\"EC\",\"tags\":{\"x\":\"" + "y".repeat(1_100_000) + "\"}}";
    String deep = "[".repeat(2000) + "]".repeat(2000);
    StringBuilder tags = new StringBuilder("{\"kty\":\"EC\",\"tags\":{");
    for (int i = 0; i < 16; i++) {
      tags.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":\"v\"");
    }
    tags.append("}}");
    List<Row> rows = new ArrayList<>();
    rows.add(
        new Row("malformed JSON", "POST", "/keys/h1/create" + V, "{\"kty\":", 400, "BadParameter"));
    rows.add(
        new Row("JSON array body", "POST", "/keys/h1/create" + V, "[1,2]", 400, "BadParameter"));
    rows.add(new Row("empty body", "POST", "/keys/h1/create" + V, "", 400, "BadParameter"));
    rows.add(
        new Row(
            "kty of wrong type",
            "POST",
            "/keys/h1/create" + V,
            "{\"kty\":5}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "key_size of wrong type",
            "POST",
            "/keys/h1/create" + V,
            "{\"kty\":\"RSA\",\"key_size\":\"big\"}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "huge key_size",
            "POST",
            "/keys/h1/create" + V,
            "{\"kty\":\"RSA\",\"key_size\":1000000000000000000000}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "RSA size 1024",
            "POST",
            "/keys/h1/create" + V,
            "{\"kty\":\"RSA\",\"key_size\":1024}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "unknown kty",
            "POST",
            "/keys/h1/create" + V,
            "{\"kty\":\"DSA\"}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "unknown curve",
            "POST",
            "/keys/h1/create" + V,
            "{\"kty\":\"EC\",\"crv\":\"P-999\"}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "unknown key op",
            "POST",
            "/keys/h1/create" + V,
            "{\"kty\":\"EC\",\"key_ops\":[\"fly\"]}",
            400,
            "BadParameter"));
    rows.add(
        new Row("16 tags", "POST", "/keys/h1/create" + V, tags.toString(), 400, "BadParameter"));
    rows.add(
        new Row(
            "nbf after exp",
            "POST",
            "/keys/h1/create" + V,
            "{\"kty\":\"EC\",\"attributes\":{\"nbf\":20,\"exp\":10}}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "attributes not an object",
            "POST",
            "/keys/h1/create" + V,
            "{\"kty\":\"EC\",\"attributes\":true}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "duplicate JSON member",
            "POST",
            "/keys/h1/create" + V,
            "{\"kty\":\"EC\",\"kty\":\"RSA\"}",
            400,
            "BadParameter"));
    rows.add(new Row("2000-deep JSON", "POST", "/keys/h1/create" + V, deep, 400, "BadParameter"));
    rows.add(
        new Row("body over 1 MiB", "POST", "/keys/h1/create" + V, big, 413, "RequestBodyTooLarge"));
    rows.add(new Row("import without key", "PUT", "/keys/h2" + V, "{}", 400, "BadParameter"));
    rows.add(
        new Row(
            "import RSA without n",
            "PUT",
            "/keys/h2" + V,
            "{\"key\":{\"kty\":\"RSA\",\"e\":\"AQAB\",\"d\":\"AQAB\"}}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "import bad base64url",
            "PUT",
            "/keys/h2" + V,
            "{\"key\":{\"kty\":\"oct\",\"k\":\"***\"}}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "name of 128 characters",
            "POST",
            "/keys/" + n128 + "/create" + V,
            "{\"kty\":\"EC\"}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "name with underscore",
            "POST",
            "/keys/bad_name/create" + V,
            "{\"kty\":\"EC\"}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "name with encoded umlaut", "GET", "/keys/b%C3%A4d" + V, null, 400, "BadParameter"));
    rows.add(new Row("encoded slash", "GET", "/keys/a%2Fb" + V, null, 400, "BadParameter"));
    rows.add(new Row("encoded backslash", "GET", "/keys/a%5Cb" + V, null, 400, "BadParameter"));
    rows.add(
        new Row("dot-dot segment", "GET", "/keys/../deletedkeys" + V, null, 400, "BadParameter"));
    rows.add(new Row("encoded dot-dot", "GET", "/keys/%2E%2E/x" + V, null, 400, "BadParameter"));
    rows.add(new Row("encoded NUL", "GET", "/keys/a%00b" + V, null, 400, "BadParameter"));
    rows.add(new Row("invalid UTF-8", "GET", "/keys/%C3%28" + V, null, 400, "BadParameter"));
    rows.add(
        new Row(
            "double slash in the middle",
            "POST",
            "/keys//create" + V,
            "{\"kty\":\"EC\"}",
            404,
            "NotFound"));
    rows.add(new Row("unknown route", "GET", "/nothing/here" + V, null, 404, "NotFound"));
    rows.add(
        new Row(
            "wrong method on collection", "DELETE", "/keys" + V, null, 405, "MethodNotAllowed"));
    rows.add(
        new Row(
            "wrong method on create", "GET", "/keys/h1/create" + V, null, 405, "MethodNotAllowed"));
    rows.add(new Row("missing api-version", "GET", "/keys", null, 400, "BadParameter"));
    rows.add(
        new Row("unknown api-version", "GET", "/keys?api-version=7.99", null, 400, "BadParameter"));
    rows.add(
        new Row("maxresults 0", "GET", "/keys" + V + "&maxresults=0", null, 400, "BadParameter"));
    rows.add(
        new Row("maxresults 26", "GET", "/keys" + V + "&maxresults=26", null, 400, "BadParameter"));
    rows.add(
        new Row(
            "maxresults not a number",
            "GET",
            "/keys" + V + "&maxresults=lots",
            null,
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "bad skiptoken", "GET", "/keys" + V + "&$skiptoken=***", null, 400, "BadParameter"));
    rows.add(
        new Row(
            "restore garbage",
            "POST",
            "/keys/restore" + V,
            "{\"value\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "restore bad base64url",
            "POST",
            "/keys/restore" + V,
            "{\"value\":\"%%%\"}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "rotation policy bad duration",
            "PUT",
            "/keys/target/rotationpolicy" + V,
            "{\"lifetimeActions\":[{\"trigger\":{\"timeAfterCreate\":\"P1X\"},\"action\":{\"type\":\"Rotate\"}}]}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "rotation policy bad action",
            "PUT",
            "/keys/target/rotationpolicy" + V,
            "{\"lifetimeActions\":[{\"trigger\":{\"timeAfterCreate\":\"P30D\"},\"action\":{\"type\":\"Explode\"}}]}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "random bytes on a vault", "POST", "/rng" + V, "{\"count\":8}", 400, "BadParameter"));
    rows.add(
        new Row(
            "unknown version",
            "GET",
            "/keys/target/00000000000000000000000000000000" + V,
            null,
            404,
            "KeyNotFound"));
    return rows.stream();
  }

  static Stream<Row> cryptoRows() {
    List<Row> rows = new ArrayList<>();
    rows.add(
        new Row(
            "sign bad base64url",
            "POST",
            "{rsa}/sign" + V,
            "{\"alg\":\"RS256\",\"value\":\"***\"}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "sign unknown alg",
            "POST",
            "{rsa}/sign" + V,
            "{\"alg\":\"XX999\",\"value\":\"AAAA\"}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "sign without alg",
            "POST",
            "{rsa}/sign" + V,
            "{\"value\":\"AAAA\"}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "sign alg of wrong type",
            "POST",
            "{rsa}/sign" + V,
            "{\"alg\":[\"RS256\"],\"value\":\"AAAA\"}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "sign short digest",
            "POST",
            "{rsa}/sign" + V,
            "{\"alg\":\"RS256\",\"value\":\"AAAA\"}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "sign EC alg on RSA",
            "POST",
            "{rsa}/sign" + V,
            "{\"alg\":\"ES256\",\"value\":\"" + "A".repeat(43) + "\"}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "verify without signature",
            "POST",
            "{rsa}/verify" + V,
            "{\"alg\":\"RS256\",\"digest\":\"" + "A".repeat(43) + "\"}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "decrypt garbage",
            "POST",
            "{rsa}/decrypt" + V,
            "{\"alg\":\"RSA-OAEP\",\"value\":\"AAAA\"}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "encrypt AES alg on RSA",
            "POST",
            "{rsa}/encrypt" + V,
            "{\"alg\":\"A256GCM\",\"value\":\"AAAA\"}",
            400,
            "BadParameter"));
    rows.add(
        new Row(
            "unwrap too long",
            "POST",
            "{rsa}/unwrapkey" + V,
            "{\"alg\":\"RSA1_5\",\"value\":\"" + "A".repeat(2000) + "\"}",
            400,
            "BadParameter"));
    rows.add(
        new Row("crypto on an unknown op", "POST", "{rsa}/explode" + V, "{}", 404, "NotFound"));
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void hostileRequestGetsA4xxWithAKeyVaultErrorBody(Row row) {
    check(row, row.path());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cryptoRows")
  void hostileCryptoRequestGetsA4xxWithAKeyVaultErrorBody(Row row) {
    check(row, row.path().replace("{rsa}", rsaPath));
  }

  private static void check(Row row, String path) {
    RawVaultHttp.Response r = http.send(row.method(), path, token, row.body());
    assertThat(r.status()).as(row.name() + ": " + r.body()).isEqualTo(row.status());
    assertThat(r.errorCode()).as(row.name()).isEqualTo(row.code());
    assertThat(r.json().path("error").path("message").asText()).as(row.name()).isNotBlank();
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(http.send("GET", "/keys/target" + V, token, null).status())
        .as("the server still answers after: " + row.name())
        .isEqualTo(200);
  }

  @AfterAll
  static void noRequestEndedInA5xx() {
    AccessLog log = VAULT.accessLog();
    assertThat(log.entries()).isNotEmpty().allSatisfy(e -> assertThat(e.status()).isLessThan(500));
  }
}
