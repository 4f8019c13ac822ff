package dev.keybridge.localvault.keys;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.keybridge.localvault.crypto.KeyMaterial;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.storage.Columns;
import dev.keybridge.localvault.storage.MasterKey;
import dev.keybridge.localvault.storage.StorageException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Mapping of keys to and from the {@code keys} and {@code key_versions} tables. */
final class KeyRows {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private KeyRows() {}

  static void insert(Connection c, MasterKey masterKey, String lc, KeyVersion v)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO key_versions(name_lc, version, kty, key_ops, enabled, nbf, exp, created,"
                + " updated, exportable, tags, release_policy, managed, material)"
                + " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      KeyAttributes a = v.attributes();
      ps.setString(1, lc);
      ps.setString(2, v.version());
      ps.setString(3, v.kty());
      ps.setString(4, Columns.json(v.keyOps()));
      ps.setInt(5, a.enabled() ? 1 : 0);
      Columns.setLong(ps, 6, a.nbf());
      Columns.setLong(ps, 7, a.exp());
      ps.setLong(8, a.created());
      ps.setLong(9, a.updated());
      ps.setInt(10, a.exportable() ? 1 : 0);
      ps.setString(11, Columns.json(v.tags()));
      ps.setString(12, releasePolicyJson(v.releasePolicy()));
      ps.setInt(13, v.managed() ? 1 : 0);
      ps.setBytes(14, masterKey.seal(v.material().serialize(), context(lc, v.version())));
      ps.executeUpdate();
    }
  }

  static KeyRecord load(Connection c, MasterKey masterKey, String lc) throws SQLException {
    String name;
    Long deleted;
    Long purgeAt;
    String policy;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT name, deleted_date, scheduled_purge_date, rotation_policy FROM keys WHERE name_lc=?")) {
      ps.setString(1, lc);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        name = rs.getString(1);
        deleted = Columns.getLong(rs, 2);
        purgeAt = Columns.getLong(rs, 3);
        policy = rs.getString(4);
      }
    }
    List<KeyVersion> versions = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT version, kty, key_ops, enabled, nbf, exp, created, updated, exportable, tags,"
                + " release_policy, managed, material FROM key_versions WHERE name_lc=? ORDER BY seq")) {
      ps.setString(1, lc);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String version = rs.getString(1);
          KeyMaterial material =
              KeyMaterial.deserialize(masterKey.open(rs.getBytes(13), context(lc, version)));
          versions.add(
              new KeyVersion(
                  name,
                  version,
                  rs.getString(2),
                  Columns.parse(rs.getString(3), STRINGS, "key"),
                  new KeyAttributes(
                      rs.getInt(4) != 0,
                      Columns.getLong(rs, 5),
                      Columns.getLong(rs, 6),
                      rs.getLong(7),
                      rs.getLong(8),
                      rs.getInt(9) != 0),
                  Columns.parse(rs.getString(10), Columns.TAGS, "key"),
                  releasePolicy(rs.getString(11)),
                  rs.getInt(12) != 0,
                  material));
        }
      }
    }
    if (versions.isEmpty()) {
      return null;
    }
    return new KeyRecord(name, versions, deleted, purgeAt, policy);
  }

  private static String context(String lc, String version) {
    return "key:" + lc + "/" + version;
  }

  static String releasePolicyJson(StoredReleasePolicy p) {
    if (p == null) {
      return null;
    }
    return Columns.json(KeyJson.releasePolicy(p));
  }

  private static StoredReleasePolicy releasePolicy(String s) {
    if (s == null) {
      return null;
    }
    try {
      var n = Json.MAPPER.readTree(s);
      return new StoredReleasePolicy(
          n.get("contentType").asText(),
          n.get("immutable").asBoolean(),
          Json.fromB64url(n.get("data").asText()));
    } catch (IOException | RuntimeException e) {
      throw new StorageException("corrupt release policy in key row");
    }
  }
}
