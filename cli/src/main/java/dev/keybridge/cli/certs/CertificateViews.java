package dev.keybridge.cli.certs;

import static dev.keybridge.cli.output.Values.tags;
import static dev.keybridge.cli.output.Values.time;

import com.azure.security.keyvault.certificates.models.CertificateProperties;
import com.azure.security.keyvault.certificates.models.DeletedCertificate;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificate;
import dev.keybridge.cli.output.Pem;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documented JSON shapes of certificates. Field names and order are stable; a field the vault
 * did not return is {@code null}, never left out.
 */
final class CertificateViews {
  private CertificateViews() {}

  /**
   * Certificate shape: {@code name, version, id, keyId, secretId, subject, issuer, serialNumber,
   * notBefore, notAfter, sans, thumbprint, enabled, createdOn, updatedOn, recoveryLevel, tags,
   * pem}.
   */
  static Map<String, Object> certificate(KeyVaultCertificate certificate) {
    Map<String, Object> json = new LinkedHashMap<>();
    CertificateProperties p = certificate.getProperties();
    json.put("name", p.getName());
    json.put("version", p.getVersion());
    json.put("id", certificate.getId());
    json.put("keyId", certificate.getKeyId());
    json.put("secretId", certificate.getSecretId());
    X509Certificate x509 = x509(certificate.getCer());
    json.put("subject", x509 == null ? null : x509.getSubjectX500Principal().getName());
    json.put("issuer", x509 == null ? null : x509.getIssuerX500Principal().getName());
    json.put("serialNumber", x509 == null ? null : x509.getSerialNumber().toString(16));
    json.put(
        "notBefore",
        x509 == null ? time(p.getNotBefore()) : x509.getNotBefore().toInstant().toString());
    json.put(
        "notAfter",
        x509 == null ? time(p.getExpiresOn()) : x509.getNotAfter().toInstant().toString());
    json.put("sans", x509 == null ? List.of() : subjectAlternativeNames(x509));
    json.put(
        "thumbprint",
        p.getX509Thumbprint() == null ? null : HexFormat.of().formatHex(p.getX509Thumbprint()));
    putProperties(json, p);
    json.put("pem", x509 == null ? null : pem(x509));
    return json;
  }

  /**
   * Deleted certificate shape: certificate shape plus {@code recoveryId, deletedOn,
   * scheduledPurgeDate}.
   */
  static Map<String, Object> deleted(DeletedCertificate certificate) {
    Map<String, Object> json = certificate(certificate);
    json.put("recoveryId", certificate.getRecoveryId());
    json.put("deletedOn", time(certificate.getDeletedOn()));
    json.put("scheduledPurgeDate", time(certificate.getScheduledPurgeDate()));
    return json;
  }

  /**
   * Certificate list item shape: {@code name, version, id, thumbprint, enabled, notBefore,
   * expiresOn, createdOn, updatedOn, recoveryLevel, tags}.
   */
  static Map<String, Object> item(CertificateProperties p) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", p.getName());
    json.put("version", p.getVersion());
    json.put("id", p.getId());
    json.put(
        "thumbprint",
        p.getX509Thumbprint() == null ? null : HexFormat.of().formatHex(p.getX509Thumbprint()));
    json.put("notBefore", time(p.getNotBefore()));
    json.put("expiresOn", time(p.getExpiresOn()));
    putProperties(json, p);
    return json;
  }

  private static void putProperties(Map<String, Object> json, CertificateProperties p) {
    json.put("enabled", p.isEnabled());
    json.put("createdOn", time(p.getCreatedOn()));
    json.put("updatedOn", time(p.getUpdatedOn()));
    json.put("recoveryLevel", p.getRecoveryLevel());
    json.put("tags", tags(p.getTags()));
  }

  /**
   * One certificate of a chain: {@code subject, issuer, serialNumber, notBefore, notAfter, pem}.
   */
  static Map<String, Object> chainEntry(X509Certificate x509) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("subject", x509.getSubjectX500Principal().getName());
    json.put("issuer", x509.getIssuerX500Principal().getName());
    json.put("serialNumber", x509.getSerialNumber().toString(16));
    json.put("notBefore", x509.getNotBefore().toInstant().toString());
    json.put("notAfter", x509.getNotAfter().toInstant().toString());
    json.put("pem", pem(x509));
    return json;
  }

  static String pem(X509Certificate x509) {
    try {
      return Pem.encode("CERTIFICATE", x509.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(
          "cannot encode certificate " + x509.getSubjectX500Principal(), e);
    }
  }

  static X509Certificate x509(byte[] der) {
    if (der == null || der.length == 0) {
      return null;
    }
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      return null;
    }
  }

  /** SANs as {@code DNS:host}, {@code IP:1.2.3.4}, {@code email:a@b}, {@code URI:...}. */
  static List<String> subjectAlternativeNames(X509Certificate x509) {
    List<String> names = new ArrayList<>();
    try {
      if (x509.getSubjectAlternativeNames() == null) {
        return names;
      }
      for (List<?> entry : x509.getSubjectAlternativeNames()) {
        int type = (Integer) entry.get(0);
        String prefix =
            switch (type) {
              case 1 -> "email:";
              case 2 -> "DNS:";
              case 6 -> "URI:";
              case 7 -> "IP:";
              default -> "other:";
            };
        names.add(prefix + entry.get(1));
      }
    } catch (CertificateParsingException e) {
      names.add("unparseable");
    }
    return names;
  }
}
