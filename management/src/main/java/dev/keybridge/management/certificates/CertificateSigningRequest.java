package dev.keybridge.management.certificates;

import java.util.Base64;

/**
 * A PKCS#10 certificate signing request created by the vault for a pending certificate: sign it
 * with an external CA and merge the resulting chain back.
 *
 * @param name the certificate name
 * @param der the DER-encoded request
 */
public record CertificateSigningRequest(String name, byte[] der) {
  public CertificateSigningRequest {
    if (der == null || der.length == 0) {
      throw new IllegalArgumentException("the vault returned no CSR for " + name);
    }
    der = der.clone();
  }

  @Override
  public byte[] der() {
    return der.clone();
  }

  /** PEM text ({@code -----BEGIN CERTIFICATE REQUEST-----}). */
  public String pem() {
    return "-----BEGIN CERTIFICATE REQUEST-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(der)
        + "\n-----END CERTIFICATE REQUEST-----\n";
  }
}
