package dev.keybridge.cli.bench;

import com.azure.core.credential.TokenRequestContext;
import dev.keybridge.cli.CliException;
import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.VaultCommand;
import dev.keybridge.cli.demo.AccessLogCounter;
import dev.keybridge.cli.output.Output;
import dev.keybridge.cli.output.Table;
import dev.keybridge.keystore.key.VaultKeys;
import dev.keybridge.management.KeyVaultClients;
import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.http.CaTrust;
import dev.keybridge.management.keys.KeyBundle;
import dev.keybridge.management.keys.KeyOptions;
import dev.keybridge.provider.KeyBridgeProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.net.ssl.SSLContext;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keybridge bench}: what one private-key operation costs from here. For {@code sign} (RS256)
 * and {@code decrypt} (RSA-OAEP-256) of one RSA-2048 key, at each thread count, three clients run
 * the same operations interleaved in rounds (paired, same JVM): keybridge through JCA ({@code
 * Signature}/{@code Cipher} of the KeyBridge provider), a raw okhttp POST on keybridge's own okhttp
 * client, and a raw HTTPS POST that writes headers and body in one write on a kept-alive
 * connection. Reports p50/p90/p99 latency, throughput and, when the vault's access log is at hand
 * (a local vault), the vault requests per operation.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures sign (RS256) and decrypt (RSA-OAEP-256) latency (p50/p90/p99), throughput and"
          + " requests per operation at each thread count: keybridge (JCA) side by side with a raw"
          + " okhttp POST on the same client and a raw one-write HTTPS POST.",
      "Creates the RSA-2048 key --key if it does not exist. Requests per operation are counted"
          + " in the vault's access.log (a local vault: found beside --config, or --access-log);"
          + " elsewhere they are not shown."
    })
public final class BenchCommand extends VaultCommand {
  private static final String API_VERSION = "7.6";
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final Pattern CHALLENGE_PARAMETER =
      Pattern.compile("(authorization|authorization_uri|resource|scope)=\"([^\"]*)\"");

  @Option(
      names = "--key",
      paramLabel = "NAME",
      defaultValue = "keybridge-bench",
      description = "RSA key to use; created (RSA-2048) if missing. Default: keybridge-bench.")
  String keyName;

  @Option(
      names = "--threads",
      paramLabel = "N,N,...",
      split = ",",
      defaultValue = "1,4,16,64",
      description = "Thread counts to measure at. Default: 1,4,16,64.")
  List<Integer> threadCounts;

  @Option(
      names = "--ops",
      paramLabel = "N",
      defaultValue = "400",
      description = "Operations measured per client, operation and thread count. Default: 400.")
  int ops;

  @Option(
      names = "--rounds",
      paramLabel = "N",
      defaultValue = "4",
      description = "Rounds the clients alternate in (pairs them against drift). Default: 4.")
  int rounds;

  @Option(
      names = "--warmup",
      paramLabel = "SECONDS",
      defaultValue = "3",
      description =
          "Seconds each client runs each operation before the first thread count is measured, so"
              + " that the JIT has compiled every client's path (a short-lived JVM pays more; see"
              + " jarsigner rows in BENCHMARKS.md). Default: 3.")
  int warmupSeconds;

  @Option(
      names = "--access-log",
      paramLabel = "FILE",
      description =
          "The vault's access.log for request counts. Default: access.log beside --config.")
  Path accessLog;

  /** The clients compared, in the order they run within each round. */
  enum Client {
    KEYBRIDGE("keybridge"),
    OKHTTP("okhttp-raw"),
    ONE_WRITE("one-write-raw");

    final String label;

    Client(String label) {
      this.label = label;
    }
  }

  /** One measured row. */
  record Row(
      String operation, int threads, Client client, Latencies latencies, Double requestsPerOp) {}

