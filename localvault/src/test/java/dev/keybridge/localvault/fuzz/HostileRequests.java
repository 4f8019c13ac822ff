package dev.keybridge.localvault.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Generates hostile requests from a seed: malformed JSON, wrong types, huge and deeply nested
 * bodies, bad base64, odd names, path tricks, wrong methods, and (raw) header injection and broken
 * framing. Each request is a method, a raw path-and-query, a body and whether it must go over a raw
 * socket (bytes no HTTP client would send).
 */
final class HostileRequests {
  /** One generated request. {@code raw} holds the whole request for the socket cases. */
  /** A raw request whose request line names an HTTP version other than 1.0 and 1.1. */
  static boolean unknownVersion(Request q) {
    if (!q.isRaw()) {
      return false;
    }
    String text = new String(q.raw(), StandardCharsets.ISO_8859_1);
    int end = text.indexOf('\n');
    String line = (end < 0 ? text : text.substring(0, end)).trim();
    int version = line.lastIndexOf(" HTTP/");
    return version > 0
        && !line.endsWith(" HTTP/1.1")
        && !line.endsWith(" HTTP/1.0")
        && line.substring(version + 6).matches("\\d+\\.\\d+");
  }

  record Request(String kind, String method, String path, byte[] body, byte[] raw) {
    boolean isRaw() {
      return raw != null;
    }

    @Override
    public String toString() {
      return kind
          + " "
          + method
          + " "
          + (path.length() > 120 ? path.substring(0, 120) + "..." : path);
    }
  }

  private static final String V = "api-version=7.6";
  private static final List<String> METHODS =
      List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE");
  private static final List<String> OPERATIONS =
      List.of(
          "sign",
          "verify",
          "encrypt",
          "decrypt",
          "wrapkey",
          "unwrapkey",
          "release",
          "backup",
          "create",
          "rotate",
          "versions",
          "rotationpolicy",
          "attestation",
          "pending",
          "import");
  private static final List<String> ODD_NAMES =
      List.of(
          "..",
          ".",
          "%2e%2e",
          "%2F",
          "a%00b",
          "%ZZ",
          "%",
          "名前",
          "a b",
          "a+b",
          "-",
          "_",
          "x".repeat(300),
          "%C0%AE%C0%AE",
          "\u202e",
          "CON",
          "a;b",
          "a?b",
          "%0d%0aX-Injected:1",
          "keys",
          "%25",
          "a\\b",
          "",
          "...");
  private static final List<String> FIELDS =
      List.of(
          "kty",
          "key_size",
          "alg",
          "value",
          "key_ops",
          "attributes",
          "tags",
          "crv",
          "key",
          "release_policy",
          "target",
          "policy",
          "digest",
          "iv",
          "aad",
          "tag",
          "exportable",
          "enabled",
          "exp",
          "nbf",
          "public_exponent",
          "x509_props",
          "secret_props",
          "lifetimeActions");

  private final Random random;
  private final List<String> existing;

  HostileRequests(long seed, List<String> existingKeyNames) {
    this.random = new Random(seed);
    this.existing = existingKeyNames;
  }

  Request next() {
    int kind = random.nextInt(10);
    return switch (kind) {
      case 0 -> json("malformed-json", malformedJson());
      case 1 -> json("wrong-types", wrongTypes());
      case 2 -> json("huge-body", hugeBody());
      case 3 -> json("deep-nesting", deepNesting());
      case 4 -> json("bad-base64", badBase64());
      case 5 ->
          new Request(
              "odd-name", pick(METHODS), "/keys/" + pick(ODD_NAMES) + suffix(), body(), null);
      case 6 -> new Request("path-trick", pick(METHODS), pathTrick(), body(), null);
      case 7 -> new Request("wrong-method", oddMethod(), targetPath(), body(), null);
      case 8 -> raw("header-injection", headerInjection());
      default -> raw("broken-framing", brokenFraming());
    };
  }

