package dev.keybridge.localvault.keys;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything the vault stores under one key name: the versions in creation order, the soft-delete
 * state and the rotation policy JSON (null when never set).
 */
public record KeyRecord(
    String name,
    List<KeyVersion> versions,
    Long deletedDate,
    Long scheduledPurgeDate,
    String rotationPolicy) {

  public KeyRecord {
    versions = List.copyOf(versions);
  }

  public boolean deleted() {
    return deletedDate != null;
  }

  /** The most recently created version. */
  public KeyVersion latest() {
    return versions.get(versions.size() - 1);
  }

  /** The version with this id (case-insensitive), or the latest for an empty id. */
  public Optional<KeyVersion> version(String version) {
    if (version == null || version.isEmpty()) {
      return Optional.of(latest());
    }
    String v = version.toLowerCase(Locale.ROOT);
    for (KeyVersion k : versions) {
      if (k.version().equals(v)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** Whether the latest version backs a certificate. */
  public boolean managed() {
    return latest().managed();
  }

  /** The record as a {@link DeletedKey} (only meaningful when {@link #deleted()}). */
  public DeletedKey asDeleted() {
    return new DeletedKey(latest(), deletedDate, scheduledPurgeDate);
  }
}
