package dev.keybridge.cli.certs;

import com.azure.security.keyvault.certificates.models.CertificateIssuer;
import dev.keybridge.cli.CliException;
import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.VaultCommand;
import dev.keybridge.cli.output.Output;
import dev.keybridge.cli.output.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code certs issuers [--set NAME --provider P [--account-id A]] [--delete NAME]}: the vault's
 * certificate issuers (lists them when no option is given).
 */
@Command(
    name = "issuers",
    mixinStandardHelpOptions = true,
    description = {
      "List the vault's certificate issuers, or create/replace one (--set NAME --provider P) or"
          + " delete one (--delete NAME). Issuer passwords are never shown."
    })
final class CertIssuersCommand extends VaultCommand {
  @Option(names = "--set", paramLabel = "NAME", description = "Create or replace issuer NAME.")
  String set;

  @Option(names = "--provider", paramLabel = "P", description = "Issuer provider (with --set).")
  String provider;

  @Option(names = "--account-id", paramLabel = "A", description = "Account id (with --set).")
  String accountId;

  @Option(names = "--delete", paramLabel = "NAME", description = "Delete issuer NAME.")
  String delete;

  @Override
  protected int run(Output out) {
    if (set != null && delete != null) {
      throw CliException.usage("--set and --delete exclude each other");
    }
    if (set != null) {
      if (provider == null) {
        throw CliException.usage("--set needs --provider");
      }
      CertificateIssuer issuer = new CertificateIssuer(set, provider);
      if (accountId != null) {
        issuer.setAccountId(accountId);
      }
      return print(out, List.of(manager().certificates().createIssuer(issuer)));
    }
    if (delete != null) {
      return print(out, List.of(manager().certificates().deleteIssuer(delete)));
    }
    List<Map<String, Object>> rows =
        manager()
            .certificates()
            .listIssuers()
            .map(p -> row(p.getName(), p.getProvider(), null))
            .toList();
    return printRows(out, rows);
  }

  private static int print(Output out, List<CertificateIssuer> issuers) {
    return printRows(
        out,
        issuers.stream().map(i -> row(i.getName(), i.getProvider(), i.getAccountId())).toList());
  }

  private static Map<String, Object> row(String name, String provider, String accountId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("provider", provider);
    m.put("accountId", accountId);
    return m;
  }

  private static int printRows(Output out, List<Map<String, Object>> rows) {
    if (out.json()) {
      out.printJson(rows);
      return ExitCode.OK;
    }
    Table table = new Table("NAME", "PROVIDER", "ACCOUNT");
    rows.forEach(r -> table.row(r.get("name"), r.get("provider"), r.get("accountId")));
    table.print(out.out());
    return ExitCode.OK;
  }
}
