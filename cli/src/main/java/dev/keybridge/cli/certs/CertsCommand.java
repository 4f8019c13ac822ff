package dev.keybridge.cli.certs;

import dev.keybridge.cli.GroupCommand;
import picocli.CommandLine.Command;

/** {@code keybridge certs ...}: certificates for signing and TLS. */
@Command(
    name = "certs",
    mixinStandardHelpOptions = true,
    description =
        "Certificates for signing and TLS: self-signed, CSR for an external CA, import, delete.",
    subcommands = {
      CertCreateCommand.class,
      CertImportCommand.class,
      CertCsrCommand.class,
      CertMergeCommand.class,
      CertShowCommand.class,
      CertListCommand.class,
      CertChainCommand.class,
      CertDeleteCommand.class,
      CertDeletedCommand.class,
      CertRecoverCommand.class,
      CertPurgeCommand.class,
      CertIssuersCommand.class,
      CertContactsCommand.class
    })
public final class CertsCommand extends GroupCommand {}
