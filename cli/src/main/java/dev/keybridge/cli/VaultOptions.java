package dev.keybridge.cli;

import dev.keybridge.cli.output.Output;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every vault command takes: where the configuration comes from and how results are
 * printed. Mixed into each command so they may appear after the command name ({@code keybridge keys
 * list --json}).
 */
public final class VaultOptions {
  private final boolean stderrIsTerminal;

  /**
   * @param stderrIsTerminal whether stderr is an interactive terminal (progress is then shown)
   */
  public VaultOptions(boolean stderrIsTerminal) {
    this.stderrIsTerminal = stderrIsTerminal;
  }

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description =
          "keybridge.properties to read (e.g. the one 'keybridge serve' writes). Default: the"
              + " keybridge.* system properties and KEYBRIDGE_*/AZURE_* environment variables.")
  Path configFile;

  @Option(
      names = "--vault",
      paramLabel = "URL",
      description = "Vault URL, overriding keybridge.vault.url / AZURE_KEYVAULT_URL.")
  String vaultUrl;

  @Option(names = "--json", description = "Print the result as JSON (shapes: docs/cli.md).")
  boolean json;

  @Option(
      names = "--progress",
      description = "Show progress on stderr even when it is not a terminal.")
  boolean progress;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  /** The configuration file given with {@code --config}, or null. */
  public Path configFile() {
    return configFile;
  }

  /** The {@code --vault} override, or null. */
  public String vaultUrl() {
    return vaultUrl;
  }

  public boolean verbose() {
    return verbose;
  }

  /** The output of the command this mixin belongs to. */
  public Output output() {
    return new Output(
        mixee.commandLine().getOut(),
        mixee.commandLine().getErr(),
        json,
        progress,
        stderrIsTerminal);
  }
}
