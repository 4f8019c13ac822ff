package dev.keybridge.cli.secrets;

import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.output.Output;
import dev.keybridge.cli.output.Table;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code secrets deleted}: the deleted secrets with their purge dates. */
@Command(name = "deleted", description = "List deleted secrets and when they will be purged.")
final class SecretDeletedCommand extends SecretCommand {
  @Mixin dev.keybridge.cli.HelpOption help;

  @Override
  protected int run(Output out) {
    List<Map<String, Object>> rows =
        secrets().listDeletedSecrets().map(SecretViews::deleted).toList();
    if (out.json()) {
      out.printJson(rows);
      return ExitCode.OK;
    }
    Table table = new Table("NAME", "DELETED", "PURGE-DATE", "RECOVERY-LEVEL");
    for (Map<String, Object> r : rows) {
      table.row(
          r.get("name"), r.get("deletedOn"), r.get("scheduledPurgeDate"), r.get("recoveryLevel"));
    }
    table.print(out.out());
    return ExitCode.OK;
  }
}
