package dev.keybridge.localvault.secrets;

import dev.keybridge.localvault.storage.Columns;
import dev.keybridge.localvault.storage.MasterKey;
import dev.keybridge.localvault.storage.NameTable;
import dev.keybridge.localvault.storage.StorageException;
import dev.keybridge.localvault.storage.VaultDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Storage of secrets in the vault database (tables {@code secrets} and {@code secret_versions}).
 * Values are sealed with the {@link MasterKey}, bound to name and version, exactly as key material
 * is. Names are case-insensitive (stored under their lower-case form, shown as first created).
 * Every write is one {@link VaultDatabase#transaction} and joins an enclosing one, so a certificate
 * writes its key, secret and certificate atomically. Soft-deleted secrets stay recoverable for
 * {@link NameTable#RECOVERABLE_DAYS} days. No permission or HTTP rules here; routes check them.
 */
public final class SecretRepository {
  private static final NameTable NAMES = new NameTable("secrets", "secret");

  private final VaultDatabase db;
  private final MasterKey masterKey;

  public SecretRepository(VaultDatabase db, MasterKey masterKey) {
    this.db = db;
    this.masterKey = masterKey;
    db.ensureSchema(
        "CREATE TABLE IF NOT EXISTS secrets (name_lc TEXT PRIMARY KEY, name TEXT NOT NULL,"
            + " deleted_date INTEGER, scheduled_purge_date INTEGER)",
        "CREATE TABLE IF NOT EXISTS secret_versions (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
            + " name_lc TEXT NOT NULL REFERENCES secrets(name_lc) ON DELETE CASCADE,"
            + " version TEXT NOT NULL, content_type TEXT, enabled INTEGER NOT NULL, nbf INTEGER,"
            + " exp INTEGER, created INTEGER NOT NULL, updated INTEGER NOT NULL,"
            + " tags TEXT NOT NULL, managed INTEGER NOT NULL, value BLOB NOT NULL,"
            + " UNIQUE(name_lc, version))");
  }

  /** The vault database (to combine secret writes with other resources' writes). */
  public VaultDatabase database() {
    return db;
  }

  /** Everything stored under {@code name} (active or deleted), or empty when the name is free. */
  public Optional<SecretRecord> record(String name) {
    String lc = lc(name);
    return Optional.ofNullable(db.read(c -> load(c, lc)));
  }

  /** The active (not deleted) record under {@code name}. */
  public Optional<SecretRecord> active(String name) {
    return record(name).filter(r -> !r.deleted());
  }

  /** The deleted record under {@code name}. */
  public Optional<SecretRecord> deleted(String name) {
    return record(name).filter(SecretRecord::deleted);
  }

  /**
   * Lower-case names of active or deleted secrets after {@code afterLc} (exclusive, null for the
   * start), at most {@code limit}, in order.
   */
  public List<String> names(boolean deleted, String afterLc, int limit) {
    return db.read(c -> NAMES.names(c, deleted, afterLc, limit, ""));
  }

  /**
   * Adds a version, creating the name if it is free. The caller has checked that the name is not
   * soft-deleted; the version id must be new for the name. Returns it under the stored name.
   */
  public SecretVersion addVersion(SecretVersion v) {
    String lc = lc(v.name());
    return db.transaction(
        c -> {
          String stored = NAMES.claim(c, v.name());
          SecretVersion named =
              stored.equals(v.name())
                  ? v
                  : new SecretVersion(
                      stored,
                      v.version(),
                      v.value(),
                      v.contentType(),
                      v.attributes(),
                      v.tags(),
                      v.managed());
          insertVersion(c, lc, named);
          return named;
        });
  }

  /** Replaces the content type, attributes and tags of a stored version. */
  public SecretVersion updateVersion(SecretVersion v) {
    String lc = lc(v.name());
    return db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE secret_versions SET enabled=?, nbf=?, exp=?, updated=?, tags=?,"
                      + " content_type=? WHERE name_lc=? AND version=?")) {
            SecretAttributes a = v.attributes();
            ps.setInt(1, a.enabled() ? 1 : 0);
            Columns.setLong(ps, 2, a.nbf());
            Columns.setLong(ps, 3, a.exp());
            ps.setLong(4, a.updated());
            ps.setString(5, Columns.json(v.tags()));
            ps.setString(6, v.contentType());
            ps.setString(7, lc);
            ps.setString(8, v.version());
            if (ps.executeUpdate() != 1) {
              throw new StorageException(
                  "secret version " + v.name() + "/" + v.version() + " vanished");
            }
          }
          return v;
        });
  }

  /** Soft-deletes all versions of an active secret at {@code now} (epoch seconds). */
  public SecretRecord softDelete(String name, long now) {
    String lc = lc(name);
    return db.transaction(
        c -> {
          NAMES.softDelete(c, name, now);
          return load(c, lc);
        });
  }

  /** Brings a deleted secret back with all versions. */
  public SecretRecord recover(String name) {
    String lc = lc(name);
    return db.transaction(
        c -> {
          NAMES.recover(c, name);
          return load(c, lc);
        });
  }

  /** Removes a secret and all its versions for good (nothing happens for a free name). */
  public void purge(String name) {
    db.transaction(
        c -> {
          NAMES.purge(c, name);
          return null;
        });
  }

  /** Purges every deleted secret whose scheduled purge date is at or before {@code now}. */
  public void purgeExpired(long now) {
    db.transaction(
        c -> {
          for (String lc : NAMES.expired(c, now)) {
            NAMES.purge(c, lc);
          }
          return null;
        });
  }

  /** Recreates a secret from a backup with all versions and their ids; the name must be free. */
  public SecretRecord restore(String name, List<SecretVersion> versions) {
    String lc = lc(name);
    return db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("INSERT INTO secrets(name_lc, name) VALUES(?, ?)")) {
            ps.setString(1, lc);
            ps.setString(2, name);
            ps.executeUpdate();
          }
          for (SecretVersion v : versions) {
            insertVersion(c, lc, v);
          }
          return load(c, lc);
        });
  }

  private void insertVersion(Connection c, String lc, SecretVersion v) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO secret_versions(name_lc, version, content_type, enabled, nbf, exp,"
                + " created, updated, tags, managed, value) VALUES(?,?,?,?,?,?,?,?,?,?,?)")) {
      SecretAttributes a = v.attributes();
      ps.setString(1, lc);
      ps.setString(2, v.version());
      ps.setString(3, v.contentType());
      ps.setInt(4, a.enabled() ? 1 : 0);
      Columns.setLong(ps, 5, a.nbf());
      Columns.setLong(ps, 6, a.exp());
      ps.setLong(7, a.created());
      ps.setLong(8, a.updated());
      ps.setString(9, Columns.json(v.tags()));
      ps.setInt(10, v.managed() ? 1 : 0);
      ps.setBytes(
          11, masterKey.seal(v.value().getBytes(StandardCharsets.UTF_8), context(lc, v.version())));
      ps.executeUpdate();
    }
  }

  private SecretRecord load(Connection c, String lc) throws SQLException {
    String name;
    Long deleted;
    Long purgeAt;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT name, deleted_date, scheduled_purge_date FROM secrets WHERE name_lc=?")) {
      ps.setString(1, lc);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        name = rs.getString(1);
        deleted = Columns.getLong(rs, 2);
        purgeAt = Columns.getLong(rs, 3);
      }
    }
    List<SecretVersion> versions = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT version, content_type, enabled, nbf, exp, created, updated, tags, managed,"
                + " value FROM secret_versions WHERE name_lc=? ORDER BY seq")) {
      ps.setString(1, lc);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String version = rs.getString(1);
          String value =
              new String(
                  masterKey.open(rs.getBytes(10), context(lc, version)), StandardCharsets.UTF_8);
          versions.add(
              new SecretVersion(
                  name,
                  version,
                  value,
                  rs.getString(2),
                  new SecretAttributes(
                      rs.getInt(3) != 0,
                      Columns.getLong(rs, 4),
                      Columns.getLong(rs, 5),
                      rs.getLong(6),
                      rs.getLong(7)),
                  Columns.parse(rs.getString(8), Columns.TAGS, "secret"),
                  rs.getInt(9) != 0));
        }
      }
    }
    return versions.isEmpty() ? null : new SecretRecord(name, versions, deleted, purgeAt);
  }

  static String lc(String name) {
    return NameTable.lc(name);
  }

  private static String context(String lc, String version) {
    return "secret:" + lc + "/" + version;
  }
}
