package dev.keybridge.cli;

import dev.keybridge.cli.certs.CertsCommand;
import dev.keybridge.cli.completion.CompletionCommand;
import dev.keybridge.cli.doctor.DoctorCommand;
import dev.keybridge.cli.keys.KeysCommand;
import dev.keybridge.cli.keys.RandomCommand;
import dev.keybridge.cli.serve.ServeCommand;
import dev.keybridge.cli.token.TokenCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code keybridge} command: only dispatches to its subcommands. {@code demo} ({@code
 * dev.keybridge.cli.demo}) is registered here by name when it is ready, like the others.
 */
@Command(
    name = "keybridge",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Azure Key Vault / Managed HSM keys from the shell, and a local vault.",
    subcommands = {
      ServeCommand.class,
      KeysCommand.class,
      RandomCommand.class,
      CertsCommand.class,
      dev.keybridge.cli.secrets.SecretsCommand.class,
      DoctorCommand.class,
      TokenCommand.class,
      dev.keybridge.cli.demo.DemoCommand.class,
      dev.keybridge.cli.bench.BenchCommand.class,
      CompletionCommand.class,
      HelpCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success",
      "  1  vault error (the stderr line names the vault error code and HTTP status)",
      "  2  usage error (unknown command or option, bad argument)",
      "  3  configuration error (no vault URL, unreadable or invalid configuration)",
      "  4  local file error (missing, unreadable or not a backup file; cannot write)",
      "  5  doctor found a problem",
      "  6  serve: the port is in use (nothing was written to the data folder)"
    })
public final class KeybridgeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("error: missing command");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
