package dev.keybridge.management;

import com.azure.security.keyvault.certificates.models.CertificateContentType;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import com.azure.security.keyvault.certificates.models.ImportCertificateOptions;
import dev.keybridge.management.certificates.CertificateChains;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;

/** The SDK's requests for certificate imports (shared by the sync and the async facade). */
final class CertificateImports {
  private CertificateImports() {}

  /** A PKCS#12 import; a null or empty password is not sent. */
  static ImportCertificateOptions pkcs12(String name, byte[] pkcs12, char[] password) {
    ImportCertificateOptions options = new ImportCertificateOptions(name, pkcs12);
    if (password != null && password.length > 0) {
      options.setPassword(new String(password));
    }
    return options;
  }

  /**
   * A PEM import: the PKCS#8 private key and the certificate chain, leaf first.
   *
   * @throws IllegalArgumentException if the PEM text holds no certificate
   */
  static ImportCertificateOptions pem(String name, String pem) {
    List<X509Certificate> certificates = CertificateChains.fromPem(pem);
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("the PEM text holds no certificate");
    }
    return new ImportCertificateOptions(name, pem.getBytes(StandardCharsets.US_ASCII))
        .setPolicy(pemPolicy(certificates.get(0)));
  }

  /**
   * A PEM import needs a policy whose content type is PEM: the SDK then sends the PEM text itself
   * instead of base64 bytes. The subject is the leaf's; issuer Unknown, as the vault derives it.
   */
  private static CertificatePolicy pemPolicy(X509Certificate leaf) {
    return new CertificatePolicy("Unknown", leaf.getSubjectX500Principal().getName())
        .setContentType(CertificateContentType.PEM);
  }
}
