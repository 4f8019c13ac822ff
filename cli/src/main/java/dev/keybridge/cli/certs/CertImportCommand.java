package dev.keybridge.cli.certs;

import dev.keybridge.cli.CliException;
import dev.keybridge.cli.output.Output;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code certs import NAME --pkcs12 FILE | --pem FILE}. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Import a certificate with its private key (PKCS#12 or PEM). Prints it.")
final class CertImportCommand extends CertCommand {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** Exactly one source. */
  static final class Source {
    @Option(names = "--pkcs12", paramLabel = "FILE", description = "PKCS#12 (.pfx/.p12) file.")
    Path pkcs12;

    @Option(
        names = "--pem",
        paramLabel = "FILE",
        description = "PEM with the PKCS#8 private key and the chain, leaf first.")
    Path pem;
  }

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "File holding the PKCS#12 password (first line). Default: no password.")
  Path passwordFile;

  @Override
  protected int run(Output out) {
    if (source.pkcs12 != null) {
      char[] password =
          passwordFile == null
              ? new char[0]
              : new String(read(passwordFile), StandardCharsets.UTF_8)
                  .lines()
                  .findFirst()
                  .orElse("")
                  .toCharArray();
      byte[] pkcs12 = read(source.pkcs12);
      return printCertificate(out, manager().certificates().importPkcs12(name, pkcs12, password));
    }
    if (passwordFile != null) {
      throw CliException.usage("--password-file applies to --pkcs12 only");
    }
    String pem = new String(read(source.pem), StandardCharsets.US_ASCII);
    return printCertificate(out, manager().certificates().importPem(name, pem));
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw CliException.file("read", file, e);
    }
  }
}
