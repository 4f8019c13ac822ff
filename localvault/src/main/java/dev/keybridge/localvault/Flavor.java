package dev.keybridge.localvault;

/**
 * Which Azure service the local vault imitates. The flavor decides the token audience and the
 * {@code resource} of the 401 challenge, and which Managed HSM-only operations (random bytes) are
 * served.
 */
public enum Flavor {
  /** An Azure Key Vault ({@code https://{name}.vault.azure.net}). */
  VAULT("vault", "https://vault.azure.net"),
  /** An Azure Managed HSM ({@code https://{name}.managedhsm.azure.net}). */
  MANAGED_HSM("managedhsm", "https://managedhsm.azure.net");

  private final String cliName;
  private final String resource;

  Flavor(String cliName, String resource) {
    this.cliName = cliName;
    this.resource = resource;
  }

  /** The token audience and challenge resource, e.g. {@code https://vault.azure.net}. */
  public String resource() {
    return resource;
  }

  /** The short name used on the command line: {@code vault} or {@code managedhsm}. */
  public String cliName() {
    return cliName;
  }

  /**
   * Parses {@code vault}, {@code managedhsm} (also {@code managed-hsm}, {@code MANAGED_HSM}).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Flavor fromName(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT).replace("_", "");
    n = n.replace("-", "");
    for (Flavor f : values()) {
      if (f.cliName.equals(n)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "Unknown vault flavor '" + name + "': use 'vault' or 'managedhsm'");
  }
}
