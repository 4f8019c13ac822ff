package dev.keybridge.cli.certs;

import dev.keybridge.cli.SoftDeletes;
import dev.keybridge.cli.VaultCommand;
import dev.keybridge.cli.output.Output;
import dev.keybridge.management.KeyVaultException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code certs purge NAME}: permanently removes a deleted certificate with its key and secret. */
@Command(
    name = "purge",
    mixinStandardHelpOptions = true,
    description =
        "Permanently remove a DELETED certificate with its key and secret. This cannot be undone.")
final class CertPurgeCommand extends VaultCommand {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  protected int run(Output out) {
    try {
      manager().certificates().purgeDeletedCertificate(name);
    } catch (KeyVaultException e) {
      throw SoftDeletes.purgeFailure(
          e, "certificate", name, () -> manager().certificates().getCertificate(name));
    }
    return SoftDeletes.printPurged(out, "certificate", name);
  }
}
