package dev.keybridge.management.certificates;

import com.azure.security.keyvault.certificates.models.KeyVaultCertificate;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** A certificate version: the SDK model plus its X.509 certificate (the leaf). */
public final class VaultCertificate {
  private final KeyVaultCertificate certificate;
  private final X509Certificate x509;

  private VaultCertificate(KeyVaultCertificate certificate, X509Certificate x509) {
    this.certificate = certificate;
    this.x509 = x509;
  }

  /**
   * Wraps an SDK certificate, parsing its DER ({@code cer}).
   *
   * @throws IllegalArgumentException if the vault returned no or an unparsable certificate
   */
  public static VaultCertificate of(KeyVaultCertificate certificate) {
    Objects.requireNonNull(certificate, "certificate");
    return new VaultCertificate(certificate, parse(certificate.getCer()));
  }

  /** Parses one DER certificate. */
  public static X509Certificate parse(byte[] der) {
    if (der == null || der.length == 0) {
      throw new IllegalArgumentException("the vault returned no certificate bytes");
    }
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new IllegalArgumentException("the vault returned an unparsable certificate: " + e, e);
    }
  }

  public KeyVaultCertificate sdkCertificate() {
    return certificate;
  }

  public X509Certificate x509Certificate() {
    return x509;
  }

  public String id() {
    return certificate.getId();
  }

  public String name() {
    return certificate.getName();
  }

  public String version() {
    return certificate.getProperties().getVersion();
  }

  /** The key id of the certificate's key ({@code https://host/keys/name/version}). */
  public String keyId() {
    return certificate.getKeyId();
  }

  @Override
  public String toString() {
    return "VaultCertificate{" + id() + ", " + x509.getSubjectX500Principal().getName() + "}";
  }
}
