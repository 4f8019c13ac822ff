package dev.keybridge.cli.secrets;

import dev.keybridge.cli.output.Output;
import dev.keybridge.management.secrets.SecretOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets set NAME --value-file FILE|--value-stdin [properties]}: a new version. */
@Command(
    name = "set",
    description = {
      "Store a new version of a secret, the value read from a file or stdin (never from the"
          + " command line). Prints the new version's properties, not the value.",
      "Example: printf %s \"$PASSWORD\" | keybridge secrets set db-password --value-stdin"
    })
final class SecretSetCommand extends SecretCommand {
  @Mixin dev.keybridge.cli.HelpOption help;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Mixin SecretValueSource value;

  @ArgGroup(exclusive = false, heading = "Properties:%n")
  SecretPropertyOptions properties = new SecretPropertyOptions();

  @Option(names = "--disabled", description = "Store the version disabled.")
  boolean disabled;

  @Override
  protected int run(Output out) {
    String secretValue = value.read(System.in);
    SecretOptions.Builder options = properties.builder();
    if (disabled) {
      options.enabled(false);
    }
    return printInfo(
        out, secrets().setSecret(name, secretValue, SecretPropertyOptions.build(options)).info());
  }
}
