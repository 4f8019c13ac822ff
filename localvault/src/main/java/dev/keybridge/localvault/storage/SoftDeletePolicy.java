package dev.keybridge.localvault.storage;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How the vault keeps deleted keys, secrets and certificates: for {@code retentionDays} (7 to 90)
 * and, with purge protection, without the possibility to purge them early. Both are properties of
 * the vault kept in {@code vault_settings}: as in Azure, purge protection once enabled cannot be
 * disabled, and the retention period is fixed when the vault is created.
 *
 * <p>{@link #recoveryLevel()} is the {@code recoveryLevel} Key Vault reports in every object's
 * attributes for that setting ({@code DeletionRecoveryLevel}): 90 days {@code
 * Recoverable+Purgeable}, or {@code Recoverable} with purge protection; fewer days {@code
 * CustomizedRecoverable+Purgeable}, or {@code CustomizedRecoverable} with purge protection.
 */
public record SoftDeletePolicy(boolean purgeProtection, int retentionDays) {
  /** Azure's default and longest retention. */
  public static final int MAX_RETENTION_DAYS = 90;

  /** Azure's shortest retention. */
  public static final int MIN_RETENTION_DAYS = 7;

  /** A vault created without options: 90 days, purgeable. */
  public static final SoftDeletePolicy DEFAULT = new SoftDeletePolicy(false, MAX_RETENTION_DAYS);

  private static final String PURGE_PROTECTION = "softdelete.purge-protection";
  private static final String RETENTION_DAYS = "softdelete.retention-days";

  public SoftDeletePolicy {
    checkRetentionDays(retentionDays);
  }

  /**
   * @throws IllegalArgumentException outside 7..90
   */
  public static int checkRetentionDays(int days) {
    if (days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
      throw new IllegalArgumentException(
          "retention days must be "
              + MIN_RETENTION_DAYS
              + " to "
              + MAX_RETENTION_DAYS
              + " (as in Azure), got "
              + days);
    }
    return days;
  }

  /** The {@code recoveryLevel} of every object of the vault. */
  public String recoveryLevel() {
    String base = retentionDays < MAX_RETENTION_DAYS ? "CustomizedRecoverable" : "Recoverable";
    return purgeProtection ? base : base + "+Purgeable";
  }

  /** Seconds a deleted object stays recoverable. */
  public long retentionSeconds() {
    return retentionDays * 86_400L;
  }

  /**
   * The vault's policy: the stored one, with purge protection turned on if {@code
   * enablePurgeProtection} (it is never turned off), and the retention stored at the first start
   * ({@code requestedDays}, or 90 when null).
   *
   * @throws IllegalStateException when {@code requestedDays} differs from the stored retention
   */
  public static SoftDeletePolicy resolve(
      VaultSettings settings, boolean enablePurgeProtection, Integer requestedDays) {
    if (requestedDays != null) {
      checkRetentionDays(requestedDays);
    }
    int days =
        Integer.parseInt(
            settings.getOrCreate(
                RETENTION_DAYS,
                () -> String.valueOf(requestedDays != null ? requestedDays : MAX_RETENTION_DAYS)));
    if (requestedDays != null && requestedDays != days) {
      throw new IllegalStateException(
          "this vault keeps deleted objects for "
              + days
              + " days; the retention period is fixed when a vault is created (as in Azure), so"
              + " "
              + requestedDays
              + " cannot be set now");
    }
    boolean stored =
        settings.get(PURGE_PROTECTION, false).map(v -> v.length == 1 && v[0] == '1').orElse(false);
    if (enablePurgeProtection && !stored) {
      settings.put(PURGE_PROTECTION, "1".getBytes(StandardCharsets.US_ASCII), false);
    }
    return new SoftDeletePolicy(stored || enablePurgeProtection, days);
  }

  /** The policy stored in the database, read on the caller's connection (default if unset). */
  public static SoftDeletePolicy read(Connection c) throws SQLException {
    String days = setting(c, RETENTION_DAYS);
    String pp = setting(c, PURGE_PROTECTION);
    return new SoftDeletePolicy(
        "1".equals(pp), days == null ? MAX_RETENTION_DAYS : Integer.parseInt(days));
  }

  private static String setting(Connection c, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT value FROM vault_settings WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new String(rs.getBytes(1), StandardCharsets.UTF_8) : null;
      }
    }
  }
}
