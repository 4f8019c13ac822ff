package dev.keybridge.cli;

import dev.keybridge.cli.output.Output;
import dev.keybridge.management.KeyVaultClients;
import dev.keybridge.management.KeyVaultManager;
import dev.keybridge.management.config.KeyVaultConfig;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to a vault: reads the configuration from {@code --config}/{@code --vault} or
 * the environment, prints through {@link Output}. Failures propagate to {@link ErrorReport}.
 */
public abstract class VaultCommand implements Callable<Integer> {
  @Mixin protected VaultOptions options;

  @Spec protected CommandSpec spec;

  private KeyVaultConfig config;
  private KeyVaultManager manager;

  @Override
  public final Integer call() throws Exception {
    return run(options.output());
  }

  /** Does the work and returns the exit code. */
  protected abstract int run(Output out) throws Exception;

  /**
   * The configuration: {@code --config FILE} if given, else {@code keybridge.*} system properties
   * and the environment; {@code --vault} overrides the URL of either.
   *
   * @throws CliException with exit code {@link ExitCode#CONFIG} when it is missing or invalid
   */
  protected KeyVaultConfig config() {
    if (config == null) {
      config = loadConfig(options);
    }
    return config;
  }

  /**
   * The facade over the shared clients of {@link #config()}.
   *
   * @throws CliException with exit code {@link ExitCode#CONFIG} when the clients cannot be built
   *     (e.g. an unreadable CA file)
   */
  protected KeyVaultManager manager() {
    if (manager == null) {
      KeyVaultConfig loaded = config();
      try {
        manager = new KeyVaultManager(KeyVaultClients.of(loaded));
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw CliException.config("configuration: " + ErrorReport.oneLine(e.getMessage()), e);
      }
    }
    return manager;
  }

  /** Loads the configuration the options name (see {@link #config()}). */
  public static KeyVaultConfig loadConfig(VaultOptions options) {
    try {
      if (options.configFile() != null) {
        if (!Files.isRegularFile(options.configFile())) {
          throw CliException.config(
              "configuration file " + options.configFile() + " does not exist", null);
        }
        KeyVaultConfig fromFile = KeyVaultConfig.fromProperties(options.configFile());
        return options.vaultUrl() == null
            ? fromFile
            : fromFile.toBuilder().vaultUrl(options.vaultUrl()).build();
      }
      if (options.vaultUrl() != null) {
        return KeyVaultConfig.parse(options.vaultUrl());
      }
      return KeyVaultConfig.fromEnvironment();
    } catch (IllegalArgumentException | IllegalStateException e) {
      String source =
          options.configFile() != null
              ? options.configFile().toString()
              : "system properties/environment";
      String hint =
          options.configFile() == null && String.valueOf(e.getMessage()).contains("vault.url")
              ? " (or pass --config FILE / --vault URL)"
              : "";
      throw CliException.config(
          "configuration (" + source + "): " + ErrorReport.oneLine(e.getMessage()) + hint, e);
    }
  }
}
