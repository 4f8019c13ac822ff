package dev.keybridge.localvault.certificates.routes;

import dev.keybridge.localvault.certificates.CertificateOperation;
import dev.keybridge.localvault.crypto.KeyMaterial;
import java.util.Map;

/**
 * The creation operation of a certificate ({@code /certificates/{name}/pending}) as stored: the
 * version id the new certificate, key and secret will get, the operation, the key pair waiting for
 * a merge (null once the operation ended), and the {@code enabled} attribute and tags the create
 * request asked for. {@link #toString()} never shows key material.
 */
public record PendingCertificate(
    String name,
    String version,
    CertificateOperation operation,
    KeyMaterial material,
    boolean enabled,
    Map<String, String> tags) {

  public PendingCertificate {
    tags = Map.copyOf(tags);
  }

  /** True while the operation waits (for a merge). */
  public boolean inProgress() {
    return operation.status() == CertificateOperation.Status.IN_PROGRESS;
  }

  /** The same pending certificate with another operation state; a terminal one drops the key. */
  public PendingCertificate with(CertificateOperation next) {
    return new PendingCertificate(
        name, version, next, next.status().isTerminal() ? null : material, enabled, tags);
  }

  @Override
  public String toString() {
    return "PendingCertificate["
        + name
        + "/"
        + version
        + ", "
        + operation.status().wireName()
        + "]";
  }
}
