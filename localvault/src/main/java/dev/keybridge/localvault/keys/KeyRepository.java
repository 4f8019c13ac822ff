package dev.keybridge.localvault.keys;

import dev.keybridge.localvault.storage.Columns;
import dev.keybridge.localvault.storage.MasterKey;
import dev.keybridge.localvault.storage.NameTable;
import dev.keybridge.localvault.storage.StorageException;
import dev.keybridge.localvault.storage.VaultDatabase;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Storage of keys in the vault database, with an in-memory cache of parsed key material so crypto
 * operations do no database read and no key parsing.
 *
 * <p>Names are case-insensitive (stored under their lower-case form, shown as first created). Key
 * material is sealed with the {@link MasterKey}, bound to name and version. Every write is one
 * transaction of {@link VaultDatabase} and joins an enclosing one, so another resource (a
 * certificate and its managed key) can write atomically; cached entries are dropped after commit.
 * The repository does not check permissions or HTTP-level rules; routes do.
 */
public final class KeyRepository {
  private static final NameTable NAMES = new NameTable("keys", "key");

  private final VaultDatabase db;
  private final MasterKey masterKey;
  private final Map<String, KeyRecord> cache = new ConcurrentHashMap<>();

  public KeyRepository(VaultDatabase db, MasterKey masterKey) {
    this.db = db;
    this.masterKey = masterKey;
    db.ensureSchema(
        "CREATE TABLE IF NOT EXISTS keys (name_lc TEXT PRIMARY KEY, name TEXT NOT NULL,"
            + " deleted_date INTEGER, scheduled_purge_date INTEGER, rotation_policy TEXT)",
        "CREATE TABLE IF NOT EXISTS key_versions (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
            + " name_lc TEXT NOT NULL REFERENCES keys(name_lc) ON DELETE CASCADE,"
            + " version TEXT NOT NULL, kty TEXT NOT NULL, key_ops TEXT NOT NULL,"
            + " enabled INTEGER NOT NULL, nbf INTEGER, exp INTEGER, created INTEGER NOT NULL,"
            + " updated INTEGER NOT NULL, exportable INTEGER NOT NULL, tags TEXT NOT NULL,"
            + " release_policy TEXT, managed INTEGER NOT NULL, material BLOB NOT NULL,"
            + " UNIQUE(name_lc, version))");
  }

  /** A new 32-character lower-case hex version id (use it for a certificate's key version too). */
  public static String newVersionId() {
    return KeyLookup.newVersionId();
  }

  /** The vault database (for resources that combine their writes with key writes). */
  public VaultDatabase database() {
    return db;
  }

  /** Everything stored under {@code name} (active or deleted), or empty when the name is free. */
  public Optional<KeyRecord> record(String name) {
    String lc = lc(name);
    KeyRecord cached = cache.get(lc);
    if (cached != null) {
      return Optional.of(cached);
    }
    return Optional.ofNullable(
        db.read(
            c -> {
              KeyRecord again = cache.get(lc);
              if (again != null) {
                return again;
              }
              KeyRecord loaded = KeyRows.load(c, masterKey, lc);
              if (loaded != null && !db.inTransaction()) {
                cache.put(lc, loaded);
              }
              return loaded;
            }));
  }

  /** The active (not deleted) record under {@code name}. */
  public Optional<KeyRecord> active(String name) {
    return record(name).filter(r -> !r.deleted());
  }

  /** The deleted record under {@code name}. */
  public Optional<KeyRecord> deleted(String name) {
    return record(name).filter(KeyRecord::deleted);
  }

  /**
   * Names (lower-case sort keys) of active or deleted keys after {@code afterLc} (exclusive, null
   * for the start), at most {@code limit}, in order.
   */
  public List<String> names(boolean deleted, String afterLc, int limit) {
    return db.read(c -> NAMES.names(c, deleted, afterLc, limit, ""));
  }

