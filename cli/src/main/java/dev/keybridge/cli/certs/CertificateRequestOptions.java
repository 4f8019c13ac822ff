package dev.keybridge.cli.certs;

import com.azure.security.keyvault.certificates.models.CertificateKeyCurveName;
import dev.keybridge.cli.CliException;
import dev.keybridge.management.certificates.CertificateRequest;
import dev.keybridge.management.keys.VaultCurve;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** What a new certificate looks like: shared by {@code certs create} and {@code certs csr}. */
public final class CertificateRequestOptions {
  @Option(
      names = "--subject",
      required = true,
      paramLabel = "DN",
      description = "Subject, e.g. CN=api.example.com,O=Example.")
  String subject;

  @Option(
      names = "--dns",
      split = ",",
      paramLabel = "NAME",
      description = "DNS subject alternative names, comma-separated.")
  List<String> dnsNames = new ArrayList<>();

  @Option(
      names = "--email",
      split = ",",
      paramLabel = "ADDRESS",
      description = "E-mail subject alternative names.")
  List<String> emails = new ArrayList<>();

  @Option(
      names = "--eku",
      split = ",",
      paramLabel = "USAGE",
      description = "Extended key usages: serverAuth, clientAuth, codeSigning, or OIDs.")
  List<String> extendedKeyUsages = new ArrayList<>();

  @Option(
      names = "--validity-months",
      paramLabel = "N",
      defaultValue = "12",
      description = "Validity in months (default 12).")
  int validityMonths;

  @Option(
      names = "--key-type",
      paramLabel = "rsa|ec",
      defaultValue = "rsa",
      description = "Key type (default rsa).")
  String keyType;

  @Option(names = "--size", paramLabel = "BITS", defaultValue = "2048", description = "RSA size.")
  int size;

  @Option(
      names = "--curve",
      paramLabel = "CURVE",
      defaultValue = "P-256",
      description = "EC curve: P-256, P-384, P-521, P-256K.")
  String curve;

  @Option(names = "--hsm", description = "HSM-protected key.")
  boolean hsm;

  @Option(names = "--not-exportable", description = "The private key never leaves the vault.")
  boolean notExportable;

  @Option(names = "--tag", paramLabel = "NAME=VALUE", description = "A tag; repeatable.")
  Map<String, String> tags = new LinkedHashMap<>();

  /** The facade's request. */
  CertificateRequest toRequest() {
    CertificateRequest.Builder builder =
        CertificateRequest.builder(subject)
            .validityMonths(validityMonths)
            .exportable(!notExportable)
            .dnsNames(dnsNames.toArray(String[]::new))
            .emails(emails.toArray(String[]::new))
            .extendedKeyUsages(
                extendedKeyUsages.stream()
                    .map(CertificateRequestOptions::oid)
                    .toArray(String[]::new));
    switch (keyType.toLowerCase(Locale.ROOT)) {
      case "rsa" -> builder.rsa(size, hsm);
      case "ec" -> builder.ec(CertificateKeyCurveName.fromString(curve(curve)), hsm);
      default -> throw CliException.usage("--key-type must be rsa or ec, got '" + keyType + "'");
    }
    tags.forEach(builder::tag);
    return builder.build();
  }

  private static String curve(String value) {
    return VaultCurve.fromVaultName(value)
        .map(VaultCurve::vaultName)
        .orElseThrow(
            () ->
                CliException.usage(
                    "unknown curve '" + value + "': use P-256, P-384, P-521 or P-256K"));
  }

  static String oid(String usage) {
    return switch (usage.trim().toLowerCase(Locale.ROOT)) {
      case "serverauth" -> CertificateRequest.SERVER_AUTH;
      case "clientauth" -> CertificateRequest.CLIENT_AUTH;
      case "codesigning" -> CertificateRequest.CODE_SIGNING;
      default -> {
        if (!usage.trim().matches("\\d+(\\.\\d+)+")) {
          throw CliException.usage(
              "unknown extended key usage '"
                  + usage
                  + "': serverAuth, clientAuth, codeSigning or an OID");
        }
        yield usage.trim();
      }
    };
  }
}
