package dev.keybridge.cli.secrets;

import com.azure.security.keyvault.secrets.models.DeletedSecret;
import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.output.Output;
import dev.keybridge.cli.output.Values;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code secrets delete NAME}: soft-deletes every version and waits until the vault is done. */
@Command(
    name = "delete",
    description =
        "Delete a secret (all versions). It stays recoverable ('secrets recover') until its purge"
            + " date, or until 'secrets purge'.")
final class SecretDeleteCommand extends SecretCommand {
  @Mixin dev.keybridge.cli.HelpOption help;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  protected int run(Output out) {
    DeletedSecret deleted = secrets().deleteSecret(name);
    if (out.json()) {
      out.printJson(SecretViews.deleted(deleted));
    } else {
      out.println(
          "deleted secret "
              + name
              + (deleted.getScheduledPurgeDate() == null
                  ? ""
                  : "; recoverable until " + Values.time(deleted.getScheduledPurgeDate()))
              + " (keybridge secrets recover "
              + name
              + ")");
    }
    return ExitCode.OK;
  }
}
