package dev.keybridge.cli.keys;

import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.VaultCommand;
import dev.keybridge.cli.output.Output;
import dev.keybridge.cli.output.Table;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code keys versions NAME}: every version of a key, oldest first. */
@Command(
    name = "versions",
    mixinStandardHelpOptions = true,
    description = "List every version of a key, oldest first.")
final class KeyVersionsCommand extends VaultCommand {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  protected int run(Output out) {
    List<Map<String, Object>> versions =
        manager()
            .listKeyVersions(name)
            .map(KeyViews::item)
            // stable: versions created in the same second keep the vault's order
            .sorted(
                Comparator.comparing((Map<String, Object> v) -> String.valueOf(v.get("createdOn"))))
            .toList();
    if (out.json()) {
      out.printJson(versions);
      return ExitCode.OK;
    }
    Table table = new Table("VERSION", "ENABLED", "CREATED", "EXPIRES", "TAGS");
    for (Map<String, Object> v : versions) {
      table.row(
          v.get("version"),
          v.get("enabled"),
          v.get("createdOn"),
          v.get("expiresOn"),
          KeyListCommand.tagsOf(v));
    }
    table.print(out.out());
    return ExitCode.OK;
  }
}
