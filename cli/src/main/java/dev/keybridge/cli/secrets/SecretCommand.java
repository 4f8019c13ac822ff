package dev.keybridge.cli.secrets;

import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.VaultCommand;
import dev.keybridge.cli.output.Output;
import dev.keybridge.management.SecretManager;
import dev.keybridge.management.secrets.SecretInfo;

/** A secrets command: the facade, and one secret's properties printed (never its value). */
abstract class SecretCommand extends VaultCommand {
  /** The secrets facade over the shared clients of the configuration. */
  protected SecretManager secrets() {
    return manager().secrets();
  }

  /** Prints {@code info} as details or JSON and returns {@link ExitCode#OK}. */
  static int printInfo(Output out, SecretInfo info) {
    if (out.json()) {
      out.printJson(SecretViews.info(info));
    } else {
      SecretViews.details(info).print(out.out());
    }
    return ExitCode.OK;
  }
}
