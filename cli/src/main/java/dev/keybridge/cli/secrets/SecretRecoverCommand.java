package dev.keybridge.cli.secrets;

import dev.keybridge.cli.output.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code secrets recover NAME}: brings a deleted secret back with all versions. */
@Command(name = "recover", description = "Recover a deleted secret with all its versions.")
final class SecretRecoverCommand extends SecretCommand {
  @Mixin dev.keybridge.cli.HelpOption help;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  protected int run(Output out) {
    return printInfo(out, secrets().recoverDeletedSecret(name));
  }
}
