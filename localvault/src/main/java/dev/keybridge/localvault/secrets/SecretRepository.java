package dev.keybridge.localvault.secrets;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.keys.KeyRepository;
import dev.keybridge.localvault.storage.MasterKey;
import dev.keybridge.localvault.storage.StorageException;
import dev.keybridge.localvault.storage.VaultDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Storage of secrets in the vault database (tables {@code secrets} and {@code secret_versions}).
 * Values are sealed with the {@link MasterKey}, bound to name and version, exactly as key material
 * is. Names are case-insensitive (stored under their lower-case form, shown as first created).
 * Every write is one {@link VaultDatabase#transaction} and joins an enclosing one, so a certificate
 * writes its key, secret and certificate atomically. Soft-deleted secrets stay recoverable for
 * {@link KeyRepository#RECOVERABLE_DAYS} days. No permission or HTTP rules here; routes check them.
 */
public final class SecretRepository {
  private static final TypeReference<LinkedHashMap<String, String>> TAGS = new TypeReference<>() {};

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
    return db.read(
        c -> {
          String sql =
              "SELECT name_lc FROM secrets WHERE deleted_date IS "
                  + (deleted ? "NOT NULL" : "NULL")
                  + " AND name_lc > ? ORDER BY name_lc LIMIT ?";
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, afterLc == null ? "" : afterLc);
            ps.setInt(2, limit);
            return strings(ps);
          }
        });
  }

  /**
   * Adds a version, creating the name if it is free. The caller has checked that the name is not
   * soft-deleted; the version id must be new for the name. Returns it under the stored name.
   */
  public SecretVersion addVersion(SecretVersion v) {
    String lc = lc(v.name());
    return db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("INSERT OR IGNORE INTO secrets(name_lc, name) VALUES(?, ?)")) {
            ps.setString(1, lc);
            ps.setString(2, v.name());
            ps.executeUpdate();
          }
          String stored;
          try (PreparedStatement ps =
              c.prepareStatement("SELECT name FROM secrets WHERE name_lc=?")) {
            ps.setString(1, lc);
            stored = strings(ps).get(0);
          }
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

  /** Replaces the attributes and tags of a stored version. */
  public SecretVersion updateVersion(SecretVersion v) {
    String lc = lc(v.name());
    return db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE secret_versions SET enabled=?, nbf=?, exp=?, updated=?, tags=?"
                      + " WHERE name_lc=? AND version=?")) {
            SecretAttributes a = v.attributes();
            ps.setInt(1, a.enabled() ? 1 : 0);
            setLong(ps, 2, a.nbf());
            setLong(ps, 3, a.exp());
            ps.setLong(4, a.updated());
            ps.setString(5, json(v.tags()));
            ps.setString(6, lc);
            ps.setString(7, v.version());
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
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE secrets SET deleted_date=?, scheduled_purge_date=? WHERE name_lc=?"
                      + " AND deleted_date IS NULL")) {
            ps.setLong(1, now);
            ps.setLong(2, now + KeyRepository.RECOVERABLE_DAYS * 86_400L);
            ps.setString(3, lc);
            if (ps.executeUpdate() != 1) {
              throw new StorageException("secret " + name + " is not active");
            }
          }
          return load(c, lc);
        });
  }

  /** Brings a deleted secret back with all versions. */
  public SecretRecord recover(String name) {
    String lc = lc(name);
    return db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE secrets SET deleted_date=NULL, scheduled_purge_date=NULL WHERE name_lc=?"
                      + " AND deleted_date IS NOT NULL")) {
            ps.setString(1, lc);
            if (ps.executeUpdate() != 1) {
              throw new StorageException("secret " + name + " is not deleted");
            }
          }
          return load(c, lc);
        });
  }

  /** Removes a secret and all its versions for good (nothing happens for a free name). */
  public void purge(String name) {
    String lc = lc(name);
    db.transaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM secrets WHERE name_lc=?")) {
            ps.setString(1, lc);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** Purges every deleted secret whose scheduled purge date is at or before {@code now}. */
  public void purgeExpired(long now) {
    db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM secrets WHERE scheduled_purge_date <= ?")) {
            ps.setLong(1, now);
            ps.executeUpdate();
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
      setLong(ps, 5, a.nbf());
      setLong(ps, 6, a.exp());
      ps.setLong(7, a.created());
      ps.setLong(8, a.updated());
      ps.setString(9, json(v.tags()));
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
        deleted = getLong(rs, 2);
        purgeAt = getLong(rs, 3);
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
                      getLong(rs, 4),
                      getLong(rs, 5),
                      rs.getLong(6),
                      rs.getLong(7)),
                  parseTags(rs.getString(8)),
                  rs.getInt(9) != 0));
        }
      }
    }
    return versions.isEmpty() ? null : new SecretRecord(name, versions, deleted, purgeAt);
  }

  private static List<String> strings(PreparedStatement ps) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  static String lc(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static String context(String lc, String version) {
    return "secret:" + lc + "/" + version;
  }

  private static String json(Object o) {
    try {
      return Json.MAPPER.writeValueAsString(o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static LinkedHashMap<String, String> parseTags(String s) {
    try {
      return Json.MAPPER.readValue(s, TAGS);
    } catch (IOException e) {
      throw new StorageException("corrupt secret row: " + e.getMessage());
    }
  }

  private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setLong(i, v);
    }
  }

  private static Long getLong(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : v;
  }
}
