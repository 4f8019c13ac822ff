package dev.keybridge.cli.doctor;

import dev.keybridge.management.config.KeyVaultConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where the client secret lives: a configuration file holding it must be private to the user, and
 * local vaults should get their extra clients from {@code serve --clients-file} rather than {@code
 * --client ID:SECRET:ROLE}, which shows the secret in the process list.
 */
final class SecretStorageCheck {
  static final String CLIENTS_ADVICE =
      "start the local vault with 'serve --clients-file FILE' (one ID:SECRET:ROLE per line, chmod"
          + " 600) or KEYBRIDGE_CLIENTS instead of --client ID:SECRET:ROLE, which shows secrets in"
          + " the process list";

  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE);

  private SecretStorageCheck() {}

  /** The check, or null when there is nothing to say (no secret, not a local vault). */
  static CheckResult run(Path configFile, KeyVaultConfig config) {
    boolean secretInFile = configFile != null && config.clientSecret().isPresent();
    if (secretInFile) {
      try {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(configFile);
        Set<PosixFilePermission> shared = EnumSet.copyOf(perms);
        shared.retainAll(OTHERS);
        if (!shared.isEmpty()) {
          return CheckResult.warning(
              "secrets",
              configFile
                  + " holds a client secret and is readable or writable by others (mode "
                  + PosixFilePermissions.toString(perms)
                  + ")",
              "chmod 600 " + configFile + (config.isLoopbackVault() ? "; " + CLIENTS_ADVICE : ""));
        }
      } catch (UnsupportedOperationException | IOException e) {
        // no POSIX permissions here (Windows): nothing to check
      }
    }
    if (config.isLoopbackVault()) {
      return CheckResult.ok(
          "secrets",
          (secretInFile ? "the configuration file is private; " : "")
              + "local vault: "
              + CLIENTS_ADVICE);
    }
    return secretInFile ? CheckResult.ok("secrets", "the configuration file is private") : null;
  }
}
