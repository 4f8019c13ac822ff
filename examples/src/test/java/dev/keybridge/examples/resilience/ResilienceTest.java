package dev.keybridge.examples.resilience;

import static dev.keybridge.examples.JdkTools.command;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.keys.models.KeyCurveName;
import dev.keybridge.examples.ChildProcess;
import dev.keybridge.examples.JdkTools;
import dev.keybridge.localvault.network.FaultRates;
import dev.keybridge.localvault.network.Latency;
import dev.keybridge.localvault.network.NetworkConditions;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.TestCa;
import dev.keybridge.management.KeyVaultManager;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.management.keys.KeyOptions;
import dev.keybridge.provider.KeyBridgeProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * keybridge across a bad network: a local vault answering 10 % of requests (token requests
 * included) with 503, 5 % with 429 + Retry-After, resetting 1 % of connections, and adding 5 ms to
 * every answer. Signing on 16 threads, decrypting and unwrapping, loading the KeyStore and a real
 * jarsigner run must all succeed, with every result checked by the JDK. CI size: {@value #CI_SIGNS}
 * signs; the harness ({@code scripts/resilience.sh}) runs 10,000 and prints the same summary lines.
 */
class ResilienceTest {
  static final String FAULTS = "503=10%,429=5%,reset=1%";
  static final int CI_SIGNS = 320;
  static final int THREADS = 16;
  private static final int SIGNS = Integer.getInteger("keybridge.resilience.signs", CI_SIGNS);
  private static final boolean WITH_FAULTS =
      !"none".equals(System.getProperty("keybridge.resilience.faults", FAULTS));

  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create()
          .network(
              NetworkConditions.NONE
                  .withLatency(new Latency(5, 0))
                  .withFaults(WITH_FAULTS ? FaultRates.parse(FAULTS) : FaultRates.NONE));

  @TempDir static Path dir;

  private static KeyBridgeProvider provider;
  private static PublicKey rsaPublic;
  private static PublicKey ecPublic;

  @BeforeAll
  static void createKeys() {
    KeyVaultConfig config = KeyVaultConfig.fromProperties(VAULT.vault().propertiesFile());
    KeyVaultManager manager = new KeyVaultManager(config);
    rsaPublic =
        manager.createRsaKey("res-rsa", 2048, KeyOptions.defaults()).publicKey().orElseThrow();
    ecPublic =
        manager
            .createEcKey("res-ec", KeyCurveName.P_256, KeyOptions.defaults())
            .publicKey()
            .orElseThrow();
    provider = new KeyBridgeProvider(config);
  }

  private static KeyStore keyStore() throws Exception {
    KeyStore store = KeyStore.getInstance("AzureKeyVault", provider);
    store.load(null, null);
    return store;
  }

  @Test
  void signsOnSixteenThreadsAndEverySignatureVerifies() throws Exception {
    KeyStore store = keyStore();
    PrivateKey rsa = (PrivateKey) store.getKey("res-rsa", null);
    PrivateKey ec = (PrivateKey) store.getKey("res-ec", null);
    AccessLog log = VAULT.accessLog();
    long mark = log.mark();
    List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failed = new AtomicInteger();
    List<byte[][]> signed = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        work.add(
            pool.submit(
                () -> {
                  for (int i = thread; i < SIGNS; i += THREADS) {
                    boolean useRsa = i % 2 == 0;
                    byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
                    long start = System.nanoTime();
                    try {
                      Signature signer =
                          Signature.getInstance(
                              useRsa ? "SHA256withRSA" : "SHA256withECDSA", provider);
                      signer.initSign(useRsa ? rsa : ec);
                      signer.update(message);
                      byte[] signature = signer.sign();
                      nanos.add(System.nanoTime() - start);
                      signed.add(new byte[][] {message, signature, {(byte) (useRsa ? 1 : 0)}});
                    } catch (Exception e) {
                      failed.incrementAndGet();
                      System.err.println("sign " + i + " failed: " + e);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    int verified = 0;
    for (byte[][] entry : signed) {
      boolean isRsa = entry[2][0] == 1;
      Signature verifier =
          isRsa
              ? Signature.getInstance("SHA256withRSA", "SunRsaSign")
              : Signature.getInstance("SHA256withECDSA", "SunEC");
      verifier.initVerify(isRsa ? rsaPublic : ecPublic);
      verifier.update(entry[0]);
      if (verifier.verify(entry[1])) {
        verified++;
      }
    }
    List<AccessLog.Entry> served = log.since(mark);
    long faults = served.stream().filter(e -> e.status() == 503 || e.status() == 429).count();
    long resets = served.stream().filter(e -> e.status() == 0).count();
    System.out.println(
        String.format(
            Locale.ROOT,
            "resilience: faults=%s signs tried=%d failed=%d verified=%d p50=%.1f ms p99=%.1f ms"
                + " max=%.1f ms (vault answered %d requests, %d with 503/429, %d resets)",
            WITH_FAULTS ? FAULTS : "none",
            SIGNS,
            failed.get(),
            verified,
            percentile(nanos, 0.50),
            percentile(nanos, 0.99),
            percentile(nanos, 1.0),
            served.size(),
            faults,
            resets));
    assertThat(failed.get()).as("failed signs").isZero();
    assertThat(verified).as("signatures the JDK verified").isEqualTo(SIGNS);
    if (WITH_FAULTS) {
      assertThat(faults).as("the vault did inject faults").isPositive();
    }
  }

  @Test
  void decryptsAndUnwrapsOnSixteenThreads() throws Exception {
    PrivateKey rsa = (PrivateKey) keyStore().getKey("res-rsa", null);
    OAEPParameterSpec oaep =
        new OAEPParameterSpec(
            "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
    int operations = Math.max(64, SIGNS / 10);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < operations; i++) {
        boolean unwrap = i % 2 == 1;
        results.add(
            pool.submit(
                () -> {
                  Cipher jdk = Cipher.getInstance("RSA/ECB/OAEPPadding", "SunJCE");
                  Cipher vault =
                      Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding", provider);
                  if (unwrap) {
                    KeyGenerator generator = KeyGenerator.getInstance("AES");
                    generator.init(256);
                    SecretKey aes = generator.generateKey();
                    jdk.init(Cipher.WRAP_MODE, rsaPublic, oaep);
                    byte[] wrapped = jdk.wrap(aes);
                    vault.init(Cipher.UNWRAP_MODE, rsa);
                    Key unwrapped = vault.unwrap(wrapped, "AES", Cipher.SECRET_KEY);
                    return java.util.Arrays.equals(unwrapped.getEncoded(), aes.getEncoded());
                  }
                  byte[] secret = new byte[32];
                  new SecureRandom().nextBytes(secret);
                  jdk.init(Cipher.ENCRYPT_MODE, rsaPublic, oaep);
                  byte[] ciphertext = jdk.doFinal(secret);
                  vault.init(Cipher.DECRYPT_MODE, rsa);
                  return java.util.Arrays.equals(vault.doFinal(ciphertext), secret);
                }));
      }
      int correct = 0;
      for (Future<Boolean> result : results) {
        if (result.get()) {
          correct++;
        }
      }
      System.out.println("resilience: decrypt/unwrap tried=" + operations + " correct=" + correct);
      assertThat(correct).isEqualTo(operations);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void keyStoreLoadsEveryTime() throws Exception {
    for (int i = 0; i < 10; i++) {
      KeyStore store = keyStore();
      assertThat(Collections.list(store.aliases())).contains("res-rsa", "res-ec");
      assertThat(store.isKeyEntry("res-ec")).isTrue();
    }
  }

  @Test
  void jarsignerSignsAndTheJarVerifies() throws Exception {
    TestCa ca = TestCa.create("CN=keybridge resilience CA,O=keybridge tests");
    var leaf =
        ca.issue(
            TestCa.name("CN=res-ec, O=keybridge tests"), ecPublic, TestCa.Purpose.CODE_SIGNING);
    Path chain =
        Files.writeString(
            dir.resolve("res-chain.pem"), TestCa.pem(List.of(leaf, ca.certificate())));
    Path trustStore = ca.writeTrustStore(dir.resolve("res-trust.p12"));
    Path unsigned = JdkTools.sampleJar(dir.resolve("res.jar"));
    Path signed = dir.resolve("res-signed.jar");
    ChildProcess.Result sign =
        ChildProcess.run(
            command(
                JdkTools.jarsigner(),
                JdkTools.providerClassOptions(VAULT.vault().propertiesFile()),
                JdkTools.vaultKeyStoreOptions(),
                "-certchain",
                chain,
                "-signedjar",
                signed,
                unsigned,
                "res-ec"));
    assertThat(sign.exitCode()).as(sign.toString()).isZero();
    ChildProcess.Result verify = JdkTools.verifyStrict(signed, trustStore);
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.output()).contains("jar verified.");
  }

  private static double percentile(List<Long> nanos, double fraction) {
    List<Long> sorted = new ArrayList<>(nanos);
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    Collections.sort(sorted);
    int index = (int) Math.ceil(fraction * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
  }
}
