package dev.keybridge.cli.secrets;

import dev.keybridge.cli.CliException;
import dev.keybridge.cli.output.Output;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code secrets restore FILE}: restores a secret, every version, from a backup file. */
@Command(
    name = "restore",
    description =
        "Restore a secret with all its versions from a backup file ('secrets backup'). The name"
            + " comes from the backup and must be free (not even deleted).")
final class SecretRestoreCommand extends SecretCommand {
  @Mixin dev.keybridge.cli.HelpOption help;

  @Parameters(index = "0", paramLabel = "FILE")
  Path file;

  @Override
  protected int run(Output out) {
    byte[] blob;
    try {
      blob = Files.readAllBytes(file);
    } catch (IOException e) {
      throw CliException.file("cannot read backup file " + file + ": " + e.getMessage(), e);
    }
    if (blob.length == 0) {
      throw CliException.file(file + " is empty: not a secret backup", null);
    }
    return printInfo(out, secrets().restoreSecretBackup(blob));
  }
}
