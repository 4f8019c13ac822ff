package dev.keybridge.cli;

import dev.keybridge.cli.output.Output;
import dev.keybridge.management.KeyVaultClients;
import dev.keybridge.management.KeyVaultManager;
import dev.keybridge.management.config.KeyVaultConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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

  private static boolean isUrl(String text) {
    String lower = text.trim().toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
  }

  /**
   * A {@code --config} that is missing, a folder, unreadable or binary is named with its reason.
   */
  private static void checkConfigFile(Path file) {
    if (Files.isDirectory(file)) {
      Path inside = file.resolve("keybridge.properties");
      throw CliException.config(
          "configuration file "
              + file
              + " is a folder, not a properties file"
              + (Files.isRegularFile(inside) ? "; did you mean --config " + inside + "?" : ""),
          null);
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Files.readAllBytes(file)));
    } catch (CharacterCodingException e) {
      throw CliException.config(
          "configuration file "
              + file
              + " is not a properties file: "
              + FileReason.of(e, file)
              + " (expected key=value lines such as those 'keybridge serve' writes)",
          e);
    } catch (IOException e) {
      throw new CliException(
          ExitCode.CONFIG,
          "cannot read configuration file " + file + ": " + FileReason.of(e, file),
          e);
    }
  }

  /** Loads the configuration the options name (see {@link #config()}). */
  public static KeyVaultConfig loadConfig(VaultOptions options) {
    if (options.vaultUrl() != null && !isUrl(options.vaultUrl())) {
      throw CliException.usage(
          "--vault "
              + options.vaultUrl()
              + ": not a vault URL (expected https://NAME.vault.azure.net or the URL 'keybridge"
              + " serve' prints; a properties file goes to --config)");
    }
    try {
      if (options.configFile() != null) {
        checkConfigFile(options.configFile());
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
