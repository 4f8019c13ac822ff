package dev.keybridge.cli.certs;

import dev.keybridge.cli.SoftDeletes;
import dev.keybridge.cli.output.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code certs deleted [NAME]}: the deleted certificates, or one of them. */
@Command(
    name = "deleted",
    mixinStandardHelpOptions = true,
    description = "List deleted (recoverable) certificates, or show one deleted certificate.")
final class CertDeletedCommand extends CertCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
  String name;

  @Override
  protected int run(Output out) {
    if (name != null) {
      return printCertificate(
          out, CertificateViews.deleted(manager().certificates().getDeletedCertificate(name)));
    }
    return SoftDeletes.printDeleted(
        out,
        out.progress()
            .listed(
                manager().certificates().listDeletedCertificates().iterator(),
                CertificateViews::deleted));
  }
}
