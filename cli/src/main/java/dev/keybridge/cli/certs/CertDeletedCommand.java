package dev.keybridge.cli.certs;

import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.output.Output;
import dev.keybridge.cli.output.Table;
import java.util.List;
import java.util.Map;
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
    List<Map<String, Object>> items =
        out.progress()
            .listed(
                manager().certificates().listDeletedCertificates().iterator(),
                CertificateViews::deleted);
    if (out.json()) {
      out.printJson(items);
      return ExitCode.OK;
    }
    Table table = new Table("NAME", "DELETED", "PURGE DATE", "RECOVERY ID");
    for (Map<String, Object> item : items) {
      table.row(
          item.get("name"),
          item.get("deletedOn"),
          item.get("scheduledPurgeDate"),
          item.get("recoveryId"));
    }
    table.print(out.out());
    return ExitCode.OK;
  }
}
