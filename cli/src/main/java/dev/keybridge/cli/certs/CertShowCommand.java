package dev.keybridge.cli.certs;

import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.output.Output;
import dev.keybridge.management.certificates.VaultCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code certs show NAME [--version V] [--pem]}. */
@Command(
    name = "show",
    description = "Show a certificate: subject, issuer, validity, SANs, thumbprint, key id.")
final class CertShowCommand extends CertCommand {
  @Mixin dev.keybridge.cli.HelpOption help;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--version", paramLabel = "V", description = "A version (default: latest).")
  String version;

  @Option(names = "--pem", description = "Print only the certificate (PEM).")
  boolean pemOnly;

  @Override
  protected int run(Output out) {
    VaultCertificate certificate =
        version == null
            ? manager().certificates().getCertificate(name)
            : manager().certificates().getCertificate(name, version);
    if (pemOnly) {
      out.out().print(CertificateViews.pem(certificate.x509Certificate()));
      out.out().flush();
      return ExitCode.OK;
    }
    return printCertificate(out, certificate);
  }
}
