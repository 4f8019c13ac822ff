package dev.keybridge.cli.keys;

import dev.keybridge.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code keybridge keys ...}: key management. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Create, inspect, back up, rotate and release vault keys.",
    subcommands = {
      KeyCreateCommand.class,
      KeyImportCommand.class,
      KeyShowCommand.class,
      KeyListCommand.class,
      KeyVersionsCommand.class,
      KeyUpdateCommand.class,
      KeyDeleteCommand.class,
      KeyDeletedCommand.class,
      KeyRecoverCommand.class,
      KeyPurgeCommand.class,
      KeyBackupCommand.class,
      KeyRestoreCommand.class,
      KeyRotateCommand.class,
      KeyRotationPolicyCommand.class,
      KeyReleaseCommand.class
    })
public final class KeysCommand extends GroupCommand {}
