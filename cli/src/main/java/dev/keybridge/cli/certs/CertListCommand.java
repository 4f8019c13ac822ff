package dev.keybridge.cli.certs;

import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.VaultCommand;
import dev.keybridge.cli.output.Output;
import dev.keybridge.cli.output.Table;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code certs list}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the certificates of the vault (latest versions).")
final class CertListCommand extends VaultCommand {
  @Override
  protected int run(Output out) {
    List<Map<String, Object>> items =
        out.progress()
            .listed(manager().certificates().listCertificates().iterator(), CertificateViews::item);
    if (out.json()) {
      out.printJson(items);
      return ExitCode.OK;
    }
    Table table = new Table("NAME", "ENABLED", "NOT BEFORE", "EXPIRES", "THUMBPRINT");
    for (Map<String, Object> item : items) {
      table.row(
          item.get("name"),
          item.get("enabled"),
          item.get("notBefore"),
          item.get("expiresOn"),
          item.get("thumbprint"));
    }
    table.print(out.out());
    return ExitCode.OK;
  }
}
