package dev.keybridge.localvault.storage;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Small named values of the vault kept in the database ({@code vault_settings}): the tenant id, the
 * administrator client, the token-signing key. Secret values are sealed with the {@link MasterKey}.
 */
public final class VaultSettings {
  private final VaultDatabase db;
  private final MasterKey masterKey;

  public VaultSettings(VaultDatabase db, MasterKey masterKey) {
    this.db = db;
    this.masterKey = masterKey;
    db.ensureSchema(
        "CREATE TABLE IF NOT EXISTS vault_settings (name TEXT PRIMARY KEY, value BLOB NOT NULL)");
  }

  /** The plain value stored under {@code name}, or the value of {@code initial} stored now. */
  public String getOrCreate(String name, Supplier<String> initial) {
    return new String(
        getOrCreateBytes(name, () -> initial.get().getBytes(StandardCharsets.UTF_8), false),
        StandardCharsets.UTF_8);
  }

  /** Like {@link #getOrCreate} for a secret: stored sealed with the master key. */
  public byte[] getOrCreateSecret(String name, Supplier<byte[]> initial) {
    return getOrCreateBytes(name, initial, true);
  }

  /** Stores {@code value} under {@code name}, sealed if {@code secret}. */
  public void put(String name, byte[] value, boolean secret) {
    byte[] stored = secret ? masterKey.seal(value, "setting:" + name) : value;
    db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO vault_settings(name, value) VALUES(?, ?)"
                      + " ON CONFLICT(name) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, name);
            ps.setBytes(2, stored);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** The value under {@code name}, unsealed if {@code secret}. */
  public Optional<byte[]> get(String name, boolean secret) {
    byte[] raw =
        db.read(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement("SELECT value FROM vault_settings WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next() ? rs.getBytes(1) : null;
                }
              }
            });
    if (raw == null) {
      return Optional.empty();
    }
    return Optional.of(secret ? masterKey.open(raw, "setting:" + name) : raw);
  }

  private byte[] getOrCreateBytes(String name, Supplier<byte[]> initial, boolean secret) {
    return db.transaction(
        c -> {
          Optional<byte[]> existing = get(name, secret);
          if (existing.isPresent()) {
            return existing.get();
          }
          byte[] value = initial.get();
          put(name, value, secret);
          return value;
        });
  }
}
