package dev.keybridge.cli.secrets;

import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.output.Output;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code secrets purge NAME}: permanently removes a deleted secret. */
@Command(
    name = "purge",
    description = "Permanently remove a deleted secret (refused by a vault with purge protection).")
final class SecretPurgeCommand extends SecretCommand {
  @Mixin dev.keybridge.cli.HelpOption help;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  protected int run(Output out) {
    secrets().purgeDeletedSecret(name);
    if (out.json()) {
      out.printJson(Map.of("name", name, "purged", true));
    } else {
      out.println("purged secret " + name);
    }
    return ExitCode.OK;
  }
}
