package dev.keybridge.cli.keys;

import dev.keybridge.cli.output.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code keys recover NAME}: brings a deleted key back, with every version. */
@Command(
    name = "recover",
    mixinStandardHelpOptions = true,
    description = "Recover a deleted key (all versions) and wait until it is usable. Prints it.")
final class KeyRecoverCommand extends KeyCommand {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  protected int run(Output out) {
    return printKey(out, manager().recoverDeletedKey(name));
  }
}
