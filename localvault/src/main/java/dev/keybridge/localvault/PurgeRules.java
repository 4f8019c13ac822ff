package dev.keybridge.localvault;

import dev.keybridge.localvault.storage.SoftDeletePolicy;
import java.sql.Connection;
import java.sql.SQLException;

/** The rule every purge route (keys, secrets, certificates) applies before purging. */
public final class PurgeRules {
  private PurgeRules() {}

  /**
   * Refuses a purge in a vault with purge protection as Key Vault does: 403 {@code Forbidden} with
   * Azure's message; the object is purged by the vault when its retention period ends.
   *
   * @param c the connection of the purge's transaction
   */
  public static void checkPurgeAllowed(Connection c) throws SQLException {
    SoftDeletePolicy policy = SoftDeletePolicy.read(c);
    if (policy.purgeProtection()) {
      throw VaultError.forbidden(
          null,
          "Operation \"purge\" is not allowed because purge protection is enabled for this vault."
              + " Key Vault service will automatically purge it after the retention period has"
              + " passed ("
              + policy.retentionDays()
              + " days after deletion).");
    }
  }
}
