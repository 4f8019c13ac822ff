package dev.keybridge.cli.doctor;

import dev.keybridge.cli.CliException;
import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.VaultCommand;
import dev.keybridge.cli.output.Output;
import dev.keybridge.cli.output.Table;
import dev.keybridge.cli.token.ChallengeProbe;
import dev.keybridge.management.KeyVaultClients;
import dev.keybridge.management.KeyVaultErrors;
import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.config.KeyVaultConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keybridge doctor}: checks, in order, the configuration, DNS, TCP, TLS, that the URL is a
 * Key Vault (its 401 challenge), authentication, and what the identity may do with a key. Prints a
 * table and, for every problem, what is wrong and how to fix it. Exit code 5 when anything is
 * wrong.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Diagnose the connection to the vault: configuration, DNS, TCP, TLS trust, authentication,"
          + " and which operations the identity may perform on a key (get, sign, decrypt,"
          + " wrapKey, unwrapKey, encrypt) by trying harmless ones.",
      "Exit code 0 when everything works, 5 when a problem was found."
    })
public final class DoctorCommand extends VaultCommand {
  @Option(
      names = {"-k", "--key"},
      paramLabel = "NAME",
      description = "Key whose permissions to check. Without it, checks listing keys.")
  String keyName;

  @Override
  protected int run(Output out) {
    List<CheckResult> results = new ArrayList<>();
    KeyVaultConfig config = null;
    try {
      config = config();
      results.add(CheckResult.ok("config", describe(config)));
      CheckResult secrets = SecretStorageCheck.run(options.configFile(), config);
      if (secrets != null) {
        results.add(secrets);
      }
    } catch (CliException e) {
      results.add(
          CheckResult.failed(
              "config",
              e.getMessage(),
              null,
              "pass --config FILE (a keybridge.properties, e.g. the one 'keybridge serve' writes)"
                  + " or set keybridge.vault.url / AZURE_KEYVAULT_URL and the keybridge.auth.*"
                  + " settings"));
    }
    if (config != null) {
      diagnose(config, results);
    }
    report(out, config, results);
    return results.stream().anyMatch(r -> r.status().isProblem())
        ? ExitCode.DIAGNOSIS_FAILED
        : ExitCode.OK;
  }

  private void diagnose(KeyVaultConfig config, List<CheckResult> results) {
    ConnectionChecks connection =
        new ConnectionChecks(
            config.vaultUrl(),
            config.trustCaFile().orElse(null),
            config.connectTimeout(),
            config.isLoopbackVault());
    List<CheckResult> network = connection.run();
    results.addAll(network);
    if (connection.sslContext() == null) {
      return;
    }
    ChallengeProbe challenge;
    try {
      challenge =
          ChallengeProbe.probe(
              config.vaultUrl(), connection.sslContext(), config.connectTimeout().multipliedBy(3));
    } catch (IOException e) {
      results.add(
          CheckResult.failed(
              "vault",
              "no HTTP answer from " + config.vaultUrl() + ": " + e.getMessage(),
              null,
              null));
      return;
    }
    if (!challenge.isBearerChallenge()) {
      results.add(
          CheckResult.failed(
              "vault",
              "GET /keys without a token answered HTTP "
                  + challenge.status()
                  + (challenge.problem() == null ? "" : " (" + challenge.problem() + ")")
                  + " and no Bearer challenge: this is not a Key Vault or Managed HSM endpoint",
              null,
              "check keybridge.vault.url (" + config.vaultUrl() + ")"));
      return;
    }
    results.add(
        CheckResult.ok(
            "vault",
            "Key Vault challenge: resource "
                + challenge.resource()
                + ", tenant "
                + challenge.tenant().orElse("?")));
    if (config.tenantId().isPresent()
        && challenge.tenant().isPresent()
        && !config.tenantId().get().equalsIgnoreCase(challenge.tenant().get())) {
      results.add(
          CheckResult.warning(
              "tenant",
              "keybridge.auth.tenant-id "
                  + config.tenantId().get()
                  + " differs from the vault's tenant "
                  + challenge.tenant().get(),
              "set keybridge.auth.tenant-id to " + challenge.tenant().get()));
    }
    KeyVaultClients clients;
    try {
      clients = KeyVaultClients.of(config);
    } catch (RuntimeException e) {
      results.add(
          CheckResult.failed("auth", "cannot set up the clients: " + e.getMessage(), null, null));
      return;
    }
    CheckResult auth = AuthenticationCheck.run(config, clients.credential(), challenge);
    results.add(auth);
    if (auth.status().isProblem()) {
      return;
    }
    RoleAdvice.Target target = target(config, challenge);
    String clientId = config.clientId().orElse(null);
    if (keyName != null) {
      results.addAll(new KeyPermissionChecks(clients, target, clientId, keyName).run());
    } else {
      results.add(listCheck(clients, target, clientId));
    }
  }

