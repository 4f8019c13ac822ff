package dev.keybridge.cli.keys;

import com.azure.security.keyvault.keys.models.KeyOperation;
import dev.keybridge.cli.Arguments;
import dev.keybridge.cli.CliException;
import dev.keybridge.cli.output.Output;
import dev.keybridge.management.keys.KeyUpdate;
import dev.keybridge.management.keys.ReleasePolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keys update NAME ...}: changes only the properties given. */
@Command(
    name = "update",
    description = "Change a key version's properties; only what is given changes. Prints the key.")
final class KeyUpdateCommand extends KeyCommand {
  @Mixin dev.keybridge.cli.HelpOption help;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(
      names = "--version",
      paramLabel = "V",
      description = "Version to change (default: latest).")
  String version;

  @ArgGroup(exclusive = true)
  Enablement enablement;

  /** --enable or --disable. */
  static final class Enablement {
    @Option(names = "--enable", description = "Enable the key.")
    boolean enable;

    @Option(names = "--disable", description = "Disable the key (every operation is refused).")
    boolean disable;
  }

  @Option(
      names = "--not-before",
      paramLabel = "TIME",
      converter = Arguments.TimeConverter.class,
      description = "New not-before time.")
  Instant notBefore;

  @Option(
      names = "--expires",
      paramLabel = "TIME",
      converter = Arguments.TimeConverter.class,
      description = "New expiry (2027-01-31T12:00:00Z, 2027-01-31, P1Y, 365d).")
  Instant expires;

  @Option(
      names = "--tag",
      paramLabel = "NAME=VALUE",
      description = "Replace ALL tags with these; repeatable.")
  Map<String, String> tags;

  @Option(names = "--clear-tags", description = "Remove every tag.")
  boolean clearTags;

  @Option(
      names = "--ops",
      split = ",",
      paramLabel = "OP",
      converter = Arguments.OperationConverter.class,
      description = "Replace the permitted operations, e.g. sign,verify.")
  List<KeyOperation> operations;

  @Option(
      names = "--release-policy",
      paramLabel = "FILE",
      description = "Replace the release policy (exportable keys) with the JSON in FILE.")
  Path releasePolicy;

  @Override
  protected int run(Output out) {
    KeyUpdate.Builder update = KeyUpdate.builder();
    if (enablement != null) {
      update.enabled(enablement.enable);
    }
    if (notBefore != null) {
      update.notBefore(notBefore);
    }
    if (expires != null) {
      update.expiresOn(expires);
    }
    if (clearTags && tags != null) {
      throw CliException.usage("--clear-tags and --tag exclude each other");
    }
    if (clearTags) {
      update.tags(new LinkedHashMap<>());
    } else if (tags != null) {
      update.tags(tags);
    }
    if (operations != null) {
      update.operations(operations.toArray(KeyOperation[]::new));
    }
    if (releasePolicy != null) {
      update.releasePolicy(ReleasePolicy.of(NewKeyOptions.readPolicy(releasePolicy)));
    }
    KeyUpdate change;
    try {
      change = update.build();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage() + " (see --help)");
    }
    return printKey(out, manager().updateKeyProperties(name, version, change));
  }
}
