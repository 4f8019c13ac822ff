package dev.keybridge.localvault.certificates;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * The value of the secret that backs a certificate version ({@code GET /secrets/{name}/{ver}}), in
 * the policy's content type.
 */
public final class SecretContent {
  private static final Base64.Encoder PEM_BASE64 =
      Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private SecretContent() {}

  /**
   * Builds the secret value.
   *
   * <ul>
   *   <li>{@code application/x-pkcs12}: standard base64 of a PKCS#12 file with the empty password
   *       holding the chain and, only when {@code exportable}, the private key. The JDK opens it
   *       with {@code ""} (or {@code null} to read just the certificates); {@code openssl pkcs12
   *       -passin pass:} opens it too.
   *   <li>{@code application/x-pem-file}: a PKCS#8 {@code PRIVATE KEY} block (only when {@code
   *       exportable}) followed by one {@code CERTIFICATE} block per certificate, leaf first, with
   *       {@code \n} line ends.
   * </ul>
   *
   * @param contentType the policy's {@code secret_props.contentType}
   * @param chain the certificate chain, leaf first, not empty
   * @param privateKey the certificate's private key; may be null when not {@code exportable}
   * @param exportable whether the private key goes into the secret
   * @throws IllegalArgumentException for an empty chain, or a missing (or not PKCS#8-encodable) key
   *     when exportable
   */
  public static String build(
      CertificateContentType contentType,
      List<X509Certificate> chain,
      PrivateKey privateKey,
      boolean exportable) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("A certificate secret needs at least one certificate");
    }
    if (exportable && privateKey == null) {
      throw new IllegalArgumentException("An exportable certificate secret needs the private key");
    }
    PrivateKey key = exportable ? privateKey : null;
    if (contentType == CertificateContentType.PKCS12) {
      return Base64.getEncoder().encodeToString(Pkcs12Writer.write(chain, key));
    }
    StringBuilder pem = new StringBuilder();
    if (key != null) {
      byte[] pkcs8 = key.getEncoded();
      if (pkcs8 == null || !"PKCS#8".equals(key.getFormat())) {
        throw new IllegalArgumentException("The private key has no PKCS#8 encoding");
      }
      appendPem(pem, "PRIVATE KEY", pkcs8);
    }
    for (X509Certificate certificate : chain) {
      try {
        appendPem(pem, "CERTIFICATE", certificate.getEncoded());
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("Cannot encode a certificate of the chain", e);
      }
    }
    return pem.toString();
  }

  private static void appendPem(StringBuilder pem, String type, byte[] der) {
    pem.append("-----BEGIN ").append(type).append("-----\n");
    pem.append(PEM_BASE64.encodeToString(der)).append('\n');
    pem.append("-----END ").append(type).append("-----\n");
  }
}
