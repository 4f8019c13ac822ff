package dev.keybridge.cli.keys;

import dev.keybridge.cli.LocalFiles;
import dev.keybridge.cli.output.Output;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code keys restore FILE}: restores a key, every version, from a backup file. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Restore a key with all its versions from a backup file ('keys backup' or 'az keyvault key"
          + " backup'). The name comes from the backup and must be free (not even deleted).",
      "A file that is not a key backup is refused before anything is sent."
    })
final class KeyRestoreCommand extends KeyCommand {
  @Parameters(index = "0", paramLabel = "FILE")
  Path file;

  @Override
  protected int run(Output out) {
    byte[] blob = LocalFiles.read(file);
    return printKey(out, manager().restoreKeyBackup(blob));
  }
}
