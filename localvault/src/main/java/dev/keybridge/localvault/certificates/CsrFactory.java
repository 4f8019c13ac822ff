package dev.keybridge.localvault.certificates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Makes the PKCS#10 certificate signing request of a pending certificate whose issuer is {@code
 * Unknown}: the policy's subject (possibly empty, then the SAN extension is critical), and its
 * SANs, EKUs, key usage and basic constraints in the {@code extensionRequest} attribute, signed by
 * the pending key.
 */
public final class CsrFactory {
  private CsrFactory() {}

  /**
   * Builds and signs the CSR.
   *
   * @param policy the policy whose {@code x509_props} the CSR requests
   * @param keyPair the pending certificate's key pair
   * @return the DER encoding of the {@code CertificationRequest} (the operation's {@code csr} is
   *     its standard base64)
   * @throws dev.keybridge.localvault.VaultError 400 when the policy has neither subject nor SAN
   * @throws IllegalStateException if signing fails, which for a valid key pair is a bug
   */
  public static byte[] createCsr(CertificatePolicy policy, KeyPair keyPair) {
    policy.validateForCreate();
    X509Properties x509 = policy.x509Properties();
    PKCS10CertificationRequestBuilder builder =
        new JcaPKCS10CertificationRequestBuilder(x509.x500Name(), keyPair.getPublic());
    builder.addAttribute(
        PKCSObjectIdentifiers.pkcs_9_at_extensionRequest,
        new Extensions(
            CertificateExtensions.requested(x509, x509.subject().isEmpty())
                .toArray(Extension[]::new)));
    try {
      ContentSigner signer =
          new JcaContentSignerBuilder(CertificateExtensions.signatureAlgorithm(keyPair.getPublic()))
              .setProvider(BouncyCastle.PROVIDER)
              .build(keyPair.getPrivate());
      return builder.build(signer).getEncoded();
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("Cannot sign the certificate signing request", e);
    } catch (IOException e) {
      throw new UncheckedIOException("DER encoding of the certificate signing request failed", e);
    }
  }
}
