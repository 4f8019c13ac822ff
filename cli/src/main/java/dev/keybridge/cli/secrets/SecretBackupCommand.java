package dev.keybridge.cli.secrets;

import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.LocalFiles;
import dev.keybridge.cli.output.Output;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets backup NAME --out FILE}: the vault's sealed backup blob, written atomically. */
@Command(
    name = "backup",
    description =
        "Back up a secret (all versions) into FILE: the vault's opaque, sealed blob, written"
            + " atomically.")
final class SecretBackupCommand extends SecretCommand {
  @Mixin dev.keybridge.cli.HelpOption help;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(
      names = {"-o", "--out"},
      required = true,
      paramLabel = "FILE",
      description = "Backup file.")
  Path out;

  @Option(names = "--force", description = "Replace an existing file.")
  boolean force;

  @Override
  protected int run(Output output) {
    if (!force && java.nio.file.Files.exists(out)) {
      throw dev.keybridge.cli.CliException.file(
          out + " already exists (use --force to replace it)", null);
    }
    byte[] blob = secrets().backupSecret(name);
    LocalFiles.write(out, blob, force);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("file", out.toAbsolutePath().toString());
    json.put("bytes", blob.length);
    if (output.json()) {
      output.printJson(json);
    } else {
      output.println("backed up secret " + name + " into " + out.toAbsolutePath());
    }
    return ExitCode.OK;
  }
}
