package dev.keybridge.cli.certs;

import dev.keybridge.cli.CliException;
import dev.keybridge.cli.output.Output;
import dev.keybridge.management.certificates.CertificateChains;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code certs merge NAME --chain FILE}: completes a pending certificate with the CA's chain. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description =
        "Complete a pending certificate ('certs csr') with the CA-signed chain. Prints it.")
final class CertMergeCommand extends CertCommand {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(
      names = "--chain",
      required = true,
      paramLabel = "FILE",
      description = "PEM file with the signed certificate first, then its issuers.")
  Path chainFile;

  @Override
  protected int run(Output out) {
    List<X509Certificate> chain;
    String pem;
    try {
      pem = Files.readString(chainFile);
    } catch (IOException e) {
      throw CliException.file("read certificates from", chainFile, e);
    }
    try {
      chain = CertificateChains.fromPem(pem);
    } catch (IllegalArgumentException e) {
      throw CliException.file(
          "cannot read certificates from " + chainFile + ": " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw CliException.file(chainFile + " holds no PEM certificate", null);
    }
    return printCertificate(out, manager().certificates().mergeCertificate(name, chain));
  }
}
