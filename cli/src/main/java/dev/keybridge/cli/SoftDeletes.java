package dev.keybridge.cli;

import dev.keybridge.cli.output.Output;
import dev.keybridge.cli.output.Table;
import dev.keybridge.management.KeyVaultException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code keys} and {@code certs} share about deleted objects: the {@code deleted} table, the
 * {@code purge} result, and the hint when a purge names an object that is not deleted.
 */
public final class SoftDeletes {
  private SoftDeletes() {}

  /**
   * Prints deleted objects (their JSON shapes) as JSON or as a NAME/DELETED/PURGE/RECOVERY table.
   */
  public static int printDeleted(Output out, List<Map<String, Object>> items) {
    if (out.json()) {
      out.printJson(items);
      return ExitCode.OK;
    }
    Table table = new Table("NAME", "DELETED", "PURGE DATE", "RECOVERY ID");
    for (Map<String, Object> item : items) {
      table.row(
          item.get("name"),
          item.get("deletedOn"),
          item.get("scheduledPurgeDate"),
          item.get("recoveryId"));
    }
    table.print(out.out());
    return ExitCode.OK;
  }

  /** Prints {@code {name, purged: true}} or {@code purged KIND NAME}. */
  public static int printPurged(Output out, String kind, String name) {
    if (out.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("name", name);
      json.put("purged", true);
      out.printJson(json);
    } else {
      out.println("purged " + kind + " " + name);
    }
    return ExitCode.OK;
  }

  /**
   * Purging an object that is not deleted gets the vault's {@code ... not found} (HTTP 404): the
   * failure to throw is the same vault error, with a hint to delete first when {@code live} finds
   * the object alive.
   *
   * @param live reads the live object; throws when there is none
   */
  public static RuntimeException purgeFailure(
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
