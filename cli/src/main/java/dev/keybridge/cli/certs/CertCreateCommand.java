package dev.keybridge.cli.certs;

import dev.keybridge.cli.output.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code certs create NAME --subject ...}: a self-signed certificate. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Create a self-signed certificate (its key stays in the vault). Prints it.")
final class CertCreateCommand extends CertCommand {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Mixin CertificateRequestOptions request;

  @Override
  protected int run(Output out) {
    return printCertificate(
        out, manager().certificates().createSelfSignedCertificate(name, request.toRequest()));
  }
}
