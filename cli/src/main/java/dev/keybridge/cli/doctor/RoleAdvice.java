package dev.keybridge.cli.doctor;

import java.util.Locale;

/**
 * Which Azure built-in role grants a key operation, and how to assign it. Key Vault and Managed HSM
 * have different role names and different commands; the local vault takes {@code --client
 * ID:SECRET:ROLE} on {@code keybridge serve}.
 */
final class RoleAdvice {
  /** Where the vault runs, which decides role names and the fix. */
  enum Target {
    KEY_VAULT,
    MANAGED_HSM,
    LOCAL_VAULT,
    LOCAL_MANAGED_HSM
  }

  private RoleAdvice() {}

  /**
   * The least-privileged built-in role that grants {@code operation} (Key Vault's words: get, list,
   * sign, decrypt, wrapKey, unwrapKey, encrypt, release).
   */
  static String roleFor(String operation, Target target) {
    boolean hsm = target == Target.MANAGED_HSM || target == Target.LOCAL_MANAGED_HSM;
    String role =
        switch (operation.toLowerCase(Locale.ROOT)) {
          case "get", "list" -> hsm ? "Managed HSM Crypto Auditor" : "Key Vault Reader";
          case "wrapkey", "unwrapkey" ->
              hsm
                  ? "Managed HSM Crypto Service Encryption User"
                  : "Key Vault Crypto Service Encryption User";
          case "release" ->
              hsm
                  ? "Managed HSM Crypto Service Release User"
                  : "Key Vault Crypto Service Release User";
          default -> hsm ? "Managed HSM Crypto User" : "Key Vault Crypto User";
        };
    // the local vault implements the Key Vault role names for both flavors
    return target == Target.LOCAL_MANAGED_HSM ? role.replace("Managed HSM", "Key Vault") : role;
  }

  /** One sentence: which role to assign to which client, and the command that does it. */
  static String fix(String operation, Target target, String clientId, String keyName) {
    String role = roleFor(operation, target);
    String who = clientId == null ? "the identity" : "client " + clientId;
    String broader =
        role.endsWith("Crypto User")
            ? "Crypto Officer or Administrator"
            : operation.equalsIgnoreCase("release")
                ? "Crypto Officer"
                : "Crypto User, Crypto Officer";
    String because =
        "the "
            + operation
            + " operation needs the role '"
            + role
            + "' (or "
            + broader
            + ", which include it)";
    return switch (target) {
      case KEY_VAULT ->
          because
              + ": az role assignment create --role \""
              + role
              + "\" --assignee "
              + (clientId == null ? "<object id>" : clientId)
              + " --scope <vault resource id>"
              + (keyName == null ? "" : "/keys/" + keyName);
      case MANAGED_HSM ->
          because
              + ": az keyvault role assignment create --hsm-name <hsm> --role \""
              + role
              + "\" --assignee "
              + (clientId == null ? "<object id>" : clientId)
              + " --scope "
              + (keyName == null ? "/keys" : "/keys/" + keyName);
      case LOCAL_VAULT, LOCAL_MANAGED_HSM ->
          because
              + ": restart the local vault registering "
              + who
              + " with it: put the line "
              + (clientId == null ? "ID" : clientId)
              + ":SECRET:"
              + shortName(role)
              + " into a file only you can read (chmod 600) and run keybridge serve --data DIR"
              + " --clients-file FILE";
    };
  }

  private static String shortName(String azureRole) {
    return azureRole
        .replaceFirst("^(Key Vault|Managed HSM) ", "")
        .toLowerCase(Locale.ROOT)
        .replace(' ', '-');
  }
}
