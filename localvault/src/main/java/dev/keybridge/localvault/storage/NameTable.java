package dev.keybridge.localvault.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * The name table of one resource kind (keys, secrets, certificates): {@code name_lc} (primary key,
 * the lower-case name), {@code name} (as first created), {@code deleted_date} and {@code
 * scheduled_purge_date} (epoch seconds, null while active). Version rows cascade from it. Every
 * method runs on the connection of the caller's {@link VaultDatabase#transaction} or read.
 */
public final class NameTable {
  /**
   * Days a deleted key, secret or certificate stays recoverable in a vault with the default {@link
   * SoftDeletePolicy} (responses of other vaults are adjusted to theirs at the response point).
   */
  public static final int RECOVERABLE_DAYS = SoftDeletePolicy.MAX_RETENTION_DAYS;

  /** The {@code recoveryLevel} in a vault with the default {@link SoftDeletePolicy}. */
  public static final String RECOVERY_LEVEL = SoftDeletePolicy.DEFAULT.recoveryLevel();

  private final String table;
  private final String noun;

  /**
   * @param table the table name, e.g. {@code keys}
   * @param noun the resource in error messages, e.g. {@code key}
   */
  public NameTable(String table, String noun) {
    this.table = table;
    this.noun = noun;
  }

  /** The key of a name in the table: names are case-insensitive. */
  public static String lc(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * Lower-case names of active or deleted rows after {@code afterLc} (exclusive, null for the
   * start), at most {@code limit}, in order.
   *
   * @param andCondition more SQL conditions (starting with " AND"), the table named by its name
   */
  public List<String> names(
      Connection c, boolean deleted, String afterLc, int limit, String andCondition)
      throws SQLException {
    String sql =
        "SELECT name_lc FROM "
            + table
            + " WHERE deleted_date IS "
            + (deleted ? "NOT NULL" : "NULL")
            + andCondition
            + " AND name_lc > ? ORDER BY name_lc LIMIT ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, afterLc == null ? "" : afterLc);
      ps.setInt(2, limit);
      return Columns.strings(ps);
    }
  }

  /** Creates the row of {@code name} if the name is free; returns the name as stored. */
  public String claim(Connection c, String name) throws SQLException {
    String lc = lc(name);
    try (PreparedStatement ps =
        c.prepareStatement("INSERT OR IGNORE INTO " + table + "(name_lc, name) VALUES(?, ?)")) {
      ps.setString(1, lc);
      ps.setString(2, name);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT name FROM " + table + " WHERE name_lc=?")) {
      ps.setString(1, lc);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /**
   * Marks an active name deleted at {@code now}, its purge scheduled the vault's retention period
   * ({@link SoftDeletePolicy}) later.
   *
   * @throws StorageException "NOUN NAME is not active" when no active row matched
   */
  public void softDelete(Connection c, String name, long now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE "
                + table
                + " SET deleted_date=?, scheduled_purge_date=? WHERE name_lc=?"
                + " AND deleted_date IS NULL")) {
      ps.setLong(1, now);
      ps.setLong(2, now + SoftDeletePolicy.read(c).retentionSeconds());
      ps.setString(3, lc(name));
      if (ps.executeUpdate() != 1) {
        throw new StorageException(noun + " " + name + " is not active");
      }
    }
  }

  /**
   * Makes a deleted name active again.
   *
   * @throws StorageException "NOUN NAME is not deleted" when no deleted row matched
   */
  public void recover(Connection c, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE "
                + table
                + " SET deleted_date=NULL, scheduled_purge_date=NULL WHERE name_lc=?"
                + " AND deleted_date IS NOT NULL")) {
      ps.setString(1, lc(name));
      if (ps.executeUpdate() != 1) {
        throw new StorageException(noun + " " + name + " is not deleted");
      }
    }
  }

  /** Deletes the row of {@code name} and, by cascade, its versions (nothing for a free name). */
  public void purge(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE name_lc=?")) {
      ps.setString(1, lc(name));
      ps.executeUpdate();
    }
  }

  /** Lower-case names of deleted rows whose purge date is at or before {@code now}. */
  public List<String> expired(Connection c, long now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT name_lc FROM " + table + " WHERE scheduled_purge_date <= ?")) {
      ps.setLong(1, now);
      return Columns.strings(ps);
    }
  }
}
