package dev.keybridge.cli.certs;

import com.azure.security.keyvault.certificates.models.CertificateContact;
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

/** {@code certs contacts [--set EMAIL,...] [--clear]}: the vault's certificate contacts. */
@Command(
    name = "contacts",
    mixinStandardHelpOptions = true,
    description =
        "Show the vault's certificate contacts (told by EmailContacts lifetime actions), replace"
            + " them (--set EMAIL,...) or remove them (--clear).")
final class CertContactsCommand extends VaultCommand {
  @Option(
      names = "--set",
      split = ",",
      paramLabel = "EMAIL",
      description = "Replace the contacts with these e-mail addresses.")
  List<String> set;

  @Option(names = "--clear", description = "Remove every contact.")
  boolean clear;

  @Override
  protected int run(Output out) {
    if (set != null && clear) {
      throw CliException.usage("--set and --clear exclude each other");
    }
    List<CertificateContact> contacts;
    if (set != null) {
      contacts =
          manager()
              .certificates()
              .setContacts(set.stream().map(e -> new CertificateContact().setEmail(e)).toList());
    } else if (clear) {
      contacts = manager().certificates().deleteContacts();
    } else {
      contacts = manager().certificates().listContacts();
    }
    List<Map<String, Object>> rows =
        contacts.stream()
            .map(
                c -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("email", c.getEmail());
                  m.put("name", c.getName());
                  m.put("phone", c.getPhone());
                  return m;
                })
            .toList();
    if (out.json()) {
      out.printJson(rows);
      return ExitCode.OK;
    }
    Table table = new Table("EMAIL", "NAME", "PHONE");
    rows.forEach(r -> table.row(r.get("email"), r.get("name"), r.get("phone")));
    table.print(out.out());
    return ExitCode.OK;
  }
}
