package dev.keybridge.cli.keys;

import dev.keybridge.cli.CliException;
import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.output.Output;
import dev.keybridge.management.keys.KeyBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keys show NAME [--version V] [--public-key]}. */
@Command(
    name = "show",
    description = "Show a key: type, size or curve, operations, dates, tags and public key.")
final class KeyShowCommand extends KeyCommand {
  @Mixin dev.keybridge.cli.HelpOption help;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--version", paramLabel = "V", description = "A key version (default: latest).")
  String version;

  @Option(
      names = "--public-key",
      description = "Print only the public key (PEM), e.g. to verify signatures with openssl.")
  boolean publicKeyOnly;

  @Override
  protected int run(Output out) {
    KeyBundle key = manager().getKey(name, version);
    if (publicKeyOnly) {
      String pem = KeyViews.publicKeyPem(key.sdkKey().getKey());
      if (pem == null) {
        throw new CliException(
            ExitCode.VAULT_ERROR,
            "key " + name + " is a " + key.keyType() + " key: it has no public key");
      }
      out.out().print(pem);
      out.out().flush();
      return ExitCode.OK;
    }
    return printKey(out, key);
  }
}
