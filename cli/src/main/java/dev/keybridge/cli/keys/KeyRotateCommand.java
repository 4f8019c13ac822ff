package dev.keybridge.cli.keys;

import dev.keybridge.cli.output.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code keys rotate NAME}: a new version with the same type, size and operations. */
@Command(
    name = "rotate",
    mixinStandardHelpOptions = true,
    description = "Rotate a key now: a new version with the same type, size and operations.")
final class KeyRotateCommand extends KeyCommand {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  protected int run(Output out) {
    return printKey(out, manager().rotateKey(name));
  }
}
