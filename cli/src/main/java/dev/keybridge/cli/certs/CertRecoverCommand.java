package dev.keybridge.cli.certs;

import dev.keybridge.cli.output.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code certs recover NAME}. */
@Command(
    name = "recover",
    mixinStandardHelpOptions = true,
    description = "Recover a deleted certificate (with its key and secret). Prints it.")
final class CertRecoverCommand extends CertCommand {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  protected int run(Output out) {
    return printCertificate(out, manager().certificates().recoverDeletedCertificate(name));
  }
}
