package dev.keybridge.cli.secrets;

import dev.keybridge.cli.output.Output;
import dev.keybridge.management.secrets.SecretOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets update NAME [--version V] ...}: changes only the properties given. */
@Command(
    name = "update",
    description =
        "Change a secret version's properties (not its value: 'secrets set' makes a new version);"
            + " only what is given changes.")
final class SecretUpdateCommand extends SecretCommand {
  @Mixin dev.keybridge.cli.HelpOption help;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(
      names = "--version",
      paramLabel = "V",
      description = "Version to change (default: latest).")
  String version;

  @ArgGroup(exclusive = false, heading = "Properties:%n")
  SecretPropertyOptions properties = new SecretPropertyOptions();

  @ArgGroup(exclusive = true)
  Enablement enablement;

  /** --enable or --disable. */
  static final class Enablement {
    @Option(names = "--enable", description = "Enable the version.")
    boolean enable;

    @Option(names = "--disable", description = "Disable the version (reading it is refused).")
    boolean disable;
  }

  @Override
  protected int run(Output out) {
    SecretOptions.Builder changes = properties.builder();
    if (enablement != null) {
      changes.enabled(enablement.enable);
    }
    SecretOptions built = SecretPropertyOptions.build(changes);
    if (built.isEmpty()) {
      throw dev.keybridge.cli.CliException.usage(
          "give at least one property to change (see --help)");
    }
    return printInfo(out, secrets().updateSecretProperties(name, version, built));
  }
}
