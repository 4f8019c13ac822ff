package dev.keybridge.localvault.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.LocalVaultTrust;
import dev.keybridge.localvault.testing.RawVaultHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Generated hostile requests against a running local vault ({@link HostileRequests}): none may get
 * a 5xx or hang, the heap must stay bounded, and every key created before the run must be intact
 * (same public key, same attributes) and usable (a signature made after the run verifies).
 *
 * <p>Size: {@code -Dkeybridge.fuzz.requests=N} (default {@value #CI_REQUESTS}, the CI size in
 * {@code mvn verify}); {@code localvault/fuzz.sh} runs the full size (20,000). The seed is {@code
 * -Dkeybridge.fuzz.seed} (default fixed, so a failure repeats).
 */
// JVM-wide measures (heap, threads, time limits): alone, not beside other test classes
@Isolated
class HostileRequestFuzzTest {
  static final int CI_REQUESTS = 2_000;
  private static final String V = "?api-version=7.6";
  private static final List<String> KEYS = List.of("fz-rsa", "fz-ec", "fz-rsa-hsm");

  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create().client("fuzzer", "fuzzer-secret-1", Role.CRYPTO_USER);

  @Test
  void hostileRequestsGetNo5xxAndLeaveEveryKeyIntact() throws Exception {
    int total = Integer.getInteger("keybridge.fuzz.requests", CI_REQUESTS);
    long seed = Long.getLong("keybridge.fuzz.seed", 20261205L);
    RawVaultHttp http = VAULT.http();
    String admin = http.adminToken();
    String fuzzer = http.token("fuzzer", "fuzzer-secret-1", VAULT.vault().resource() + "/.default");
    Map<String, JsonNode> before = new TreeMap<>();
    for (String body :
        List.of(
            "{\"kty\":\"RSA\",\"key_size\":2048}",
            "{\"kty\":\"EC\",\"crv\":\"P-256\"}",
            "{\"kty\":\"RSA-HSM\",\"key_size\":2048}")) {
      String name = KEYS.get(before.size());
      RawVaultHttp.Response r = http.send("POST", "/keys/" + name + "/create" + V, admin, body);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      before.put(name, r.json());
    }
    long heapBefore = usedHeapAfterGc();

    // Generated one at a time (the seed fixes the sequence), so no request outlives its sending.
    HostileRequests generator = new HostileRequests(seed, KEYS);
    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    Map<String, LongAdder> kinds = new ConcurrentHashMap<>();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      workers.add(
          pool.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                  HostileRequests.Request q;
                  synchronized (generator) {
                    q = generator.next();
                  }
                  String token = i % 5 == 0 ? (i % 10 == 0 ? null : "not.a.token") : fuzzer;
                  int status;
                  try {
                    status = send(http, q, token);
                  } catch (SocketTimeoutException e) {
                    failures.add("hung: " + q);
                    continue;
                  } catch (IOException e) {
                    status = -1; // the server closed the connection: allowed for broken framing
                  }
                  statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                  kinds.computeIfAbsent(q.kind(), k -> new LongAdder()).increment();
                  // 505 is HTTP's own answer to a version it does not speak (RFC 9110,
                  // 15.6.6), not a server failure: allowed only for such a request line
                  if (status >= 500 && !(status == 505 && HostileRequests.unknownVersion(q))) {
                    failures.add(status + ": " + q);
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : workers) {
      f.get();
    }
    pool.shutdown();
    long millis = (System.nanoTime() - started) / 1_000_000;
    long heapAfter = usedHeapAfterGc();
    System.out.printf(
        "fuzz: %d requests in %d ms (seed %d); statuses %s; kinds %s; heap %d MB -> %d MB%n",
        total,
        millis,
        seed,
        new TreeMap<>(statuses),
        new TreeMap<>(kinds),
        heapBefore >> 20,
        heapAfter >> 20);

    assertThat(failures).as("5xx answers or hanging requests").isEmpty();
    assertThat(statuses.values().stream().mapToLong(LongAdder::sum).sum()).isEqualTo(total);
    assertThat(heapAfter - heapBefore).as("heap growth in bytes").isLessThan(128L << 20);
    for (String name : KEYS) {
      RawVaultHttp.Response after = http.send("GET", "/keys/" + name + V, admin, null);
      assertThat(after.status()).as(after.body()).isEqualTo(200);
      assertThat(after.json().get("key")).as(name).isEqualTo(before.get(name).get("key"));
      assertThat(after.json().at("/attributes/enabled").asBoolean()).isTrue();
      assertThat(after.json().at("/attributes/updated"))
          .isEqualTo(before.get(name).at("/attributes/updated"));
      assertSignatureVerifies(http, fuzzer, name, after.json().get("key"));
    }
  }

  private static int send(RawVaultHttp http, HostileRequests.Request q, String token)
      throws IOException {
    if (!q.isRaw()) {
      URI uri;
      try {
        uri = URI.create(VAULT.vault().url() + q.path());
      } catch (IllegalArgumentException notAUri) {
        return raw(rawRequest(q, token));
      }
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      HttpRequest.BodyPublisher body =
          q.body() == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(q.body());
      if (q.body() != null) {
        b.header("Content-Type", "application/json");
      }
      try {
        b.method(q.method(), body);
        return http.client().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (IllegalArgumentException refusedByTheClient) {
        return raw(rawRequest(q, token));
      } catch (java.net.http.HttpTimeoutException e) {
        throw new SocketTimeoutException(e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
    return raw(q.raw());
  }

  private static byte[] rawRequest(HostileRequests.Request q, String token) {
    byte[] body = q.body() == null ? new byte[0] : q.body();
    String head =
        q.method()
            + " "
            + q.path()
            + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
            + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
            + "Content-Length: "
            + body.length
            + "\r\n\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** Sends bytes over a fresh TLS connection; the status of the answer, or -1 if it closed. */
  private static int raw(byte[] request) throws IOException {
    try (SSLSocket socket =
        (SSLSocket)
            LocalVaultTrust.sslContext(VAULT.vault())
                .getSocketFactory()
                .createSocket("localhost", VAULT.vault().port())) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      byte[] line = new byte[12];
      int n = in.readNBytes(line, 0, line.length);
      if (n < 12) {
        return -1;
      }
      String status = new String(line, StandardCharsets.ISO_8859_1);
      if (!status.startsWith("HTTP/1.")) {
        return -1;
      }
      return Integer.parseInt(status.substring(9, 12));
    }
  }

  private static void assertSignatureVerifies(
      RawVaultHttp http, String token, String name, JsonNode jwk) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes());
    boolean ec = jwk.get("kty").asText().startsWith("EC");
    String alg = ec ? "ES256" : "RS256";
    RawVaultHttp.Response signed =
        http.send(
            "POST",
            "/keys/" + name + "//sign" + V,
            token,
            "{\"alg\":\"" + alg + "\",\"value\":\"" + b64(digest) + "\"}");
    assertThat(signed.status()).as(signed.body()).isEqualTo(200);
    byte[] signature = Base64.getUrlDecoder().decode(signed.json().get("value").asText());
    Signature verifier;
    PublicKey key;
    if (ec) {
      AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
      p.init(new ECGenParameterSpec("secp256r1"));
      key =
          KeyFactory.getInstance("EC")
              .generatePublic(
                  new ECPublicKeySpec(
                      new ECPoint(big(jwk, "x"), big(jwk, "y")),
                      p.getParameterSpec(ECParameterSpec.class)));
      verifier = Signature.getInstance("NONEwithECDSAinP1363Format");
    } else {
      key =
          KeyFactory.getInstance("RSA")
              .generatePublic(new RSAPublicKeySpec(big(jwk, "n"), big(jwk, "e")));
      verifier = Signature.getInstance("NONEwithRSA");
      digest = digestInfo(digest);
    }
    verifier.initVerify(key);
    verifier.update(digest);
    assertThat(verifier.verify(signature)).as(name + " still signs").isTrue();
  }

  private static byte[] digestInfo(byte[] sha256) {
    byte[] prefix = Base64.getDecoder().decode("MDEwDQYJYIZIAWUDBAIBBQAEIA==");
    byte[] out = new byte[prefix.length + sha256.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(sha256, 0, out, prefix.length, sha256.length);
    return out;
  }

  private static BigInteger big(JsonNode jwk, String member) {
    return new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get(member).asText()));
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
