package dev.keybridge.examples.bench;

import dev.keybridge.examples.ChildProcess;
import dev.keybridge.examples.IssuedCertificates;
import dev.keybridge.examples.JdkTools;
import dev.keybridge.localvault.LocalVault;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.TestCa;
import dev.keybridge.management.KeyVaultManager;
import dev.keybridge.management.config.KeyVaultConfig;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A benchmark harness, not a test (run by {@code bench/run.sh}): the real jarsigner and keytool
 * against a local vault of N certificates, each timed as a fresh JVM (median of R runs), with the
 * vault requests each run made (from the access log). Prints Markdown table rows.
 *
 * <pre>
 * java -cp examples/target/test-classes:...:keybridge.jar dev.keybridge.examples.bench.JarsignerHarness \
 *     CERTIFICATES RUNS [LATENCY_MS]
 * </pre>
 *
 * With {@code LATENCY_MS} the vault answers each request that much later (a simulated WAN round
 * trip, as {@code keybridge serve --latency}).
 *
 * <p>Needs the system property {@code keybridge.cli.jar}.
 */
public final class JarsignerHarness {
  private static final String SIGNER = "bench-signer";

  private JarsignerHarness() {}

  public static void main(String[] args) throws Exception {
    int certificates = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    long latencyMillis = args.length > 2 ? Long.parseLong(args[2]) : 0;
    Path dir = Files.createTempDirectory("keybridge-jarsigner-bench");
    try (LocalVault vault =
        LocalVault.builder()
            .dataDir(dir.resolve("vault"))
            .latency(latencyMillis, 0)
            .build()
            .start()) {
      TestCa ca = TestCa.create("CN=keybridge bench CA,O=keybridge tests");
      IssuedCertificates issued =
          new IssuedCertificates(
              new KeyVaultManager(KeyVaultConfig.fromProperties(vault.propertiesFile()))
                  .certificates(),
              ca);
      List<String> names = new ArrayList<>();
      names.add(SIGNER);
      for (int i = 1; i < certificates; i++) {
        names.add(String.format(Locale.ROOT, "bench-%03d", i));
      }
      issued.importAll(names);

      KeyPair pair = IssuedCertificates.p256();
      X509Certificate leaf = issued.issue(SIGNER, pair);
      Path p12 = dir.resolve("local.p12");
      KeyStore local = KeyStore.getInstance("PKCS12");
      local.load(null, null);
      local.setKeyEntry(
          SIGNER,
          pair.getPrivate(),
          "changeit".toCharArray(),
          new Certificate[] {leaf, ca.certificate()});
      try (OutputStream out = Files.newOutputStream(p12)) {
        local.store(out, "changeit".toCharArray());
      }
      Path jar = JdkTools.jar(dir.resolve("app.jar"), Map.of("app/data.bin", "x".repeat(1 << 20)));
      AccessLog log = AccessLog.of(vault);

      Timing pkcs12 =
          time(
              runs,
              log,
              n ->
                  jarsigner(
                      dir,
                      jar,
                      n,
                      List.of(
                          "-keystore",
                          p12.toString(),
                          "-storetype",
                          "PKCS12",
                          "-storepass",
                          "changeit")));
      Path cold = dir.resolve("cache-cold");
      Timing vaultCold =
          time(
              runs,
              log,
              n -> {
                Path fresh = cold.resolve("run-" + n);
                return jarsigner(dir, jar, n, keybridge(vault, dir, fresh, null));
              });
      Path warm = dir.resolve("cache-warm");
      jarsigner(dir, jar, -1, keybridge(vault, dir, warm, null));
      Timing vaultWarm =
          time(runs, log, n -> jarsigner(dir, jar, n, keybridge(vault, dir, warm, null)));
      Timing filtered =
          time(runs, log, n -> jarsigner(dir, jar, n, keybridge(vault, dir, warm, SIGNER)));
      Timing listCold =
          time(
              runs,
              log,
              n -> keytoolList(keybridge(vault, dir, dir.resolve("list-cold-" + n), null)));
      Timing listWarm = time(runs, log, n -> keytoolList(keybridge(vault, dir, warm, null)));

      System.out.printf(
          Locale.ROOT,
          "| jarsigner, PKCS#12 key (baseline) | %s | 0 | 1.00x |%n",
          pkcs12.seconds());
      row("jarsigner, keybridge, first run (empty certificate cache)", vaultCold, pkcs12);
      row("jarsigner, keybridge, later runs (cache warm)", vaultWarm, pkcs12);
      row("jarsigner, keybridge, keybridge.keystore.aliases=" + SIGNER, filtered, pkcs12);
      row("keytool -list (load + aliases + every certificate), cache empty", listCold, pkcs12);
      row("keytool -list, cache warm", listWarm, pkcs12);
    }
  }

  private static void row(String what, Timing timing, Timing baseline) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %s | %d | %.2fx |%n",
        what,
        timing.seconds(),
        timing.requests(),
        timing.median() / baseline.median());
  }

  /** A fresh-JVM run numbered n; returns nothing, fails on a non-zero exit. */
  interface Run {
    ChildProcess.Result run(int n) throws Exception;
  }

  record Timing(double median, long requests) {
    String seconds() {
      return String.format(Locale.ROOT, "%.2f s", median);
    }
  }

  private static Timing time(int runs, AccessLog log, Run run) throws Exception {
    double[] seconds = new double[runs];
    long requests = 0;
    for (int n = 0; n < runs; n++) {
      long mark = log.mark();
      long start = System.nanoTime();
      ChildProcess.Result result = run.run(n);
      seconds[n] = (System.nanoTime() - start) / 1e9;
      if (result.exitCode() != 0) {
        throw new IllegalStateException(result.toString());
      }
      requests = log.since(mark).size();
    }
    Arrays.sort(seconds);
    return new Timing(seconds[runs / 2], requests);
  }

  private static List<String> keybridge(LocalVault vault, Path dir, Path cache, String aliases)
      throws Exception {
    Map<String, String> overrides =
        aliases == null
            ? Map.of("keybridge.keystore.certificate-cache", cache.toString())
            : Map.of(
                "keybridge.keystore.certificate-cache",
                cache.toString(),
                "keybridge.keystore.aliases",
                aliases);
    Path properties =
        JdkTools.propertiesVariant(
            vault.propertiesFile(), Files.createTempFile(dir, "bench", ".properties"), overrides);
    List<String> options = new ArrayList<>(JdkTools.providerClassOptions(properties));
    options.addAll(JdkTools.vaultKeyStoreOptions());
    return options;
  }

  private static ChildProcess.Result jarsigner(Path dir, Path jar, int n, List<String> store) {
    return ChildProcess.run(
        JdkTools.command(
            JdkTools.jarsigner(),
            store,
            "-signedjar",
            dir.resolve("signed-" + System.nanoTime() + ".jar"),
            jar,
            SIGNER));
  }

  private static ChildProcess.Result keytoolList(List<String> store) {
    return ChildProcess.run(JdkTools.command(JdkTools.keytool(), "-list", store));
  }
}
