package dev.keybridge.cli.certs;

import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.VaultCommand;
import dev.keybridge.cli.output.Output;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code certs chain NAME}: the full chain as PEM, leaf first. */
@Command(
    name = "chain",
    mixinStandardHelpOptions = true,
    description =
        "Print the certificate chain (PEM, leaf first), e.g. for a TLS server's chain file.")
final class CertChainCommand extends VaultCommand {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  protected int run(Output out) {
    List<X509Certificate> chain = manager().certificates().getCertificateChain(name);
    if (out.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("name", name);
      json.put("certificates", chain.stream().map(CertificateViews::chainEntry).toList());
      out.printJson(json);
      return ExitCode.OK;
    }
    for (X509Certificate certificate : chain) {
      out.out().print(CertificateViews.pem(certificate));
    }
    out.out().flush();
    return ExitCode.OK;
  }
}
