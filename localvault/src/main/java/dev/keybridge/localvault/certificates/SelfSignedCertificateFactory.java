package dev.keybridge.localvault.certificates;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues the self-signed X.509 v3 certificate of a policy with issuer {@code Self}: subject (or
 * {@code CN=} the first SAN when the policy has no subject), SANs (DNS, email, UPN), EKUs, key
 * usage (critical), basic constraints, subject and authority key identifiers, a random positive
 * 16-byte serial, valid from now to now + {@code validity_months} (UTC calendar months), signed by
 * the certificate's own key.
 */
public final class SelfSignedCertificateFactory {
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /** A factory that reads "now" from {@code clock} (whole seconds, as X.509 times carry). */
  public SelfSignedCertificateFactory(Clock clock) {
    this.clock = clock;
  }

  /**
   * Builds and signs the certificate. The signature algorithm follows the key: SHA256withRSA, or
   * SHA256/384/512withECDSA for P-256 and P-256K / P-384 / P-521.
   *
   * @param policy the policy whose {@code x509_props} describe the certificate
   * @param keyPair the certificate's key pair (RSA, or EC on a Key Vault curve)
   * @return the certificate as parsed by the JDK's {@code CertificateFactory}
   * @throws dev.keybridge.localvault.VaultError 400 when the policy has neither subject nor SAN
   * @throws IllegalStateException if signing fails, which for a valid key pair is a bug
   */
  public X509Certificate create(CertificatePolicy policy, KeyPair keyPair) {
    policy.validateForCreate();
    X509Properties x509 = policy.x509Properties();
    Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant notAfter =
        notBefore.atZone(ZoneOffset.UTC).plusMonths(x509.validityMonths()).toInstant();
    X500Name subject = x509.subject().isEmpty() ? firstSanAsName(x509.sans()) : x509.x500Name();
    try {
      JcaX509ExtensionUtils keyIds = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              serialNumber(),
              Date.from(notBefore),
              Date.from(notAfter),
              subject,
              keyPair.getPublic());
      for (Extension extension : CertificateExtensions.requested(x509, false)) {
        builder.addExtension(extension);
      }
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          keyIds.createSubjectKeyIdentifier(keyPair.getPublic()));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          keyIds.createAuthorityKeyIdentifier(keyPair.getPublic()));
      ContentSigner signer =
          new JcaContentSignerBuilder(CertificateExtensions.signatureAlgorithm(keyPair.getPublic()))
              .setProvider(BouncyCastle.PROVIDER)
              .build(keyPair.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("Cannot issue the self-signed certificate", e);
    }
  }

  /**
   * RFC 5280 forbids an empty issuer name, and a self-signed certificate's issuer is its subject: a
   * policy that names its subject only through SANs gets {@code CN=} the first DNS name, else the
   * first email address, else the first UPN.
   */
  private static X500Name firstSanAsName(SubjectAlternativeNames sans) {
    String name =
        !sans.dnsNames().isEmpty()
            ? sans.dnsNames().get(0)
            : !sans.emails().isEmpty() ? sans.emails().get(0) : sans.upns().get(0);
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
  }

  /** 16 random bytes with the top bit cleared, so the DER INTEGER is positive and at most 16. */
  private BigInteger serialNumber() {
    byte[] bytes = new byte[16];
    BigInteger serial;
    do {
      random.nextBytes(bytes);
      bytes[0] &= 0x7f;
      serial = new BigInteger(1, bytes);
    } while (serial.signum() == 0);
    return serial;
  }
}
