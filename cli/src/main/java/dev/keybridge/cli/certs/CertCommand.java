package dev.keybridge.cli.certs;

import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.VaultCommand;
import dev.keybridge.cli.output.Details;
import dev.keybridge.cli.output.Output;
import dev.keybridge.management.certificates.VaultCertificate;
import java.util.List;
import java.util.Map;

/**
 * A certificate command whose result is one certificate: details, or the certificate JSON shape.
 */
abstract class CertCommand extends VaultCommand {
  static int printCertificate(Output out, VaultCertificate certificate) {
    return printCertificate(out, CertificateViews.certificate(certificate.sdkCertificate()));
  }

  static int printCertificate(Output out, Map<String, Object> json) {
    if (out.json()) {
      out.printJson(json);
      return ExitCode.OK;
    }
    Details details = new Details();
    json.forEach(
        (field, value) -> {
          if (field.equals("pem")) {
            return;
          }
          if (value instanceof List<?> list) {
            value =
                list.isEmpty()
                    ? null
                    : String.join(" ", list.stream().map(String::valueOf).toList());
          } else if (value instanceof Map<?, ?> map) {
            value = map.isEmpty() ? null : map.toString();
          }
          details.add(field, value);
        });
    details.print(out.out());
    return ExitCode.OK;
  }
}
