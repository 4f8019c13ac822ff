package dev.keybridge.cli.keys;

import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.SoftDeletes;
import dev.keybridge.cli.VaultCommand;
import dev.keybridge.cli.output.Output;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code keys deleted [NAME]}: the deleted keys, or one of them. */
@Command(
    name = "deleted",
    mixinStandardHelpOptions = true,
    description = "List deleted (recoverable) keys, or show one deleted key.")
final class KeyDeletedCommand extends VaultCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
  String name;

  @Override
  protected int run(Output out) {
    if (name != null) {
      Map<String, Object> key = KeyViews.deletedKey(manager().getDeletedKey(name));
      if (out.json()) {
        out.printJson(key);
      } else {
        KeyViews.printKey(out.out(), key);
      }
      return ExitCode.OK;
    }
    return SoftDeletes.printDeleted(
        out, out.progress().listed(manager().listDeletedKeys().iterator(), KeyViews::deletedKey));
  }
}
