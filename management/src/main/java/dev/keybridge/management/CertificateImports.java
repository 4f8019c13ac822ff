package dev.keybridge.management;

import com.azure.security.keyvault.certificates.models.CertificateContentType;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import java.security.cert.X509Certificate;

/** Policies for certificate imports. */
final class CertificateImports {
  private CertificateImports() {}

  /**
   * A PEM import needs a policy whose content type is PEM: the SDK then sends the PEM text itself
   * instead of base64 bytes. The subject is the leaf's; issuer Unknown, as the vault derives it.
   */
  static CertificatePolicy pemPolicy(X509Certificate leaf) {
    return new CertificatePolicy("Unknown", leaf.getSubjectX500Principal().getName())
        .setContentType(CertificateContentType.PEM);
  }
}
