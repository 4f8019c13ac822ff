package dev.keybridge.cli.keys;

import com.azure.security.keyvault.keys.models.KeyRotationLifetimeAction;
import com.azure.security.keyvault.keys.models.KeyRotationPolicy;
import com.azure.security.keyvault.keys.models.KeyRotationPolicyAction;
import dev.keybridge.cli.CliException;
import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.VaultCommand;
import dev.keybridge.cli.output.Output;
import dev.keybridge.cli.output.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keys rotation-policy NAME [--expires-in ... --rotate-after ...]}: show or set. */
@Command(
    name = "rotation-policy",
    mixinStandardHelpOptions = true,
    description = {
      "Show a key's rotation policy, or replace it when any option is given.",
      "Example: keybridge keys rotation-policy k1 --rotate-after P90D --notify-before P30D"
          + " --expires-in P1Y"
    })
final class KeyRotationPolicyCommand extends VaultCommand {
  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(
      names = "--expires-in",
      paramLabel = "DURATION",
      description = "Expiry of each new version, ISO-8601 (P1Y, P90D; at least P28D).")
  String expiresIn;

  @Option(
      names = "--rotate-after",
      paramLabel = "DURATION",
      description = "Rotate this long after a version is created (P90D).")
  String rotateAfter;

  @Option(
      names = "--rotate-before",
      paramLabel = "DURATION",
      description = "Rotate this long before a version expires (P30D).")
  String rotateBefore;

  @Option(
      names = "--notify-before",
      paramLabel = "DURATION",
      description = "Notify (Event Grid) this long before a version expires (P30D; vaults only).")
  String notifyBefore;

  @Override
  protected int run(Output out) {
    KeyRotationPolicy policy;
    if (expiresIn == null && rotateAfter == null && rotateBefore == null && notifyBefore == null) {
      policy = manager().getKeyRotationPolicy(name);
    } else {
      if (rotateAfter != null && rotateBefore != null) {
        throw CliException.usage("--rotate-after and --rotate-before exclude each other");
      }
      List<KeyRotationLifetimeAction> actions = new ArrayList<>();
      if (rotateAfter != null) {
        actions.add(
            new KeyRotationLifetimeAction(KeyRotationPolicyAction.ROTATE)
                .setTimeAfterCreate(rotateAfter));
      }
      if (rotateBefore != null) {
        actions.add(
            new KeyRotationLifetimeAction(KeyRotationPolicyAction.ROTATE)
                .setTimeBeforeExpiry(rotateBefore));
      }
      if (notifyBefore != null) {
        actions.add(
            new KeyRotationLifetimeAction(KeyRotationPolicyAction.NOTIFY)
                .setTimeBeforeExpiry(notifyBefore));
      }
      KeyRotationPolicy wanted = new KeyRotationPolicy().setLifetimeActions(actions);
      if (expiresIn != null) {
        wanted.setExpiresIn(expiresIn);
      }
      policy = manager().updateKeyRotationPolicy(name, wanted);
    }
    Map<String, Object> json = KeyViews.rotationPolicy(name, policy);
    if (out.json()) {
      out.printJson(json);
      return ExitCode.OK;
    }
    out.println("key: " + name);
    out.println("expiresIn: " + (json.get("expiresIn") == null ? "-" : json.get("expiresIn")));
    Table table = new Table("ACTION", "AFTER CREATE", "BEFORE EXPIRY");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> actions = (List<Map<String, Object>>) json.get("lifetimeActions");
    for (Map<String, Object> action : actions) {
      table.row(
          action.get("action"), action.get("timeAfterCreate"), action.get("timeBeforeExpiry"));
    }
    table.print(out.out());
    return ExitCode.OK;
  }
}
