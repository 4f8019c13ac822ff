package dev.keybridge.localvault.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.localvault.VaultError;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the certificate chain of {@code POST /certificates/{name}/pending/merge} against the
 * pending certificate's key and puts it in leaf-first order.
 */
public final class MergeValidator {
  private MergeValidator() {}

  /**
   * Validates the {@code x5c} member of a merge request.
   *
   * @param x5c the JSON array of standard-base64 DER certificates, in any order
   * @param pendingKey the public key of the pending certificate's key pair
   * @return the certificates with the one for {@code pendingKey} first, then its issuers as far as
   *     given, then any others in the order sent
   * @throws VaultError 400 {@code BadParameter} when x5c is missing, empty or not an array of
   *     strings, an element is not base64 or not a certificate, or no certificate carries the
   *     pending key
   */
  public static List<X509Certificate> validate(JsonNode x5c, PublicKey pendingKey) {
    if (x5c == null || !x5c.isArray() || x5c.isEmpty()) {
      throw VaultError.badParameter(
          "x5c must be a non-empty array of base64-encoded DER X.509 certificates");
    }
    List<X509Certificate> certificates = new ArrayList<>();
    for (int i = 0; i < x5c.size(); i++) {
      String field = "x5c[" + i + "]";
      JsonNode element = x5c.get(i);
      if (!element.isTextual()) {
        throw VaultError.badParameter(field + " must be a base64 string");
      }
      certificates.add(
          CertificateInputs.parse(
              CertificateInputs.decodeBase64(element.textValue(), field), field));
    }
    return validate(certificates, pendingKey);
  }

  /**
   * Validates already-decoded certificates; see {@link #validate(JsonNode, PublicKey)}.
   *
   * @throws VaultError 400 {@code BadParameter} when the list is empty or no certificate carries
   *     the pending key
   */
  public static List<X509Certificate> validate(
      List<X509Certificate> certificates, PublicKey pendingKey) {
    if (certificates.isEmpty()) {
      throw VaultError.badParameter(
          "x5c must be a non-empty array of base64-encoded DER X.509 certificates");
    }
    for (X509Certificate certificate : certificates) {
      if (KeyMatch.samePublicKey(certificate.getPublicKey(), pendingKey)) {
        return CertificateInputs.leafFirst(certificate, certificates);
      }
    }
    throw VaultError.badParameter(
        "The public key of the merged certificate does not match the key of the pending"
            + " certificate request: x5c must contain the certificate issued for the CSR");
  }
}
