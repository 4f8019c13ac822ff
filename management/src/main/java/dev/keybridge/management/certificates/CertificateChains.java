package dev.keybridge.management.certificates;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * Reads the certificate chain out of a certificate's secret: a PKCS#12 (base64, no password) or PEM
 * bundle. Private keys in it are ignored.
 */
public final class CertificateChains {
  private CertificateChains() {}

  /**
   * The chain starting with {@code leaf}: the leaf, then the other certificates of the secret in
   * their order.
   */
  public static List<X509Certificate> chain(
      X509Certificate leaf, String secretValue, String contentType) {
    List<X509Certificate> fromSecret =
        contentType != null && contentType.toLowerCase(Locale.ROOT).contains("pem")
            ? fromPem(secretValue)
            : fromPkcs12(Base64.getDecoder().decode(secretValue.trim()));
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(leaf);
    for (X509Certificate certificate : fromSecret) {
      if (!certificate.equals(leaf)) {
        chain.add(certificate);
      }
    }
    return Collections.unmodifiableList(chain);
  }

  /**
   * Whether a failed secret read means "no permission" (403 without inner code, or ForbiddenByRbac
   * / access-policy denial), as opposed to e.g. a disabled secret.
   */
  public static boolean isPermissionDenied(int status, String innerErrorCode) {
    return status == 403
        && (innerErrorCode == null
            || innerErrorCode.equals("ForbiddenByRbac")
            || innerErrorCode.equals("AccessDenied"));
  }

  /** Every certificate of a PEM text, in order. */
  public static List<X509Certificate> fromPem(String pem) {
    try {
      List<X509Certificate> certificates = new ArrayList<>();
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(
                      onlyCertificates(pem).getBytes(StandardCharsets.US_ASCII)))) {
        certificates.add((X509Certificate) certificate);
      }
      return certificates;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read certificates from PEM: " + e, e);
    }
  }

  private static List<X509Certificate> fromPkcs12(byte[] pkcs12) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(pkcs12), new char[0]);
      List<X509Certificate> certificates = new ArrayList<>();
      Enumeration<String> aliases = store.aliases();
      while (aliases.hasMoreElements()) {
        String alias = aliases.nextElement();
        Certificate[] chain = store.getCertificateChain(alias);
        if (chain != null) {
          for (Certificate certificate : chain) {
            certificates.add((X509Certificate) certificate);
          }
        } else if (store.getCertificate(alias) != null) {
          certificates.add((X509Certificate) store.getCertificate(alias));
        }
      }
      return certificates;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the certificate's PKCS#12 secret: " + e, e);
    }
  }

  /** Only the CERTIFICATE blocks: CertificateFactory stops at a PRIVATE KEY block. */
  private static String onlyCertificates(String pem) {
    StringBuilder out = new StringBuilder();
    int from = 0;
    while (true) {
      int begin = pem.indexOf("-----BEGIN CERTIFICATE-----", from);
      if (begin < 0) {
        return out.toString();
      }
      String endMarker = "-----END CERTIFICATE-----";
      int end = pem.indexOf(endMarker, begin);
      if (end < 0) {
        return out.toString();
      }
      out.append(pem, begin, end + endMarker.length()).append('\n');
      from = end + endMarker.length();
    }
  }
}
