package dev.keybridge.cli.keys;

import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.VaultCommand;
import dev.keybridge.cli.output.Output;
import dev.keybridge.cli.output.Table;
import dev.keybridge.cli.output.Values;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code keys list}: every key (latest version), fetched page by page. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the keys of the vault (latest versions; deleted keys: 'keys deleted').")
final class KeyListCommand extends VaultCommand {
  @Override
  protected int run(Output out) {
    printItems(out, out.progress().listed(manager().listKeys().iterator(), KeyViews::item));
    return ExitCode.OK;
  }

  /** The list table: NAME, ENABLED, EXPIRES, UPDATED, MANAGED, TAGS; or the JSON array. */
  static void printItems(Output out, List<Map<String, Object>> items) {
    if (out.json()) {
      out.printJson(items);
      return;
    }
    Table table = new Table("NAME", "ENABLED", "EXPIRES", "UPDATED", "MANAGED", "TAGS");
    for (Map<String, Object> item : items) {
      table.row(
          item.get("name"),
          item.get("enabled"),
          item.get("expiresOn"),
          item.get("updatedOn"),
          item.get("managed"),
          tagsOf(item));
    }
    table.print(out.out());
  }

  @SuppressWarnings("unchecked")
  static String tagsOf(Map<String, Object> item) {
    return Values.tagsText((Map<String, String>) item.get("tags"));
  }
}
