package dev.keybridge.cli.keys;

import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.VaultCommand;
import dev.keybridge.cli.output.Output;
import dev.keybridge.management.keys.KeyBundle;

/** A key command whose result is one key: printed as details, or the key JSON shape. */
abstract class KeyCommand extends VaultCommand {
  /** Prints {@code key} in the chosen format and returns {@link ExitCode#OK}. */
  static int printKey(Output out, KeyBundle key) {
    if (out.json()) {
      out.printJson(KeyViews.key(key));
    } else {
      KeyViews.printKey(out.out(), KeyViews.key(key));
    }
    return ExitCode.OK;
  }
}
