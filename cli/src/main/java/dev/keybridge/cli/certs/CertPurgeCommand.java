package dev.keybridge.cli.certs;

import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.NotDeletedHint;
import dev.keybridge.cli.VaultCommand;
import dev.keybridge.cli.output.Output;
import dev.keybridge.management.KeyVaultException;
import java.util.LinkedHashMap;
import java.util.Map;
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
      throw NotDeletedHint.check(
          e, "certificate", name, () -> manager().certificates().getCertificate(name));
    }
    if (out.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("name", name);
      json.put("purged", true);
      out.printJson(json);
    } else {
      out.println("purged certificate " + name);
    }
    return ExitCode.OK;
  }
}
