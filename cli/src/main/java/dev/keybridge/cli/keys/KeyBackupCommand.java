package dev.keybridge.cli.keys;

import dev.keybridge.cli.CliException;
import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.LocalFiles;
import dev.keybridge.cli.VaultCommand;
import dev.keybridge.cli.output.Output;
import dev.keybridge.cli.output.Progress;
import dev.keybridge.cli.output.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keys backup NAME --out FILE} or {@code keys backup --all --out DIR}: each key's backup
 * blob (all versions) written atomically; with {@code --all} one {@code NAME.keybackup} per key.
 */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
      "Back up a key (all versions) into FILE, or every key into DIR/NAME.keybackup with --all.",
      "Files are written atomically: an interrupted backup never leaves a truncated file."
    })
final class KeyBackupCommand extends VaultCommand {
  /** File name suffix of {@code --all} backups. */
  static final String SUFFIX = ".keybackup";

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Key to back up.")
  String name;

  @Option(names = "--all", description = "Back up every key of the vault into the folder --out.")
  boolean all;

  @Option(
      names = {"-o", "--out"},
      required = true,
      paramLabel = "FILE|DIR",
      description = "Backup file (one key) or folder (--all).")
  Path out;

  @Option(names = "--force", description = "Replace existing backup files.")
  boolean force;

  @Override
  protected int run(Output output) {
    if (all == (name != null)) {
      throw CliException.usage("give either a key NAME or --all");
    }
    List<Map<String, Object>> written = new ArrayList<>();
    if (!all) {
      written.add(backup(name, out));
    } else {
      if (Files.exists(out) && !Files.isDirectory(out)) {
        throw CliException.file(out + " is not a folder (--all writes one file per key)", null);
      }
      Progress progress = output.progress();
      List<String> names = new ArrayList<>();
      List<String> managed = new ArrayList<>();
      for (var key : progress.listed(manager().listKeys().iterator(), key -> key)) {
        // a certificate's key is backed up with its certificate; the vault refuses it here
        (Boolean.TRUE.equals(key.isManaged()) ? managed : names).add(key.getName());
      }
      if (!managed.isEmpty()) {
        output.note(
            "skipped "
                + managed.size()
                + " key(s) that back certificates (the vault backs them up with the certificate): "
                + String.join(", ", managed));
      }
      for (int i = 0; i < names.size(); i++) {
        progress.step("backing up", i + 1, names.size(), names.get(i));
        written.add(backup(names.get(i), out.resolve(names.get(i) + SUFFIX)));
      }
      progress.done();
    }
    if (output.json()) {
      output.printJson(all ? written : written.get(0));
    } else {
      Table table = new Table("KEY", "BYTES", "FILE");
      for (Map<String, Object> file : written) {
        table.row(file.get("name"), file.get("bytes"), file.get("file"));
      }
      table.print(output.out());
    }
    return ExitCode.OK;
  }

  /** Backs {@code key} up into {@code file}: shape {@code {name, file, bytes}}. */
  private Map<String, Object> backup(String key, Path file) {
    if (!force && Files.exists(file)) {
      throw CliException.file(file + " already exists (use --force to replace it)", null);
    }
    byte[] blob = manager().backupKey(key);
    LocalFiles.write(file, blob, force);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", key);
    json.put("file", file.toAbsolutePath().toString());
    json.put("bytes", blob.length);
    return json;
  }
}
