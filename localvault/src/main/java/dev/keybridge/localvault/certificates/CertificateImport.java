package dev.keybridge.localvault.certificates;

import dev.keybridge.localvault.VaultError;

/**
 * Reads the {@code value} of {@code POST /certificates/{name}/import}: standard base64 of a PKCS#12
 * (PFX) file, or PEM text with a private key and certificates.
 */
public final class CertificateImport {
  private CertificateImport() {}

  /**
   * Parses the import value. PEM text (anything containing {@code -----BEGIN}) may hold a PKCS#8
   * {@code PRIVATE KEY}, an OpenSSL {@code RSA PRIVATE KEY} or {@code EC PRIVATE KEY}, or an {@code
   * ENCRYPTED PRIVATE KEY} (opened with {@code password}), plus one or more {@code CERTIFICATE}
   * blocks in any order. Anything else is taken as base64 of a PKCS#12 file, opened with {@code
   * password} (none means the empty password). The leaf is the certificate whose public key belongs
   * to the private key.
   *
   * @param value the {@code value} member
   * @param password the {@code pwd} member, or null when absent
   * @return the key pair, the chain leaf first, and the detected content type
   * @throws VaultError 400 {@code BadParameter} for an empty value, bad base64, a file that is
   *     neither PKCS#12 nor PEM, a missing or wrong password (naming {@code pwd}), no private key,
   *     more than one private key, no certificate, or no certificate for the private key
   */
  public static ImportedCertificate parse(String value, String password) {
    if (value == null || value.isBlank()) {
      throw VaultError.badParameter(
          "value is required: base64 of a PKCS#12 file or PEM text with the private key and"
              + " certificate");
    }
    if (value.contains("-----BEGIN")) {
      return PemImport.read(value, password);
    }
    return Pkcs12Import.read(CertificateInputs.decodeBase64(value, "value"), password);
  }
}
