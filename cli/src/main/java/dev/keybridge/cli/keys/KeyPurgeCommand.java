package dev.keybridge.cli.keys;

import dev.keybridge.cli.SoftDeletes;
import dev.keybridge.cli.VaultCommand;
import dev.keybridge.cli.output.Output;
import dev.keybridge.management.KeyVaultException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code keys purge NAME}: permanently removes a deleted key. */
@Command(
    name = "purge",
    mixinStandardHelpOptions = true,
    description = "Permanently remove a DELETED key. This cannot be undone (keep a backup).")
final class KeyPurgeCommand extends VaultCommand {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  protected int run(Output out) {
    try {
      manager().purgeDeletedKey(name);
    } catch (KeyVaultException e) {
      throw SoftDeletes.purgeFailure(e, "key", name, () -> manager().getKey(name));
    }
    return SoftDeletes.printPurged(out, "key", name);
  }
}
