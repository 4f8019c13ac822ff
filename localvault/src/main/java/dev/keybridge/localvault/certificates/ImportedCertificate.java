package dev.keybridge.localvault.certificates;

import dev.keybridge.localvault.VaultError;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a certificate import carried: the key pair (public key taken from the leaf certificate), the
 * chain with the leaf first, and the format it came in.
 *
 * @param keyPair the private key and the leaf certificate's public key
 * @param chain the certificates, leaf first, then its issuers, then any others
 * @param contentType {@link CertificateContentType#PKCS12} or {@link CertificateContentType#PEM}
 */
public record ImportedCertificate(
    KeyPair keyPair, List<X509Certificate> chain, CertificateContentType contentType) {

  /**
   * The import of {@code key} with the first of {@code certificates} that holds its public key, the
   * chain ordered leaf first.
   *
   * @throws VaultError badParameter {@code noMatch} when no certificate belongs to the key
   */
  static ImportedCertificate of(
      PrivateKey key,
      List<X509Certificate> certificates,
      CertificateContentType contentType,
      String noMatch) {
    X509Certificate leaf =
        certificates.stream()
            .filter(c -> KeyMatch.belongsTo(key, c.getPublicKey()))
            .findFirst()
            .orElseThrow(() -> VaultError.badParameter(noMatch));
    return new ImportedCertificate(
        new KeyPair(KeyMatch.normalize(leaf.getPublicKey()), key),
        CertificateInputs.leafFirst(leaf, certificates),
        contentType);
  }

  /** Copies {@code chain} into an immutable list. */
  public ImportedCertificate {
    chain = List.copyOf(chain);
  }

  /** The certificate of the imported key: the first of the chain. */
  public X509Certificate leaf() {
    return chain.get(0);
  }

  /** Names the leaf's subject and the format, never key material. */
  @Override
  public String toString() {
    return "ImportedCertificate[subject="
        + leaf().getSubjectX500Principal().getName()
        + ", chainLength="
        + chain.size()
        + ", contentType="
        + contentType.mediaType()
        + "]";
  }
}