  @Override
  protected int run(Output out) throws Exception {
    if (ops < 1
        || rounds < 1
        || ops < rounds
        || warmupSeconds < 0
        || threadCounts.stream().anyMatch(t -> t < 1)) {
      throw CliException.usage(
          "--ops, --rounds and --threads must be positive, --warmup not negative, --ops >= --rounds");
    }
    KeyVaultClients clients = KeyVaultClients.of(config());
    KeyBundle key = benchKey();
    PrivateKey handle = (PrivateKey) VaultKeys.fromKeyVaultKey(key.sdkKey(), clients.crypto());
    PublicKey publicKey = key.publicKey().orElseThrow();
    KeyBridgeProvider provider = new KeyBridgeProvider(config());
    Workload workload = new Workload(clients, key, handle, publicKey, provider);
    AccessLogCounter counter = counter();

    List<Row> rows = new ArrayList<>();
    for (String operation : List.of("sign", "decrypt")) {
      warmUp(workload, operation);
      for (int threads : threadCounts) {
        rows.addAll(measure(workload, operation, threads, counter));
        out.note(operation + " at " + threads + " threads measured");
      }
    }
    workload.close();
    print(out, key, rows, counter != null);
    return ExitCode.OK;
  }

  /** Runs each client's operation for --warmup seconds on one thread, one client after another. */
  private void warmUp(Workload workload, String operation) throws Exception {
    if (warmupSeconds == 0) {
      return;
    }
    try (LoadRunner runner = new LoadRunner(1)) {
      for (Client client : Client.values()) {
        runner.runFor(workload.operation(operation, client), Duration.ofSeconds(warmupSeconds));
      }
    }
  }

  private KeyBundle benchKey() {
    try {
      KeyBundle existing = manager().getKey(keyName);
      if (!"RSA".equals(existing.keyType().toString())
          && !"RSA-HSM".equals(existing.keyType().toString())) {
        throw CliException.usage(
            "--key " + keyName + " is not an RSA key but " + existing.keyType());
      }
      return existing;
    } catch (KeyVaultException e) {
      if (e.statusCode() != 404) {
        throw e;
      }
      return manager().createRsaKey(keyName, 2048, KeyOptions.defaults());
    }
  }

  private AccessLogCounter counter() {
    Path log = accessLog;
    if (log == null && options.configFile() != null) {
      Path parent = options.configFile().toAbsolutePath().getParent();
      log = parent == null ? null : parent.resolve("access.log");
    }
    return log != null && Files.isRegularFile(log) ? new AccessLogCounter(log) : null;
  }

