package dev.keybridge.bench;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import dev.keybridge.keystore.key.VaultKeys;
import dev.keybridge.management.auth.StaticTokenCredential;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.management.crypto.RestVaultCrypto;
import dev.keybridge.management.http.VaultHttp;
import dev.keybridge.provider.KeyBridgeProvider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What keybridge's own code costs per {@code sign()}, without network or server: the layers of the
 * private-key path, each measured over the same {@link CannedVault} at the bottom of the pipeline.
 *
 * <ul>
 *   <li>{@link #floor}: the canned answer alone (building the request and the response objects).
 *   <li>{@link #pipeline}: through keybridge's pipeline (deadline, retry, challenge with a cached
 *       token, logging policies) with a prebuilt JSON body: what azure-core adds.
 *   <li>{@link #vaultCrypto}: {@code RestVaultCrypto.sign}: JSON request and answer, key id checks.
 *   <li>{@link #jcaSign}: {@code Signature.getInstance("SHA256withRSA", KeyBridge)}, {@code
 *       initSign}, {@code update}, {@code sign}: the JCA layer on top, as applications call it.
 * </ul>
 *
 * The differences between rows are keybridge's per-operation overhead; a real vault adds its round
 * trip (loopback: about 1 ms; Azure: the network) to every row alike. Run with {@code
 * bench/jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignPathBenchmark {
  private static final String VAULT = "https://127.0.0.1:8443";
  private static final String KID = VAULT + "/keys/bench/0123456789abcdef0123456789abcdef";

  private CannedVault vault;
  private HttpPipeline pipeline;
  private RestVaultCrypto crypto;
  private Provider provider;
  private PrivateKey handle;
  private byte[] digest;
  private byte[] requestBody;
  private final byte[] message = "keybridge bench".getBytes(StandardCharsets.UTF_8);

  @Setup
  public void setUp() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signature = b64.encodeToString(new byte[256]);
    vault = new CannedVault("{\"kid\":\"" + KID + "\",\"value\":\"" + signature + "\"}");
    KeyVaultConfig config = KeyVaultConfig.builder().vaultUrl(URI.create(VAULT)).token("t").build();
    pipeline =
        VaultHttp.pipeline(
            vault, config, new StaticTokenCredential("bench-token"), new ConcurrentHashMap<>());
    crypto = new RestVaultCrypto(pipeline, URI.create(VAULT));
    provider = new KeyBridgeProvider(config);
    JsonWebKey jwk = JsonWebKey.fromRsa(new KeyPair(pair.getPublic(), null)).setId(KID);
    handle = (PrivateKey) VaultKeys.fromJsonWebKey(jwk, crypto);
    digest = MessageDigest.getInstance("SHA-256").digest(message);
    requestBody =
        ("{\"alg\":\"RS256\",\"value\":\"" + b64.encodeToString(digest) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    crypto.sign(KID, "RS256", digest); // settles the challenge once, as a first real call does
  }

  @Benchmark
  public int floor() {
    try (HttpResponse response = vault.sendSync(request(), Context.NONE)) {
      return response.getBodyAsBinaryData().toBytes().length;
    }
  }

  @Benchmark
  public int pipeline() {
    try (HttpResponse response = pipeline.sendSync(request(), Context.NONE)) {
      return response.getBodyAsBinaryData().toBytes().length;
    }
  }

  @Benchmark
  public byte[] vaultCrypto() {
    return crypto.sign(KID, "RS256", digest);
  }

  @Benchmark
  public byte[] jcaSign() throws Exception {
    Signature signature = Signature.getInstance("SHA256withRSA", provider);
    signature.initSign(handle);
    signature.update(message);
    return signature.sign();
  }

  private HttpRequest request() {
    return new HttpRequest(HttpMethod.POST, KID + "/sign?api-version=7.6")
        .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json")
        .setHeader(HttpHeaderName.ACCEPT, "application/json")
        .setBody(requestBody);
  }
}
