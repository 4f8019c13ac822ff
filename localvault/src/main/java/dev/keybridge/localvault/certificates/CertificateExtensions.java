package dev.keybridge.localvault.certificates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * The X.509 extensions a policy asks for, shared by the self-signed certificate and the CSR, and
 * the signature algorithm for a key.
 */
final class CertificateExtensions {
  private CertificateExtensions() {}

  /**
   * Subject alternative names (critical when the subject is empty, as RFC 5280 §4.2.1.6 requires),
   * extended key usage, key usage (critical) and basic constraints, each only when it has content.
   *
   * @param emptySubject whether the certificate or request has an empty subject name
   */
  static List<Extension> requested(X509Properties x509, boolean emptySubject) {
    List<Extension> extensions = new ArrayList<>();
    try {
      SubjectAlternativeNames sans = x509.sans();
      if (!sans.isEmpty()) {
        List<GeneralName> names = new ArrayList<>();
        sans.dnsNames().forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
        sans.emails().forEach(n -> names.add(new GeneralName(GeneralName.rfc822Name, n)));
        sans.upns().forEach(n -> names.add(UserPrincipalName.generalName(n)));
        extensions.add(
            new Extension(
                Extension.subjectAlternativeName,
                emptySubject,
                new GeneralNames(names.toArray(GeneralName[]::new)).getEncoded()));
      }
      if (!x509.ekus().isEmpty()) {
        KeyPurposeId[] purposes =
            x509.ekus().stream()
                .map(oid -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid)))
                .toArray(KeyPurposeId[]::new);
        extensions.add(
            new Extension(
                Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes).getEncoded()));
      }
      if (!x509.keyUsage().isEmpty()) {
        int bits = 0;
        for (CertificateKeyUsage usage : x509.keyUsage()) {
          bits |= usage.bcBit();
        }
        extensions.add(new Extension(Extension.keyUsage, true, new KeyUsage(bits).getEncoded()));
      }
      extensions.add(
          new Extension(
              Extension.basicConstraints, x509.ca(), new BasicConstraints(x509.ca()).getEncoded()));
    } catch (IOException e) {
      throw new UncheckedIOException("DER encoding of a certificate extension failed", e);
    }
    return extensions;
  }

  /**
   * The JCA signature algorithm a key signs its certificate or CSR with: SHA256withRSA, or ECDSA
   * with the hash that matches the curve size (SHA-256 for P-256/P-256K, SHA-384 for P-384, SHA-512
   * for P-521).
   */
  static String signatureAlgorithm(PublicKey publicKey) {
    PublicKey key = KeyMatch.normalize(publicKey);
    if (key instanceof ECPublicKey) {
      int bits = ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
      if (bits > 384) {
        return "SHA512withECDSA";
      }
      return bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
    }
    return "SHA256withRSA";
  }
}
