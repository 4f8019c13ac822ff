package dev.keybridge.cli.serve;

import dev.keybridge.cli.ExitCode;
import dev.keybridge.localvault.Flavor;
import dev.keybridge.localvault.LocalVault;
import dev.keybridge.localvault.lifecycle.ScaledClock;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keybridge serve}: runs the local vault in the foreground until Ctrl-C / SIGTERM (a
 * shutdown hook stops it cleanly) or until the running thread is interrupted (how tests stop it).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the local Key Vault-compatible vault over HTTPS until Ctrl-C or SIGTERM.",
      "Prints the vault URL and the keybridge.properties file that other commands, the JCA"
          + " provider and the Azure SDK read (--config FILE)."
    })
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description =
          "Folder for the vault's database, CA, TLS certificate and keybridge.properties (created"
              + " if missing; kept across starts).")
  Path dataDir;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "0",
      description = "TCP port; 0 (default) picks a free one.")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      converter = AddressConverter.class,
      description = "Address to listen on. Default: the loopback address.")
  InetAddress bindAddress;

  @Option(
      names = "--flavor",
      paramLabel = "vault|managedhsm",
      defaultValue = "vault",
      converter = FlavorConverter.class,
      description = "Imitate a Key Vault (default) or a Managed HSM (token audience, /rng).")
  Flavor flavor;

  @Option(
      names = "--client",
      paramLabel = "ID:SECRET:ROLE",
      converter = ClientSpec.Converter.class,
      description =
          "Register an extra client with an Azure built-in role, e.g."
              + " app1:s3cret:crypto-user or 'ci:pw:Key Vault Reader'. Repeatable.")
  List<ClientSpec> clients = new ArrayList<>();

  @Option(
      names = "--purge-protection",
      description =
          "Refuse purges of deleted keys, secrets and certificates (as Azure does); the vault"
              + " purges them when their retention ends. Cannot be turned off again.")
  boolean purgeProtection;

  @Option(
      names = "--retention-days",
      paramLabel = "N",
      description =
          "Days deleted objects stay recoverable, 7-90 (default 90); fixed when DIR is first"
              + " used.")
  Integer retentionDays;

  @Option(
      names = "--time-scale",
      paramLabel = "N",
      description =
          "Run the vault's clock N times faster (rotation policies, expiry, retention), e.g. 86400"
              + " for one vault day per second. Tokens stay on real time.")
  Double timeScale;

  @Option(
      names = "--event-webhook",
      paramLabel = "URL",
      description = "Also POST every Event Grid event (DIR/events.log) to URL.")
  java.net.URI eventWebhook;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    LocalVault.Builder builder = LocalVault.builder().dataDir(dataDir).port(port).flavor(flavor);
    if (bindAddress != null) {
      builder.bindAddress(bindAddress);
    }
    for (ClientSpec client : clients) {
      builder.client(client.clientId(), client.secret(), client.role());
    }
    lifecycle(builder);
    LocalVault vault = builder.build().start();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop(vault, out);
              stopped.countDown();
            },
            "keybridge-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);

    out.println("keybridge local vault (" + flavor.cliName() + ") listening on " + vault.url());
    out.println("properties: " + vault.propertiesFile());
    out.println("CA certificate: " + vault.caCertificateFile());
    out.println("tenant: " + vault.tenantId());
    out.println(
        "deleted objects: "
            + vault.softDeletePolicy().recoveryLevel()
            + ", "
            + vault.softDeletePolicy().retentionDays()
            + " days; events: "
            + vault.eventsLogFile()
            + (timeScale == null ? "" : "; clock x" + timeScale));
    out.println("admin client id: " + vault.adminClientId() + " (secret in the properties file)");
    for (ClientSpec client : clients) {
      out.println("client: " + client.clientId() + " (" + client.role().azureName() + ")");
    }
    out.println("Try: java -jar keybridge.jar keys list --config " + vault.propertiesFile());
    out.println("Press Ctrl-C to stop.");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already stopping: the hook stops the vault
        return ExitCode.OK;
      }
      stop(vault, out);
    }
    return ExitCode.OK;
  }

  /** The purge protection, retention, clock and event options. */
  private void lifecycle(LocalVault.Builder builder) {
    try {
      builder.purgeProtection(purgeProtection);
      if (retentionDays != null) {
        builder.retentionDays(retentionDays);
      }
      if (timeScale != null) {
        builder.clock(new ScaledClock(java.time.Clock.systemUTC(), timeScale));
        builder.tokenClock(java.time.Clock.systemUTC());
      }
      if (eventWebhook != null) {
        builder.eventWebhook(eventWebhook);
      }
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static void stop(LocalVault vault, PrintWriter out) {
    vault.close();
    out.println("keybridge local vault stopped");
    out.flush();
  }

  /** Parses {@code --bind}; a name must resolve. */
  static final class AddressConverter implements ITypeConverter<InetAddress> {
    @Override
    public InetAddress convert(String value) throws Exception {
      return InetAddress.getByName(value);
    }
  }

  /** Parses {@code --flavor}. */
  static final class FlavorConverter implements ITypeConverter<Flavor> {
    @Override
    public Flavor convert(String value) {
      return Flavor.fromName(value);
    }
  }
}
