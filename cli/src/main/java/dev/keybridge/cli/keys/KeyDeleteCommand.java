package dev.keybridge.cli.keys;

import com.azure.security.keyvault.keys.models.DeletedKey;
import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.VaultCommand;
import dev.keybridge.cli.output.Output;
import dev.keybridge.cli.output.Values;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code keys delete NAME}: soft-deletes every version and waits until the vault is done. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description =
        "Delete a key (all versions). It stays recoverable ('keys recover') until its purge"
            + " date, or until 'keys purge'.")
final class KeyDeleteCommand extends VaultCommand {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  protected int run(Output out) {
    DeletedKey deleted = manager().deleteKey(name);
    if (out.json()) {
      out.printJson(KeyViews.deletedKey(deleted));
    } else {
      out.println(
          "deleted key "
              + name
              + (deleted.getScheduledPurgeDate() == null
                  ? ""
                  : "; recoverable until " + Values.time(deleted.getScheduledPurgeDate()))
              + " (keybridge keys recover "
              + name
              + ")");
    }
    return ExitCode.OK;
  }
}
