package dev.keybridge.cli.certs;

import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.LocalFiles;
import dev.keybridge.cli.output.Output;
import dev.keybridge.management.certificates.CertificateSigningRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code certs csr NAME --subject ...}: a pending certificate for an external CA. */
@Command(
    name = "csr",
    mixinStandardHelpOptions = true,
    description = {
      "Start a certificate signed by an external CA: the vault creates the key and a CSR.",
      "Have the CSR signed, then: keybridge certs merge NAME --chain signed.pem"
    })
final class CertCsrCommand extends CertCommand {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Mixin CertificateRequestOptions request;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "Write the CSR (PEM) to FILE instead of stdout.")
  Path file;

  @Override
  protected int run(Output out) {
    CertificateSigningRequest csr =
        manager().certificates().createCertificateSigningRequest(name, request.toRequest());
    if (file != null) {
      LocalFiles.write(file, csr.pem().getBytes(StandardCharsets.US_ASCII), true);
    }
    if (out.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("name", name);
      json.put("csrPem", csr.pem());
      json.put("file", file == null ? null : file.toAbsolutePath().toString());
      out.printJson(json);
    } else if (file == null) {
      out.out().print(csr.pem());
      out.out().flush();
    } else {
      out.println("CSR for " + name + " written to " + file.toAbsolutePath());
    }
    return ExitCode.OK;
  }
}
