package dev.keybridge.cli.serve;

import dev.keybridge.cli.CliException;
import dev.keybridge.cli.ErrorReport;
import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.Launcher;
import dev.keybridge.localvault.Flavor;
import dev.keybridge.localvault.LocalVault;
import dev.keybridge.localvault.PortInUseException;
import dev.keybridge.localvault.storage.StorageException;
import java.io.IOException;
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
    out.println("admin client id: " + vault.adminClientId() + " (secret in the properties file)");
    for (ClientSpec client : clients) {
      out.println("client: " + client.clientId() + " (" + client.role().azureName() + ")");
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