  private static CheckResult listCheck(
      KeyVaultClients clients, RoleAdvice.Target target, String clientId) {
    try {
      int count = 0;
      for (var ignored :
          clients.keys().listPropertiesOfKeys().iterableByPage().iterator().next().getElements()) {
        count++;
      }
      return CheckResult.ok(
          "list",
          "listing keys works ("
              + count
              + " on the first page); add --key NAME to check a key's operations");
    } catch (RuntimeException e) {
      KeyVaultException error = KeyVaultErrors.translate(e, "listKeys", null);
      String code =
          error.errorCode() + (error.innerErrorCode() == null ? "" : "/" + error.innerErrorCode());
      if ("Forbidden".equals(error.errorCode())) {
        return CheckResult.denied(
            "list",
            "the identity may not list keys",
            code,
            RoleAdvice.fix("list", target, clientId, null));
      }
      return CheckResult.failed("list", error.getMessage(), code, null);
    }
  }

  private static RoleAdvice.Target target(KeyVaultConfig config, ChallengeProbe challenge) {
    boolean hsm =
        challenge.resource().contains("managedhsm")
            || config.vaultUrl().getHost().endsWith(".managedhsm.azure.net");
    if (config.isLoopbackVault()) {
      return hsm ? RoleAdvice.Target.LOCAL_MANAGED_HSM : RoleAdvice.Target.LOCAL_VAULT;
    }
    return hsm ? RoleAdvice.Target.MANAGED_HSM : RoleAdvice.Target.KEY_VAULT;
  }

  private static String describe(KeyVaultConfig config) {
    return "vault "
        + config.vaultUrl()
        + ", "
        + AuthenticationCheck.describeCredential(config)
        + config.trustCaFile().map(f -> ", CA file " + f).orElse(", JDK trust store");
  }

  private void report(Output out, KeyVaultConfig config, List<CheckResult> results) {
    long problems = results.stream().filter(r -> r.status().isProblem()).count();
    if (out.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("ok", problems == 0);
      json.put("vaultUrl", config == null ? null : config.vaultUrl().toString());
      json.put("key", keyName);
      List<Map<String, Object>> checks = new ArrayList<>();
      for (CheckResult r : results) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("check", r.check());
        check.put("status", r.status().word());
        check.put("errorCode", r.errorCode());
        check.put("detail", r.detail());
        check.put("fix", r.fix());
        checks.add(check);
      }
      json.put("checks", checks);
      out.printJson(json);
      return;
    }
    Table table = new Table("CHECK", "RESULT", "CODE", "DETAIL");
    for (CheckResult r : results) {
      table.row(r.check(), r.status().word(), r.errorCode(), r.detail());
    }
    PrintWriter w = out.out();
    table.print(w);
    List<CheckResult> advice = results.stream().filter(r -> r.fix() != null).toList();
    if (!advice.isEmpty()) {
      w.println();
      w.println(problems > 0 ? "What is wrong and how to fix it:" : "Notes:");
      for (CheckResult r : advice) {
        w.println(
            "- "
                + r.check()
                + ": "
                + r.detail()
                + (r.errorCode() == null ? "" : " [" + r.errorCode() + "]"));
        w.println("  fix: " + r.fix());
      }
    }
    w.println();
    w.println(
        problems == 0
            ? "doctor: no problem found"
            : "doctor: " + problems + " problem" + (problems == 1 ? "" : "s") + " found");
    w.flush();
  }
}
