package dev.keybridge.localvault.certificates.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.localvault.certificates.CertificateContentType;
import dev.keybridge.localvault.certificates.CertificatePolicy;
import dev.keybridge.localvault.crypto.KeyMaterial;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.storage.Columns;
import dev.keybridge.localvault.storage.MasterKey;
import dev.keybridge.localvault.storage.NameTable;
import dev.keybridge.localvault.storage.StorageException;
import dev.keybridge.localvault.storage.VaultDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Storage of certificates in the vault database: {@code certificates} (name, policy, soft-delete
 * state), {@code certificate_versions} (chain, secret content type, enabled, timestamps, tags) and
 * {@code certificate_operations} (the pending operation and, while it waits for a merge, its key
 * pair sealed with the {@link MasterKey} exactly as key material is). Names are case-insensitive.
 * Every write joins an enclosing {@link VaultDatabase#transaction}, so a certificate version is
 * stored atomically with its key and secret.
 */
public final class CertificateRepository {
  private static final NameTable NAMES = new NameTable("certificates", "certificate");

  private final VaultDatabase db;
  private final MasterKey masterKey;

  public CertificateRepository(VaultDatabase db, MasterKey masterKey) {
    this.db = db;
    this.masterKey = masterKey;
    db.ensureSchema(
        "CREATE TABLE IF NOT EXISTS certificates (name_lc TEXT PRIMARY KEY, name TEXT NOT NULL,"
            + " policy TEXT NOT NULL, policy_created INTEGER NOT NULL,"
            + " policy_updated INTEGER NOT NULL, deleted_date INTEGER,"
            + " scheduled_purge_date INTEGER)",
        "CREATE TABLE IF NOT EXISTS certificate_versions (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
            + " name_lc TEXT NOT NULL REFERENCES certificates(name_lc) ON DELETE CASCADE,"
            + " version TEXT NOT NULL, chain TEXT NOT NULL, content_type TEXT NOT NULL,"
            + " enabled INTEGER NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL,"
            + " tags TEXT NOT NULL, UNIQUE(name_lc, version))",
        "CREATE TABLE IF NOT EXISTS certificate_operations (name_lc TEXT PRIMARY KEY"
            + " REFERENCES certificates(name_lc) ON DELETE CASCADE, version TEXT NOT NULL,"
            + " operation TEXT NOT NULL, material BLOB, enabled INTEGER NOT NULL,"
            + " tags TEXT NOT NULL)");
  }

  public VaultDatabase database() {
    return db;
  }

  /** Everything under {@code name} (active, pending-only or deleted), or empty when free. */
  public Optional<CertificateRecord> record(String name) {
    return Optional.ofNullable(db.read(c -> load(c, lc(name))));
  }

  /**
   * Lower-case names after {@code afterLc} (exclusive, null for the start), at most {@code limit},
   * in order: deleted or active ones; names without a version only when {@code includePending}.
   */
  public List<String> names(boolean deleted, String afterLc, int limit, boolean includePending) {
    String withVersion =
        " AND EXISTS (SELECT 1 FROM certificate_versions v"
            + " WHERE v.name_lc = certificates.name_lc)";
    return db.read(c -> NAMES.names(c, deleted, afterLc, limit, includePending ? "" : withVersion));
  }

  /**
   * Stores the policy of {@code name}, creating the certificate (without versions) if the name is
   * free. Returns the name as stored (as first created).
   */
  public String savePolicy(String name, CertificatePolicy policy) {
    String lc = lc(name);
    return db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO certificates(name_lc, name, policy, policy_created, policy_updated)"
                      + " VALUES(?,?,?,?,?) ON CONFLICT(name_lc) DO UPDATE SET"
                      + " policy=excluded.policy, policy_updated=excluded.policy_updated")) {
            ps.setString(1, lc);
            ps.setString(2, name);
            ps.setString(3, Json.MAPPER.writeValueAsString(policy.toJson(null)));
            ps.setLong(4, policy.created().getEpochSecond());
            ps.setLong(5, policy.updated().getEpochSecond());
            ps.executeUpdate();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
          try (PreparedStatement ps =
              c.prepareStatement("SELECT name FROM certificates WHERE name_lc=?")) {
            ps.setString(1, lc);
            return Columns.strings(ps).get(0);
          }
        });
  }

  /** Adds a version to an existing certificate (see {@link #savePolicy}). */
  public void addVersion(CertificateVersion v) {
    db.transaction(
        c -> {
          insertVersion(c, lc(v.name()), v);
          return null;
        });
  }

  /** Replaces {@code enabled}, {@code updated} and the tags of a stored version. */
  public void updateVersion(CertificateVersion v) {
    db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE certificate_versions SET enabled=?, updated=?, tags=?"
                      + " WHERE name_lc=? AND version=?")) {
            ps.setInt(1, v.enabled() ? 1 : 0);
            ps.setLong(2, v.updated().getEpochSecond());
            ps.setString(3, Columns.json(v.tags()));
            ps.setString(4, lc(v.name()));
            ps.setString(5, v.version());
            if (ps.executeUpdate() != 1) {
              throw new StorageException("certificate version " + v.name() + " vanished");
            }
          }
          return null;
        });
  }

  /** The creation operation of {@code name}, or empty. */
  public Optional<PendingCertificate> pending(String name) {
    return Optional.ofNullable(db.read(c -> loadPending(c, lc(name))));
  }

  /** Whether {@code name} has a creation operation (of any state), without loading it. */
  public boolean hasOperation(String name) {
    String lc = lc(name);
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT 1 FROM certificate_operations WHERE name_lc=?")) {
            ps.setString(1, lc);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  /** Stores (replaces) the creation operation of an existing certificate row. */
  public void savePending(PendingCertificate p) {
    String lc = lc(p.name());
    db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT OR REPLACE INTO certificate_operations(name_lc, version, operation,"
                      + " material, enabled, tags) VALUES(?,?,?,?,?,?)")) {
            ps.setString(1, lc);
            ps.setString(2, p.version());
            ps.setString(3, Columns.json(StoredOperation.toJson(p.operation())));
            ps.setBytes(
                4,
                p.material() == null
                    ? null
                    : masterKey.seal(p.material().serialize(), pendingContext(lc, p.version())));
            ps.setInt(5, p.enabled() ? 1 : 0);
            ps.setString(6, Columns.json(p.tags()));
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** Drops the creation operation of {@code name} (nothing happens when there is none). */
  public void deletePending(String name) {
    execute("DELETE FROM certificate_operations WHERE name_lc=?", lc(name));
  }

  /** Soft-deletes the certificate at {@code now}, scheduling the purge like keys. */
  public void softDelete(String name, long now) {
    db.transaction(
        c -> {
          NAMES.softDelete(c, name, now);
          return null;
        });
  }

  /** Undoes {@link #softDelete}. */
  public void recover(String name) {
    execute(
        "UPDATE certificates SET deleted_date=NULL, scheduled_purge_date=NULL WHERE name_lc=?",
        lc(name));
  }

  /** Removes the certificate with its versions and operation for good. */
  public void purge(String name) {
    db.transaction(
        c -> {
          NAMES.purge(c, name);
          return null;
        });
  }

  /** Lower-case names of deleted certificates whose purge date is at or before {@code now}. */
  public List<String> expired(long now) {
    return db.read(c -> NAMES.expired(c, now));
  }

  private void execute(String sql, String lc) {
    db.transaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, lc);
            ps.executeUpdate();
          }
          return null;
        });
  }

  private void insertVersion(Connection c, String lc, CertificateVersion v) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO certificate_versions(name_lc, version, chain, content_type, enabled,"
                + " created, updated, tags) VALUES(?,?,?,?,?,?,?,?)")) {
      List<String> chain = new ArrayList<>();
      for (X509Certificate x : v.chain()) {
        try {
          chain.add(Base64.getEncoder().encodeToString(x.getEncoded()));
        } catch (CertificateEncodingException e) {
          throw new IllegalStateException("A parsed certificate has no DER encoding", e);
        }
      }
      ps.setString(1, lc);
      ps.setString(2, v.version());
      ps.setString(3, Columns.json(chain));
      ps.setString(4, v.contentType().mediaType());
      ps.setInt(5, v.enabled() ? 1 : 0);
      ps.setLong(6, v.created().getEpochSecond());
      ps.setLong(7, v.updated().getEpochSecond());
      ps.setString(8, Columns.json(v.tags()));
      ps.executeUpdate();
    }
  }

  private CertificateRecord load(Connection c, String lc) throws SQLException {
    String name;
    CertificatePolicy policy;
    Long deleted;
    Long purgeAt;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT name, policy, policy_created, policy_updated, deleted_date,"
                + " scheduled_purge_date FROM certificates WHERE name_lc=?")) {
      ps.setString(1, lc);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        name = rs.getString(1);
        policy =
            CertificatePolicy.fromJson(tree(rs.getString(2)))
                .withTimestamps(
                    Instant.ofEpochSecond(rs.getLong(3)), Instant.ofEpochSecond(rs.getLong(4)));
        deleted = Columns.getLong(rs, 5);
        purgeAt = Columns.getLong(rs, 6);
      }
    }
    List<CertificateVersion> versions = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT version, chain, content_type, enabled, created, updated, tags"
                + " FROM certificate_versions WHERE name_lc=? ORDER BY seq")) {
      ps.setString(1, lc);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          versions.add(
              new CertificateVersion(
                  name,
                  rs.getString(1),
                  chain(tree(rs.getString(2))),
                  CertificateContentType.fromMediaType(rs.getString(3), "content_type"),
                  rs.getInt(4) != 0,
                  Instant.ofEpochSecond(rs.getLong(5)),
                  Instant.ofEpochSecond(rs.getLong(6)),
                  tags(rs.getString(7))));
        }
      }
    }
    return new CertificateRecord(name, policy, versions, deleted, purgeAt);
  }

  private PendingCertificate loadPending(Connection c, String lc) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT o.version, o.operation, o.material, o.enabled, o.tags, c.name"
                + " FROM certificate_operations o JOIN certificates c ON c.name_lc = o.name_lc"
                + " WHERE o.name_lc=?")) {
      ps.setString(1, lc);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        String version = rs.getString(1);
        byte[] sealed = rs.getBytes(3);
        KeyMaterial material =
            sealed == null
                ? null
                : KeyMaterial.deserialize(masterKey.open(sealed, pendingContext(lc, version)));
        return new PendingCertificate(
            rs.getString(6),
            version,
            StoredOperation.fromJson(tree(rs.getString(2))),
            material,
            rs.getInt(4) != 0,
            tags(rs.getString(5)));
      }
    }
  }

  private static List<X509Certificate> chain(JsonNode array) {
    try {
      CertificateFactory f = CertificateFactory.getInstance("X.509");
      List<X509Certificate> out = new ArrayList<>();
      for (JsonNode der : array) {
        out.add(
            (X509Certificate)
                f.generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(der.asText()))));
      }
      return out;
    } catch (CertificateException | IllegalArgumentException e) {
      throw new StorageException("corrupt certificate row: " + e.getMessage());
    }
  }

  private static JsonNode tree(String s) {
    try {
      return Json.MAPPER.readTree(s);
    } catch (IOException e) {
      throw new StorageException("corrupt certificate row: " + e.getMessage());
    }
  }

  private static LinkedHashMap<String, String> tags(String s) {
    return Json.MAPPER.convertValue(tree(s), Columns.TAGS);
  }

  private static String pendingContext(String lc, String version) {
    return "certificate-pending-key:" + lc + "/" + version;
  }

  static String lc(String name) {
    return NameTable.lc(name);
  }
}
