package dev.keybridge.localvault.secrets;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything the vault stores under one secret name: the versions in creation order and the
 * soft-delete state (epoch seconds, null while active).
 */
public record SecretRecord(
    String name, List<SecretVersion> versions, Long deletedDate, Long scheduledPurgeDate) {

  public SecretRecord {
    versions = List.copyOf(versions);
  }

  public boolean deleted() {
    return deletedDate != null;
  }

  /** The most recently created version. */
  public SecretVersion latest() {
    return versions.get(versions.size() - 1);
  }

  /** The version with this id (case-insensitive), or the latest for an empty id. */
  public Optional<SecretVersion> version(String version) {
    if (version == null || version.isEmpty()) {
      return Optional.of(latest());
    }
    String v = version.toLowerCase(Locale.ROOT);
    return versions.stream().filter(s -> s.version().equals(v)).findFirst();
  }

  /** Whether the latest version backs a certificate. */
  public boolean managed() {
    return latest().managed();
  }
}