  private Request json(String kind, byte[] body) {
    String method = random.nextInt(4) == 0 ? "PATCH" : (random.nextInt(5) == 0 ? "PUT" : "POST");
    String path = targetPath();
    if (method.equals("PATCH") && existing.stream().anyMatch(path::contains)) {
      // Never a well-formed update of a key that must stay intact: PATCH only malformed bodies.
      body = "{\"attributes\":".getBytes(StandardCharsets.UTF_8);
    }
    return new Request(kind, method, path, body, null);
  }

  private String targetPath() {
    String name = random.nextInt(3) == 0 ? pick(existing) : "fz" + random.nextInt(50);
    return switch (random.nextInt(6)) {
      case 0 -> "/keys/" + name + "/create?" + V;
      case 1 -> "/keys/" + name + "//" + pick(OPERATIONS) + "?" + V;
      case 2 -> "/keys/" + name + "?" + V;
      case 3 -> "/certificates/" + name + "/create?" + V;
      case 4 -> "/secrets/" + name + "?" + V;
      default -> "/keys/" + name + "/" + hex(32) + "/" + pick(OPERATIONS) + "?" + V;
    };
  }

  private String suffix() {
    return switch (random.nextInt(4)) {
      case 0 -> "?" + V;
      case 1 -> "/" + pick(OPERATIONS) + "?" + V;
      case 2 ->
          "?api-version=" + pick(List.of("", "0", "7.6;DROP", "99.9", "%00", "7.6&api-version=1"));
      default -> "";
    };
  }

  private String pathTrick() {
    return pick(
            List.of(
                "/keys/../keys/",
                "/keys/%2e%2e/",
                "//keys//",
                "/keys/./",
                "/./keys/",
                "/keys/%2Fetc%2Fpasswd/",
                "/keys;jsessionid=1/",
                "/KEYS/",
                "/keys/\\..\\",
                "/%00/keys/",
                "/keys/a/b/c/d/e/f/g/",
                "/" + "a/".repeat(200),
                "/keys/%/",
                "/deletedkeys/../keys/",
                "/certificates/../../",
                "/rng/../keys/"))
        + pick(existing)
        + suffix();
  }

  private String oddMethod() {
    return pick(List.of("PUT", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "FOO", "GET"));
  }

  private byte[] body() {
    return random.nextBoolean() ? null : malformedJson();
  }

