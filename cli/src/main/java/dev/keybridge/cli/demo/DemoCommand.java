package dev.keybridge.cli.demo;

import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.output.Table;
import dev.keybridge.cli.serve.NetworkOptions;
import dev.keybridge.localvault.LocalVault;
import dev.keybridge.localvault.network.Latency;
import dev.keybridge.localvault.network.NetworkConditions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keybridge demo}: everything keybridge does, against a local vault, in one command. Starts
 * the local vault in a data folder, creates keys and certificates, signs a JAR with the JDK's real
 * {@code jarsigner} and verifies it strictly, serves one TLS 1.3 request with a vault key, wraps
 * and unwraps a data key, rotates a key, backs it up, deletes, recovers and restores it. Prints a
 * table of the steps with their time and the vault requests each made, and exits non-zero if any
 * step failed. The data folder is kept.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the keybridge tour against a local vault: keys and certificates, jarsigner sign and"
          + " verify, one TLS 1.3 request, wrap/unwrap, rotate, backup, delete, recover, restore.",
      "Prints each step with its time and the number of vault requests it made; exits 1 if a"
          + " step failed."
    })
public final class DemoCommand implements Callable<Integer> {
  /** Exit code when a step failed (the table and stderr say which and why). */
  static final int STEP_FAILED = ExitCode.VAULT_ERROR;

  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = "keybridge-demo",
      description =
          "Data folder of the local vault (created if missing, kept afterwards). Default:"
              + " ./keybridge-demo")
  Path dataDir;

  @Option(
      names = "--keep",
      description =
          "Keep the local vault running after the demo, until Ctrl-C, so the printed CLI"
              + " commands work right away.")
  boolean keep;

  @Option(
      names = "--latency",
      paramLabel = "MS[:JITTER]",
      converter = NetworkOptions.LatencyConverter.class,
      description =
          "Run the local vault with this added latency per answer (e.g. 20 or 20:5), to see the"
              + " timings across a WAN.")
  Latency latency = Latency.NONE;

  @Option(
      names = "--time-scale",
      paramLabel = "N",
      description =
          "Add a step where a second vault (DIR/scheduled) runs its clock N times faster and"
              + " rotates a key by its policy on schedule, e.g. 86400 (a vault day per second).")
  Double timeScale;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = dataDir.toAbsolutePath().normalize();
    out.println(
        "keybridge demo: local vault in "
            + dir
            + (latency.isNone() ? "" : " (simulated latency " + latency + " per answer)"));
    out.flush();

    if (timeScale != null && !(timeScale >= 1)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--time-scale must be at least 1, got " + timeScale);
    }
    DemoScenario scenario =
        new DemoScenario(dir, err, NetworkConditions.NONE.withLatency(latency), timeScale);
    List<StepResult> results = scenario.run(keep);
    printTable(out, results);
    printCommands(out, scenario.commands());

    StepResult failure = results.stream().filter(StepResult::failed).findFirst().orElse(null);
    if (failure != null) {
      err.println("error: step '" + failure.name() + "' failed: " + failure.detail());
      err.println("The vault's access log is " + dir.resolve("access.log"));
      err.flush();
      stopIfRunning(scenario.vault());
      printDataFolder(out, dir);
      return STEP_FAILED;
    }
    printDataFolder(out, dir);
    if (keep) {
      waitForCtrlC(out, scenario.vault(), dir);
    }
    return ExitCode.OK;
  }

  private static void printTable(PrintWriter out, List<StepResult> results) {
    Table table = new Table("#", "step", "result", "time", "vault requests", "detail");
    int number = 1;
    for (StepResult result : results) {
      boolean ran = !StepResult.SKIPPED.equals(result.status());
      table.row(
          number++,
          result.name(),
          result.status(),
          ran ? result.millis() + " ms" : null,
          ran ? result.vaultRequests() : null,
          result.detail());
    }
    out.println();
    table.print(out);
    out.println();
  }

  private static void printCommands(PrintWriter out, List<String> commands) {
    if (commands.isEmpty()) {
      return;
    }
    out.println("Tools the demo ran:");
    for (String command : commands) {
      out.println("  " + command);
    }
    out.println();
  }

  private static void printDataFolder(PrintWriter out, Path dir) {
    String jar = DemoJarsigner.keybridgeJarForHints();
    out.println("Data folder: " + dir);
    out.println(
        "  (vault database, CA, keybridge.properties, access.log, demo-app-signed.jar,"
            + " demo-rotating.keybackup)");
    out.println("Use this vault again:");
    out.println("  java -jar " + jar + " serve --data " + dir);
    out.println(
        "  java -jar " + jar + " keys list --config " + dir.resolve("keybridge.properties"));
    out.flush();
  }

  private static void waitForCtrlC(PrintWriter out, LocalVault vault, Path dir)
      throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  vault.close();
                  stopped.countDown();
                },
                "keybridge-demo-shutdown"));
    out.println();
    out.println(
        "The local vault keeps running at " + vault.url() + " (--keep); Ctrl-C stops it. Try:");
    out.println(
        "  java -jar "
            + DemoJarsigner.keybridgeJarForHints()
            + " keys list --config "
            + dir.resolve("keybridge.properties"));
    out.flush();
    stopped.await();
  }

  private static void stopIfRunning(LocalVault vault) {
    if (vault != null && vault.isRunning()) {
      vault.close();
    }
  }
}
