package dev.keybridge.localvault.certificates.routes;

import dev.keybridge.localvault.certificates.CertificatePolicy;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything the vault stores under one certificate name: the policy (with its timestamps), the
 * versions in creation order (empty while the first version is still pending) and the soft-delete
 * state (epoch seconds, null while active).
 */
public record CertificateRecord(
    String name,
    CertificatePolicy policy,
    List<CertificateVersion> versions,
    Long deletedDate,
    Long scheduledPurgeDate) {

  public CertificateRecord {
    versions = List.copyOf(versions);
  }

  public boolean deleted() {
    return deletedDate != null;
  }

  /** False while the only thing under the name is a pending creation. */
  public boolean hasVersions() {
    return !versions.isEmpty();
  }

  /** The most recently created version; only when {@link #hasVersions()}. */
  public CertificateVersion latest() {
    return versions.get(versions.size() - 1);
  }

  /** The version with this id (case-insensitive), or the latest for an empty id. */
  public Optional<CertificateVersion> version(String version) {
    if (!hasVersions()) {
      return Optional.empty();
    }
    if (version == null || version.isEmpty()) {
      return Optional.of(latest());
    }
    String v = version.toLowerCase(Locale.ROOT);
    return versions.stream().filter(c -> c.version().equals(v)).findFirst();
  }
}
