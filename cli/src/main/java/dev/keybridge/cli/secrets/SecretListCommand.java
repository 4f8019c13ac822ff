package dev.keybridge.cli.secrets;

import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.output.Output;
import dev.keybridge.cli.output.Table;
import dev.keybridge.cli.output.Values;
import dev.keybridge.management.secrets.SecretInfo;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code secrets list}: every secret's latest version (no values). */
@Command(
    name = "list",
    description = "List secrets (their latest version's properties, no values).")
final class SecretListCommand extends SecretCommand {
  @Mixin dev.keybridge.cli.HelpOption help;

  @Override
  protected int run(Output out) {
    return printList(out, secrets().listSecrets());
  }

  /** Prints secret properties as a table or a JSON array. */
  @SuppressWarnings("unchecked")
  static int printList(Output out, Stream<SecretInfo> infos) {
    List<Map<String, Object>> rows = infos.map(SecretViews::info).toList();
    if (out.json()) {
      out.printJson(rows);
      return ExitCode.OK;
    }
    Table table =
        new Table("NAME", "VERSION", "CONTENT-TYPE", "ENABLED", "EXPIRES", "MANAGED", "TAGS");
    for (Map<String, Object> r : rows) {
      table.row(
          r.get("name"),
          r.get("version"),
          r.get("contentType"),
          r.get("enabled"),
          r.get("expiresOn"),
          r.get("managed"),
          Values.tagsText((Map<String, String>) r.get("tags")));
    }
    table.print(out.out());
    return ExitCode.OK;
  }
}
