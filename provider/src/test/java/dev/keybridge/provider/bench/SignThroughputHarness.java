package dev.keybridge.provider.bench;

import dev.keybridge.keystore.key.VaultRsaPrivateKey;
import dev.keybridge.localvault.LocalVault;
import dev.keybridge.localvault.crypto.KeyCrypto;
import dev.keybridge.localvault.crypto.KeyMaterial;
import dev.keybridge.provider.TestVaultKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A benchmark harness, not a test: RS256 signs per second of one RSA-2048 key, in-process (the
 * local vault's own engine, no HTTP) against keybridge's {@code SHA256withRSA} over HTTPS to a
 * local vault on loopback, at the same thread count. Run it with the provider's test class path:
 *
 * <pre>
 * mvn -B -q -pl provider test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp provider/target/test-classes:provider/target/classes:$(cat provider/target/cp.txt) \
 *     dev.keybridge.provider.bench.SignThroughputHarness [threads] [seconds]
 * </pre>
 *
 * Each measurement warms up for the same time it measures. Numbers depend on the machine and
 * whatever else runs on it; the ratio is what the local vault's design is held to (HTTPS signs per
 * second at least 0.7 times in-process signs per second).
 */
public final class SignThroughputHarness {
  private SignThroughputHarness() {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path dir = Files.createTempDirectory("keybridge-bench");
    try (LocalVault vault = LocalVault.builder().dataDir(dir).port(0).build().start()) {
      TestVaultKeys keys = new TestVaultKeys(vault.propertiesFile());
      VaultRsaPrivateKey handle = keys.createRsa("bench-rsa", 2048);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3});
      KeyMaterial local = KeyMaterial.generate("RSA", 2048, null, null);

      Runnable inProcess = () -> KeyCrypto.sign(local, "RS256", digest);
      var provider = keys.provider();
      Runnable overHttps =
          () -> {
            try {
              Signature s = Signature.getInstance("SHA256withRSA", provider);
              s.initSign(handle);
              s.update(new byte[] {1, 2, 3});
              s.sign();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          };
      double a = measure("in-process RS256 (KeyCrypto)", inProcess, threads, seconds);
      double b = measure("keybridge SHA256withRSA over HTTPS", overHttps, threads, seconds);
      System.out.printf("ratio HTTPS / in-process: %.2f%n", b / a);
    }
  }

  private static double measure(String label, Runnable op, int threads, int seconds)
      throws Exception {
    run(op, threads, seconds); // warm-up
    double perSecond = run(op, threads, seconds);
    System.out.printf("%-40s %2d threads: %8.0f ops/s%n", label, threads, perSecond);
    return perSecond;
  }

  private static double run(Runnable op, int threads, int seconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicBoolean stop = new AtomicBoolean();
    LongAdder count = new LongAdder();
    List<Future<?>> running = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < threads; i++) {
      running.add(
          pool.submit(
              () -> {
                while (!stop.get()) {
                  op.run();
                  count.increment();
                }
              }));
    }
    TimeUnit.SECONDS.sleep(seconds);
    stop.set(true);
    for (Future<?> f : running) {
      f.get();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    return count.sum() / elapsed;
  }
}