  /**
   * Adds a version under {@code v.name()}, creating the name if it is free. The caller has checked
   * that the name is not soft-deleted; the version id must be new for the name.
   */
  public KeyVersion addVersion(KeyVersion v) {
    String lc = lc(v.name());
    return db.transaction(
        c -> {
          String stored = NAMES.claim(c, v.name());
          KeyVersion named =
              stored.equals(v.name())
                  ? v
                  : new KeyVersion(
                      stored,
                      v.version(),
                      v.kty(),
                      v.keyOps(),
                      v.attributes(),
                      v.tags(),
                      v.releasePolicy(),
                      v.managed(),
                      v.material());
          KeyRows.insert(c, masterKey, lc, named);
          invalidateAfterCommit(lc);
          return named;
        });
  }

  /**
   * Replaces the mutable properties (ops, attributes, tags, release policy) of a stored version.
   */
  public KeyVersion updateVersion(KeyVersion v) {
    String lc = lc(v.name());
    return db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE key_versions SET key_ops=?, enabled=?, nbf=?, exp=?, updated=?,"
                      + " exportable=?, tags=?, release_policy=? WHERE name_lc=? AND version=?")) {
            ps.setString(1, Columns.json(v.keyOps()));
            ps.setInt(2, v.attributes().enabled() ? 1 : 0);
            Columns.setLong(ps, 3, v.attributes().nbf());
            Columns.setLong(ps, 4, v.attributes().exp());
            ps.setLong(5, v.attributes().updated());
            ps.setInt(6, v.attributes().exportable() ? 1 : 0);
            ps.setString(7, Columns.json(v.tags()));
            ps.setString(8, KeyRows.releasePolicyJson(v.releasePolicy()));
            ps.setString(9, lc);
            ps.setString(10, v.version());
            if (ps.executeUpdate() != 1) {
              throw new StorageException(
                  "key version " + v.name() + "/" + v.version() + " vanished");
            }
          }
          invalidateAfterCommit(lc);
          return v;
        });
  }

  /** Soft-deletes all versions of an active key at {@code now} (epoch seconds). */
  public DeletedKey softDelete(String name, long now) {
    String lc = lc(name);
    return db.transaction(
        c -> {
          NAMES.softDelete(c, name, now);
          invalidateAfterCommit(lc);
          return KeyRows.load(c, masterKey, lc).asDeleted();
        });
  }

  /** Brings a deleted key back with all versions. */
  public KeyRecord recover(String name) {
    String lc = lc(name);
    return db.transaction(
        c -> {
          NAMES.recover(c, name);
          invalidateAfterCommit(lc);
          return KeyRows.load(c, masterKey, lc);
        });
  }

  /** Removes a key and all its versions for good. */
  public void purge(String name) {
    String lc = lc(name);
    db.transaction(
        c -> {
          NAMES.purge(c, lc);
          invalidateAfterCommit(lc);
          return null;
        });
  }

  /** Purges every deleted key whose scheduled purge date is at or before {@code now}. */
  public void purgeExpired(long now) {
    List<String> expired = db.read(c -> NAMES.expired(c, now));
    for (String lc : expired) {
      purge(lc);
    }
  }

  /** Stores the rotation policy JSON of a key. */
  public void setRotationPolicy(String name, String policyJson) {
    String lc = lc(name);
    db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE keys SET rotation_policy=? WHERE name_lc=?")) {
            ps.setString(1, policyJson);
            ps.setString(2, lc);
            ps.executeUpdate();
          }
          invalidateAfterCommit(lc);
          return null;
        });
  }

  /**
   * Recreates a key from a backup: all versions in order, with their ids; the name must be free.
   */
  public KeyRecord restore(String name, List<KeyVersion> versions, String rotationPolicy) {
    String lc = lc(name);
    return db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO keys(name_lc, name, rotation_policy) VALUES(?, ?, ?)")) {
            ps.setString(1, lc);
            ps.setString(2, name);
            ps.setString(3, rotationPolicy);
            ps.executeUpdate();
          }
          for (KeyVersion v : versions) {
            KeyRows.insert(c, masterKey, lc, v);
          }
          invalidateAfterCommit(lc);
          return KeyRows.load(c, masterKey, lc);
        });
  }

  private void invalidateAfterCommit(String lc) {
    cache.remove(lc);
    db.afterCommit(() -> cache.remove(lc));
  }

  static String lc(String name) {
    return NameTable.lc(name);
  }
}
