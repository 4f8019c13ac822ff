package dev.keybridge.localvault.certificates;

import dev.keybridge.localvault.VaultError;

/** The format of the secret that backs a certificate version ({@code secret_props.contentType}). */
public enum CertificateContentType {
  /** Standard base64 of a PKCS#12 (PFX) file without password. */
  PKCS12("application/x-pkcs12"),
  /** PEM text: a PKCS#8 private key (when exportable) followed by the certificates. */
  PEM("application/x-pem-file");

  private final String mediaType;

  CertificateContentType(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The media type as it appears on the wire, e.g. {@code application/x-pkcs12}. */
  public String mediaType() {
    return mediaType;
  }

  /**
   * The content type for a wire media type (case-insensitive).
   *
   * @param field the JSON path named in the error
   * @throws VaultError 400 {@code BadParameter} for any other media type
   */
  public static CertificateContentType fromMediaType(String mediaType, String field) {
    for (CertificateContentType type : values()) {
      if (type.mediaType.equalsIgnoreCase(mediaType)) {
        return type;
      }
    }
    throw JsonFields.invalid(
        field, "must be application/x-pkcs12 or application/x-pem-file (got '" + mediaType + "')");
  }
}
