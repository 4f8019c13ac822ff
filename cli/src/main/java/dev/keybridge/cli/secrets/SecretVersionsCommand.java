package dev.keybridge.cli.secrets;

import dev.keybridge.cli.output.Output;
import dev.keybridge.management.secrets.SecretInfo;
import java.time.Instant;
import java.util.Comparator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code secrets versions NAME}: every version, oldest first (no values). */
@Command(name = "versions", description = "List every version of a secret, oldest first.")
final class SecretVersionsCommand extends SecretCommand {
  @Mixin dev.keybridge.cli.HelpOption help;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  protected int run(Output out) {
    return SecretListCommand.printList(
        out,
        secrets()
            .listSecretVersions(name)
            .sorted(
                Comparator.comparing(
                    SecretInfo::createdOn,
                    Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))));
  }
}
