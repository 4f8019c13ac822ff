package dev.keybridge.cli.secrets;

import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.output.Output;
import dev.keybridge.management.secrets.VaultSecret;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets show NAME [--version V] [--reveal]}. */
@Command(
    name = "show",
    description = {
      "Show a secret version's properties. The value is printed only with --reveal: alone on"
          + " stdout (exactly as stored), or as \"value\" with --json."
    })
final class SecretShowCommand extends SecretCommand {
  @Mixin dev.keybridge.cli.HelpOption help;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--version", paramLabel = "V", description = "A version (default: latest).")
  String version;

  @Option(names = "--reveal", description = "Print the secret value.")
  boolean reveal;

  @Override
  protected int run(Output out) {
    VaultSecret secret = secrets().getSecret(name, version);
    if (!reveal) {
      return printInfo(out, secret.info());
    }
    if (out.json()) {
      Map<String, Object> shape = SecretViews.info(secret.info());
      shape.put("value", secret.value());
      out.printJson(shape);
    } else {
      out.out().print(secret.value());
      out.out().flush();
    }
    return ExitCode.OK;
  }
}