  private List<Row> measure(
      Workload workload, String operation, int threads, AccessLogCounter counter) throws Exception {
    Map<Client, Latencies> measured = new LinkedHashMap<>();
    Map<Client, Integer> requests = new LinkedHashMap<>();
    try (LoadRunner runner = new LoadRunner(threads)) {
      for (Client client : Client.values()) {
        runner.run(workload.operation(operation, client), Math.max(threads, ops / 4)); // warm-up
      }
      int perRound = ops / rounds;
      for (int round = 0; round < rounds; round++) {
        int count = round == rounds - 1 ? ops - perRound * (rounds - 1) : perRound;
        for (Client client : Client.values()) {
          int mark = counter == null ? 0 : counter.mark();
          Latencies latencies = runner.run(workload.operation(operation, client), count);
          measured.merge(client, latencies, Latencies::plus);
          if (counter != null) {
            requests.merge(client, counter.since(mark), Integer::sum);
          }
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    for (Client client : Client.values()) {
      Double perOp = counter == null ? null : requests.get(client) / (double) ops;
      rows.add(new Row(operation, threads, client, measured.get(client), perOp));
    }
    return rows;
  }

  private void print(Output out, KeyBundle key, List<Row> rows, boolean counted) {
    if (out.json()) {
      List<Map<String, Object>> results = new ArrayList<>();
      for (Row row : rows) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("operation", row.operation());
        json.put("threads", row.threads());
        json.put("client", row.client().label);
        json.put("ops", row.latencies().nanos().length);
        json.put("p50Ms", round(row.latencies().percentileMs(0.50)));
        json.put("p90Ms", round(row.latencies().percentileMs(0.90)));
        json.put("p99Ms", round(row.latencies().percentileMs(0.99)));
        json.put("opsPerSecond", round(row.latencies().opsPerSecond()));
        json.put("requestsPerOp", row.requestsPerOp());
        results.add(json);
      }
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("vault", config().vaultUrl().toString());
      document.put("key", key.id());
      document.put("results", results);
      document.put("ratios", ratios(rows));
      out.printJson(document);
      return;
    }
    out.println("vault " + config().vaultUrl() + ", key " + key.id());
    Table table =
        new Table(
            "operation", "threads", "client", "p50 ms", "p90 ms", "p99 ms", "ops/s", "req/op");
    for (Row row : rows) {
      table.row(
          row.operation(),
          row.threads(),
          row.client().label,
          format(row.latencies().percentileMs(0.50)),
          format(row.latencies().percentileMs(0.90)),
          format(row.latencies().percentileMs(0.99)),
          String.format(Locale.ROOT, "%.0f", row.latencies().opsPerSecond()),
          counted ? format(row.requestsPerOp()) : "n/a");
    }
    table.print(out.out());
    out.println("");
    Table ratios =
        new Table(
            "operation",
            "threads",
            "p50 / one-write",
            "p99 / one-write",
            "p50 / okhttp",
            "ops/s / okhttp");
    for (Map<String, Object> ratio : ratios(rows)) {
      ratios.row(
          ratio.get("operation"),
          ratio.get("threads"),
          ratio.get("p50VsOneWrite"),
          ratio.get("p99VsOneWrite"),
          ratio.get("p50VsOkhttp"),
          ratio.get("throughputVsOkhttp"));
    }
    ratios.print(out.out());
    out.out().flush();
  }

  /** keybridge against the raw clients, per operation and thread count. */
  private static List<Map<String, Object>> ratios(List<Row> rows) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i + 2 < rows.size(); i += 3) {
      Latencies keybridge = rows.get(i).latencies();
      Latencies okhttp = rows.get(i + 1).latencies();
      Latencies oneWrite = rows.get(i + 2).latencies();
      Map<String, Object> ratio = new LinkedHashMap<>();
      ratio.put("operation", rows.get(i).operation());
      ratio.put("threads", rows.get(i).threads());
      ratio.put("p50VsOneWrite", round(keybridge.percentileMs(0.5) / oneWrite.percentileMs(0.5)));
      ratio.put("p99VsOneWrite", round(keybridge.percentileMs(0.99) / oneWrite.percentileMs(0.99)));
      ratio.put("p50VsOkhttp", round(keybridge.percentileMs(0.5) / okhttp.percentileMs(0.5)));
      ratio.put("throughputVsOkhttp", round(keybridge.opsPerSecond() / okhttp.opsPerSecond()));
      out.add(ratio);
    }
    return out;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  private static String format(Double value) {
    return value == null ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
  }

  /** The three clients' sign and decrypt calls over one key. */
  private final class Workload implements AutoCloseable {
    private final OkHttpClient okhttp;
    private final PrivateKey handle;
    private final KeyBridgeProvider provider;
    private final String signPath;
    private final String decryptPath;
    private final byte[] signBody;
    private final byte[] decryptBody;
    private final byte[] digestInput = "keybridge bench".getBytes(StandardCharsets.UTF_8);
    private final byte[] ciphertext;
    private final OAEPParameterSpec oaep =
        new OAEPParameterSpec(
            "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
    private final String token;
    private final SSLContext tls;
    private final Map<Integer, RawHttpsPost> raw = new java.util.concurrent.ConcurrentHashMap<>();

    Workload(
        KeyVaultClients clients,
        KeyBundle key,
        PrivateKey handle,
        PublicKey publicKey,
        KeyBridgeProvider provider)
        throws Exception {
      this.okhttp = clients.okHttpClient();
      this.handle = handle;
      this.provider = provider;
      String keyPath = "/keys/" + key.name() + "/" + key.version();
      this.signPath = keyPath + "/sign?api-version=" + API_VERSION;
      this.decryptPath = keyPath + "/decrypt?api-version=" + API_VERSION;
      Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(digestInput);
      this.signBody = json("RS256", b64.encodeToString(digest));
      Cipher encrypt = Cipher.getInstance("RSA/ECB/OAEPPadding");
      encrypt.init(Cipher.ENCRYPT_MODE, publicKey, oaep);
      this.ciphertext = encrypt.doFinal("keybridge bench secret".getBytes(StandardCharsets.UTF_8));
      this.decryptBody = json("RSA-OAEP-256", b64.encodeToString(ciphertext));
      this.token = token(clients);
      this.tls =
          config().trustCaFile().isPresent()
              ? CaTrust.fromFile(config().trustCaFile().get()).sslContext()
              : SSLContext.getDefault();
    }

    private static byte[] json(String alg, String value) {
      return ("{\"alg\":\"" + alg + "\",\"value\":\"" + value + "\"}")
          .getBytes(StandardCharsets.UTF_8);
    }

    /** A token as the vault's challenge asks for it (one unauthenticated request). */
    private String token(KeyVaultClients clients) throws Exception {
      Request probe =
          new Request.Builder()
              .url(config().vaultUrl().resolve(signPath).toString())
              .post(RequestBody.create(new byte[0], JSON_TYPE))
              .build();
      String challenge;
      try (Response response = okhttp.newCall(probe).execute()) {
        challenge = response.header("WWW-Authenticate");
      }
      if (challenge == null) {
        throw new IllegalStateException("the vault sent no bearer challenge");
      }
      Map<String, String> parameters = new LinkedHashMap<>();
      Matcher m = CHALLENGE_PARAMETER.matcher(challenge);
      while (m.find()) {
        parameters.put(m.group(1), m.group(2));
      }
      String authorization =
          parameters.getOrDefault("authorization", parameters.get("authorization_uri"));
      String scope =
          parameters.containsKey("scope")
              ? parameters.get("scope")
              : parameters.get("resource") + "/.default";
      TokenRequestContext context = new TokenRequestContext().addScopes(scope);
      if (authorization != null) {
        String path = java.net.URI.create(authorization).getPath();
        context.setTenantId(path.substring(path.lastIndexOf('/') + 1));
      }
      return clients.credential().getTokenSync(context).getToken();
    }

    LoadRunner.Operation operation(String operation, Client client) {
      boolean sign = operation.equals("sign");
      return switch (client) {
        case KEYBRIDGE -> sign ? thread -> jcaSign() : thread -> jcaDecrypt();
        case OKHTTP ->
            thread -> okhttpPost(sign ? signPath : decryptPath, sign ? signBody : decryptBody);
        case ONE_WRITE ->
            thread ->
                oneWrite(thread, sign ? signPath : decryptPath, sign ? signBody : decryptBody);
      };
    }

    private void jcaSign() throws Exception {
      Signature signature = Signature.getInstance("SHA256withRSA", provider);
      signature.initSign(handle);
      signature.update(digestInput);
      signature.sign();
    }

    private void jcaDecrypt() throws Exception {
      Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding", provider);
      cipher.init(Cipher.DECRYPT_MODE, handle, oaep);
      cipher.doFinal(ciphertext);
    }

    private void okhttpPost(String path, byte[] body) throws Exception {
      Request request =
          new Request.Builder()
              .url(config().vaultUrl().resolve(path).toString())
              .header("Authorization", "Bearer " + token)
              .post(RequestBody.create(body, JSON_TYPE))
              .build();
      try (Response response = okhttp.newCall(request).execute()) {
        response.body().bytes();
        if (response.code() != 200) {
          throw new IllegalStateException("raw okhttp POST answered " + response.code());
        }
      }
    }

    private void oneWrite(int thread, String path, byte[] body) throws Exception {
      RawHttpsPost post =
          raw.computeIfAbsent(thread, t -> new RawHttpsPost(tls, config().vaultUrl()));
      int status = post.post(path, token, body);
      if (status != 200) {
        throw new IllegalStateException("raw one-write POST answered " + status);
      }
    }

    @Override
    public void close() throws Exception {
      for (RawHttpsPost post : raw.values()) {
        post.close();
      }
    }
  }
}
