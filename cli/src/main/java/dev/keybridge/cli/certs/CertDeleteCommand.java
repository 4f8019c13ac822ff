package dev.keybridge.cli.certs;

import com.azure.security.keyvault.certificates.models.DeletedCertificate;
import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.VaultCommand;
import dev.keybridge.cli.output.Output;
import dev.keybridge.cli.output.Values;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code certs delete NAME}: soft-deletes the certificate with its key and secret. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Delete a certificate (with its key and secret); recoverable until purged.")
final class CertDeleteCommand extends VaultCommand {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  protected int run(Output out) {
    DeletedCertificate deleted = manager().certificates().deleteCertificate(name);
    if (out.json()) {
      out.printJson(CertificateViews.deleted(deleted));
    } else {
      out.println(
          "deleted certificate "
              + name
              + (deleted.getScheduledPurgeDate() == null
                  ? ""
                  : "; recoverable until " + Values.time(deleted.getScheduledPurgeDate()))
              + " (keybridge certs recover "
              + name
              + ")");
    }
    return ExitCode.OK;
  }
}
