package dev.keybridge.examples;

import com.azure.security.keyvault.certificates.models.CertificateKeyCurveName;
import com.azure.security.keyvault.certificates.models.CertificateKeyUsage;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.TestCa;
import dev.keybridge.management.CertificateManager;
import dev.keybridge.management.KeyVaultManager;
import dev.keybridge.management.certificates.CertificateRequest;
import dev.keybridge.management.config.KeyVaultConfig;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Certificates in the local vault, made through the facade ({@link CertificateManager}):
 * self-signed ({@code issuer Self}) or issued by a {@link TestCa} from the vault's own CSR ({@code
 * issuer Unknown}, CSR, merge of leaf + CA).
 */
public final class VaultCertificates {
  /** The key types of the tests. */
  public enum KeySpec {
    RSA_2048(2048, null),
    RSA_3072(3072, null),
    RSA_4096(4096, null),
    EC_P256(0, CertificateKeyCurveName.P_256),
    EC_P384(0, CertificateKeyCurveName.P_384),
    EC_P521(0, CertificateKeyCurveName.P_521);

    private final int rsaSize;
    private final CertificateKeyCurveName curve;

    KeySpec(int rsaSize, CertificateKeyCurveName curve) {
      this.rsaSize = rsaSize;
      this.curve = curve;
    }

    public boolean isRsa() {
      return curve == null;
    }
  }

  private final CertificateManager certificates;

  public VaultCertificates(LocalVaultExtension vault) {
    // RSA 4096 key generation in the local vault can pass the default 30 s deadline on a loaded
    // 2-core build machine; these fixtures are not what the deadline is tested with.
    this.certificates =
        new KeyVaultManager(
                KeyVaultConfig.fromProperties(vault.vault().propertiesFile()).toBuilder()
                    .operationTimeout(java.time.Duration.ofMinutes(3))
                    .build())
            .certificates();
  }

  /**
   * A non-exportable certificate request: code signing (digitalSignature, EKU codeSigning) or TLS
   * for localhost (digitalSignature, +keyEncipherment for RSA, EKU serverAuth and clientAuth).
   */
  public static CertificateRequest request(
      String subject, KeySpec key, TestCa.Purpose purpose, boolean reuseKey) {
    CertificateRequest.Builder builder =
        CertificateRequest.builder(subject).exportable(false).reuseKey(reuseKey);
    if (key.isRsa()) {
      builder.rsa(key.rsaSize, false);
    } else {
      builder.ec(key.curve, false);
    }
    if (purpose == TestCa.Purpose.TLS) {
      builder
          .dnsNames("localhost")
          .extendedKeyUsages(CertificateRequest.SERVER_AUTH, CertificateRequest.CLIENT_AUTH);
      if (key.isRsa()) {
        builder.keyUsages(
            CertificateKeyUsage.DIGITAL_SIGNATURE, CertificateKeyUsage.KEY_ENCIPHERMENT);
      } else {
        builder.keyUsages(CertificateKeyUsage.DIGITAL_SIGNATURE);
      }
    } else {
      builder
          .keyUsages(CertificateKeyUsage.DIGITAL_SIGNATURE)
          .extendedKeyUsages(CertificateRequest.CODE_SIGNING);
    }
    return builder.build();
  }

  /** Creates a self-signed certificate and waits for it; returns it. */
  public X509Certificate selfSigned(
      String name, String subject, KeySpec key, TestCa.Purpose purpose) throws Exception {
    return selfSigned(name, subject, key, purpose, false);
  }

  /** As above; {@code reuseKey}: later versions keep the key pair (policy {@code reuse_key}). */
  public X509Certificate selfSigned(
      String name, String subject, KeySpec key, TestCa.Purpose purpose, boolean reuseKey) {
    return certificates
        .createSelfSignedCertificate(name, request(subject, key, purpose, reuseKey))
        .x509Certificate();
  }

  /** Starts a certificate for an outside CA and returns the vault's CSR (DER). */
  public byte[] pendingCsr(String name, String subject, KeySpec key, TestCa.Purpose purpose) {
    return pendingCsr(name, subject, key, purpose, false);
  }

  /** As above; with {@code reuseKey} a new version of an existing certificate keeps its key. */
  public byte[] pendingCsr(
      String name, String subject, KeySpec key, TestCa.Purpose purpose, boolean reuseKey) {
    return certificates
        .createCertificateSigningRequest(name, request(subject, key, purpose, reuseKey))
        .der();
  }

  /** Merges the CA's answer (leaf, then issuers) into the pending certificate. */
  public X509Certificate merge(String name, List<X509Certificate> chain) {
    return certificates.mergeCertificate(name, chain).x509Certificate();
  }

  /**
   * A certificate issued by {@code ca} for a new vault key: vault CSR, CA signature, merge of leaf
   * and CA. Returns the chain, leaf first.
   */
  public List<X509Certificate> issuedBy(
      TestCa ca, String name, String subject, KeySpec key, TestCa.Purpose purpose)
      throws Exception {
    byte[] csr = pendingCsr(name, subject, key, purpose);
    X509Certificate leaf = ca.issue(csr, purpose);
    List<X509Certificate> chain = List.of(leaf, ca.certificate());
    X509Certificate merged = merge(name, chain);
    if (!merged.equals(leaf)) {
      throw new IllegalStateException("the vault holds another certificate than the merged one");
    }
    return chain;
  }

  public static X509Certificate x509(byte[] der) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }
}
