package dev.keybridge.localvault.certificates;

import dev.keybridge.localvault.VaultError;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** Decoding certificates from request input and putting a chain in leaf-first order. */
final class CertificateInputs {
  private CertificateInputs() {}

  /**
   * Decodes standard base64 (padding optional, whitespace ignored; base64url also accepted).
   *
   * @throws VaultError 400 naming {@code field} when the text is not base64
   */
  static byte[] decodeBase64(String text, String field) {
    String compact = text.replaceAll("\\s+", "");
    try {
      return compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(compact)
          : Base64.getDecoder().decode(compact);
    } catch (IllegalArgumentException e) {
      throw VaultError.badParameter(field + " is not valid base64");
    }
  }

  /**
   * Parses one DER (or PEM) X.509 certificate with the JDK.
   *
   * @throws VaultError 400 naming {@code field} when the bytes are not a certificate
   */
  static X509Certificate parse(byte[] der, String field) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw VaultError.badParameter(field + " is not a DER-encoded X.509 certificate");
    }
  }

  /**
   * The certificates with {@code leaf} first, then its issuer, that one's issuer and so on as far
   * as the given certificates reach (an issuer is a certificate whose subject is the previous one's
   * issuer name, preferring one whose key verifies the previous signature), then any certificate
   * not on that path in the order given. Duplicates are dropped.
   */
  static List<X509Certificate> leafFirst(X509Certificate leaf, List<X509Certificate> all) {
    List<X509Certificate> remaining = new ArrayList<>();
    for (X509Certificate certificate : all) {
      if (!contains(remaining, certificate) && !sameCertificate(certificate, leaf)) {
        remaining.add(certificate);
      }
    }
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(leaf);
    X509Certificate current = leaf;
    while (!current.getIssuerX500Principal().equals(current.getSubjectX500Principal())) {
      X509Certificate issuer = issuerOf(current, remaining);
      if (issuer == null) {
        break;
      }
      chain.add(issuer);
      remaining.remove(issuer);
      current = issuer;
    }
    chain.addAll(remaining);
    return List.copyOf(chain);
  }

  private static X509Certificate issuerOf(X509Certificate child, List<X509Certificate> candidates) {
    X509Certificate byName = null;
    for (X509Certificate candidate : candidates) {
      if (candidate.getSubjectX500Principal().equals(child.getIssuerX500Principal())) {
        if (verifies(child, candidate)) {
          return candidate;
        }
        if (byName == null) {
          byName = candidate;
        }
      }
    }
    return byName;
  }

  private static boolean verifies(X509Certificate child, X509Certificate issuer) {
    try {
      child.verify(KeyMatch.normalize(issuer.getPublicKey()), BouncyCastle.PROVIDER);
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static boolean contains(List<X509Certificate> list, X509Certificate certificate) {
    return list.stream().anyMatch(c -> sameCertificate(c, certificate));
  }

  private static boolean sameCertificate(X509Certificate a, X509Certificate b) {
    try {
      return Arrays.equals(a.getEncoded(), b.getEncoded());
    } catch (CertificateException e) {
      return false;
    }
  }
}
