package dev.keybridge.cli.serve;

import dev.keybridge.cli.CliException;
import dev.keybridge.cli.ErrorReport;
import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.Launcher;
import dev.keybridge.localvault.Flavor;
import dev.keybridge.localvault.LocalVault;
import dev.keybridge.localvault.PortInUseException;
import dev.keybridge.localvault.lifecycle.ScaledClock;
import dev.keybridge.localvault.storage.StorageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
              + " app1:s3cret:crypto-user or 'ci:pw:Key Vault Reader'. Repeatable. The secret is"
              + " visible in the process list: prefer --clients-file or KEYBRIDGE_CLIENTS.")
  List<ClientSpec> clients = new ArrayList<>();

  @Mixin NetworkOptions network = new NetworkOptions();

  @Option(
      names = "--clients-file",
      paramLabel = "FILE",
      description =
          "Register the clients of FILE, one ID:SECRET:ROLE per line (# comments); the file must"
              + " be private to you (chmod 600). The environment variable KEYBRIDGE_CLIENTS may"
              + " hold the same lines.")
  Path clientsFile;

  @Option(
      names = "--attestation-authority",
      paramLabel = "URL=JWKS_FILE",
      description =
          "Trust an attestation authority for Secure Key Release: release targets issued by URL"
              + " must be signed by a key of the JWKS file. Repeatable. The vault's own test"
              + " authority (VAULT_URL/attestation) is always trusted.")
  Map<String, Path> attestationAuthorities = new LinkedHashMap<>();

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
    if (!clients.isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "warning: --client puts client secrets in the process list and shell history; use"
              + " --clients-file FILE (mode 600) or "
              + ClientsFile.ENVIRONMENT
              + " instead");
      err.flush();
    }
    List<ClientSpec> all = new ArrayList<>(clients);
    try {
      if (clientsFile != null) {
        all.addAll(ClientsFile.read(clientsFile));
      }
      String fromEnvironment = System.getenv(ClientsFile.ENVIRONMENT);
      if (fromEnvironment != null && !fromEnvironment.isBlank()) {
        all.addAll(ClientsFile.parse(fromEnvironment, ClientsFile.ENVIRONMENT));
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    LocalVault.Builder builder =
        LocalVault.builder()
            .dataDir(dataDir)
            .port(port)
            .flavor(flavor)
            .network(network.conditions());
    if (bindAddress != null) {
      builder.bindAddress(bindAddress);
    }
    for (ClientSpec client : all) {
      builder.client(client.clientId(), client.secret(), client.role());
    }
    try {
      attestationAuthorities.forEach(builder::attestationAuthority);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "--attestation-authority: " + e.getMessage());
    }
    lifecycle(builder);
    LocalVault vault = start(builder.build());
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
    for (ClientSpec client : all) {
      out.println("client: " + client.clientId() + " (" + client.role().azureName() + ")");
    }
    if (!vault.networkConditions().isNone()) {
      out.println("network simulation: " + vault.networkConditions());
    }
    out.println(
        "Try: "
            + Launcher.command()
            + " keys list --config "
            + Launcher.quote(vault.propertiesFile()));
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

  /**
   * Starts {@code vault}; a port in use (exit code {@link ExitCode#PORT_IN_USE}) and a data folder
   * that cannot be used (exit code {@link ExitCode#FILE}) are named with their reason.
   */
  private LocalVault start(LocalVault vault) {
    Path folder = dataDir.toAbsolutePath();
    try {
      return vault.start();
    } catch (PortInUseException e) {
      throw new CliException(
          ExitCode.PORT_IN_USE,
          "port "
              + e.port()
              + " is already in use (another 'keybridge serve'?): choose another --port, or"
              + " --port 0 for a free one; nothing was written to "
              + folder,
          e);
    } catch (StorageException e) {
      if (e.getCause() instanceof IOException io) {
        throw CliException.file("start the local vault in", folder, io);
      }
      throw new CliException(
          ExitCode.FILE, "cannot start the local vault in " + folder + ": " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      // the data folder is locked by another running vault
      throw new CliException(ExitCode.FILE, ErrorReport.oneLine(e.getMessage()), e);
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