  private byte[] malformedJson() {
    String s =
        pick(
            List.of(
                "{",
                "}",
                "[",
                "{\"kty\":",
                "{\"kty\":\"RSA\"",
                "nul",
                "{'kty':'RSA'}",
                "{\"a\":1,}",
                "\u0000\u0001\u0002",
                "{\"kty\":\"RSA\"}}",
                "{\"kty\":\"\\uD800\"}",
                "\"string\"",
                "12345678901234567890123456789",
                "{\"kty\":NaN}",
                "{\"a\":1e99999}",
                "\uFEFF{}",
                "{\"kty\":\"RSA\",\"kty\":\"EC\"}",
                "[]",
                "{}",
                "true",
                "{\"value\":\"" + "A".repeat(5) + "\""));
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private byte[] wrongTypes() {
    StringBuilder b = new StringBuilder("{");
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append('"').append(pick(FIELDS)).append("\":").append(oddValue(0));
    }
    return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private String oddValue(int depth) {
    return switch (random.nextInt(depth > 2 ? 7 : 9)) {
      case 0 -> "null";
      case 1 -> Long.toString(random.nextLong());
      case 2 -> "-1";
      case 3 -> "1.5e308";
      case 4 -> "true";
      case 5 ->
          "\""
              + pick(
                  List.of(
                      "", "RSA", "EC-HSM", "oct", "RS256", "P-256", "\\u0000", "x".repeat(70_000)))
              + "\"";
      case 6 -> "\"" + hex(random.nextInt(40)) + "\"";
      case 7 -> "[" + oddValue(depth + 1) + "," + oddValue(depth + 1) + "]";
      default -> "{\"" + pick(FIELDS) + "\":" + oddValue(depth + 1) + "}";
    };
  }

  private byte[] hugeBody() {
    int size = pick(List.of(64 << 10, 512 << 10, (1 << 20) + 1, 3 << 20));
    StringBuilder b = new StringBuilder(size + 32).append("{\"value\":\"");
    while (b.length() < size) {
      b.append("QUFBQUFBQUFB");
    }
    return b.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] deepNesting() {
    int depth = pick(List.of(100, 1_000, 10_000, 100_000));
    String open = random.nextBoolean() ? "[" : "{\"a\":";
    String close = open.equals("[") ? "]" : "}";
    return (open.repeat(depth) + "1" + close.repeat(depth)).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] badBase64() {
    String value =
        pick(
            List.of(
                "***",
                "====",
                "A",
                "AB=C",
                "%%%",
                "QUJD\n",
                "QU JD",
                "QUJD===",
                "\u00ff\u00fe",
                "-_-_-_",
                "+/+/+/==",
                "Zm9v" + "=".repeat(20),
                "A".repeat(10_001)));
    String field = pick(List.of("value", "digest", "iv", "aad", "tag", "target", "k", "n"));
    String alg = pick(List.of("RS256", "ES256", "RSA-OAEP", "A256GCM", "PS512", "HS256", "x"));
    return ("{\"alg\":\"" + alg + "\",\"" + field + "\":\"" + value + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private Request raw(String kind, String request) {
    return new Request(kind, "RAW", "-", null, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  private String headerInjection() {
    String name = pick(existing);
    return pick(
        List.of(
            "GET /keys/"
                + name
                + "?"
                + V
                + " HTTP/1.1\r\nHost: x\r\nX-A: b\r\nAuthorization: Bearer x\r\n y\r\n\r\n",
            "GET /keys/"
                + name
                + "?"
                + V
                + " HTTP/1.1\r\nHost: x\r\nX-Evil: a\rInjected: 1\r\n\r\n",
            "GET /keys/"
                + name
                + "?"
                + V
                + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \u0000\u00ff\r\n\r\n",
            "GET /keys/"
                + name
                + "?"
                + V
                + " HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 0\r\n\r\nhello",
            "POST /keys/"
                + name
                + "/create?"
                + V
                + " HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
            "POST /keys/"
                + name
                + "/create?"
                + V
                + " HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
            "GET /keys/"
                + name
                + "?"
                + V
                + " HTTP/1.1\r\nHost: x\r\n"
                + "X-Long: "
                + "a".repeat(9_000)
                + "\r\n\r\n",
            "GET /keys/" + name + "?" + V + " HTTP/1.1\r\nHost: x\r\nNo Colon Header\r\n\r\n",
            "GET /keys/" + name + "%0d%0aSet-Cookie:%20a=b?" + V + " HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /keys/"
                + name
                + "?"
                + V
                + " HTTP/1.1\r\nHost: x\r\nAuthorization: Basic "
                + "A".repeat(300)
                + "\r\n\r\n"));
  }

  private String brokenFraming() {
    return pick(
        List.of(
            "POST /keys/fz/create?"
                + V
                + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n",
            "POST /keys/fz/create?"
                + V
                + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
            "GET / HTTP/9.9\r\nHost: x\r\n\r\n",
            "GARBAGE\r\n\r\n",
            "\r\n\r\n\r\n",
            "GET /keys HTTP/1.1\nHost: x\n\n",
            "GET " + "/a".repeat(5_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
            "POST /keys/fz/create?"
                + V
                + " HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{\"kty\"",
            "GET /keys?" + V + " HTTP/1.0\r\n\r\n",
            "\u0016\u0003\u0001\u0000"));
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private String hex(int length) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(Character.forDigit(random.nextInt(16), 16));
    }
    return b.toString();
  }
}
