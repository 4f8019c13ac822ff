package dev.keybridge.cli.secrets;

import dev.keybridge.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code keybridge secrets ...}: secret management. Values never come from or go to argv. */
@Command(
    name = "secrets",
    mixinStandardHelpOptions = true,
    description = {
      "Set, show, list, update, delete, back up and restore vault secrets.",
      "Values are read from a file or stdin, never from the command line, and printed only with"
          + " 'show --reveal'."
    },
    subcommands = {
      SecretSetCommand.class,
      SecretShowCommand.class,
      SecretListCommand.class,
      SecretVersionsCommand.class,
      SecretUpdateCommand.class,
      SecretDeleteCommand.class,
      SecretDeletedCommand.class,
      SecretRecoverCommand.class,
      SecretPurgeCommand.class,
      SecretBackupCommand.class,
      SecretRestoreCommand.class
    })
public final class SecretsCommand extends GroupCommand {}
