package dev.keybridge.cli;

import dev.keybridge.management.KeyVaultException;

/**
 * Purging an object that is not deleted gets the vault's {@code ... not found} (HTTP 404): this
 * checks whether the object is alive and, if so, says to delete it first.
 */
public final class NotDeletedHint {
  private NotDeletedHint() {}

  /**
   * The failure to throw for {@code failure} of purging {@code kind name}: the same vault error,
   * with the hint when {@code live} finds the object.
   *
   * @param live reads the live object; throws when there is none
   */
  public static RuntimeException check(
      KeyVaultException failure, String kind, String name, Runnable live) {
    if (failure.statusCode() != 404) {
      return failure;
    }
    try {
      live.run();
    } catch (RuntimeException notLive) {
      return failure;
    }
    String command = kind.equals("key") ? "keys" : "certs";
    return new CliException(
        ExitCode.VAULT_ERROR,
        ErrorReport.describeVaultError(failure)
            + "; "
            + kind
            + " "
            + name
            + " is not deleted, and purge removes deleted ones only: run 'keybridge "
            + command
            + " delete "
            + name
            + "' first",
        failure);
  }
}
