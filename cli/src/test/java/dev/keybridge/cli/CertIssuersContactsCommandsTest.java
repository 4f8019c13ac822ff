package dev.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.cli.Cli.Result;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code certs issuers} and {@code certs contacts} through {@link Main#run}. */
class CertIssuersContactsCommandsTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static Path config() {
    return VAULT.vault().propertiesFile();
  }

  @Test
  void issuersAndContacts() {
    Result set =
        Cli.run(
            config(),
            "certs",
            "issuers",
            "--set",
            "corp-ca",
            "--provider",
            "OneCertV2-PrivateCA",
            "--account-id",
            "acct-1",
            "--json");
    assertThat(set.exitCode()).as(set.toString()).isZero();
    assertThat(set.json().get(0).get("provider").asText()).isEqualTo("OneCertV2-PrivateCA");
    assertThat(Cli.run(config(), "certs", "issuers").out()).contains("corp-ca");
    assertThat(Cli.run(config(), "certs", "issuers", "--delete", "corp-ca").exitCode()).isZero();
    assertThat(Cli.run(config(), "certs", "issuers").out()).doesNotContain("corp-ca");

    Result contacts =
        Cli.run(config(), "certs", "contacts", "--set", "pki@example.com,ops@example.com");
    assertThat(contacts.exitCode()).as(contacts.toString()).isZero();
    assertThat(Cli.run(config(), "certs", "contacts", "--json").json()).hasSize(2);
    assertThat(Cli.run(config(), "certs", "contacts", "--clear").exitCode()).isZero();
    Result none = Cli.run(config(), "certs", "contacts");
    assertThat(none.exitCode()).isEqualTo(ExitCode.VAULT_ERROR);
    assertThat(none.err()).contains("ContactsNotFound");
  }
}
