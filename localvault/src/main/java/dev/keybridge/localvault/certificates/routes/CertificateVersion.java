package dev.keybridge.localvault.certificates.routes;

import dev.keybridge.localvault.certificates.CertificateContentType;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One version of a certificate as the vault keeps it: name (as first created), 32-hex version (the
 * same as its key and secret version), the chain (leaf first), the content type of its secret, the
 * {@code enabled} attribute, timestamps and tags. Validity ({@code nbf}, {@code exp}) is the
 * leaf's.
 */
public record CertificateVersion(
    String name,
    String version,
    List<X509Certificate> chain,
    CertificateContentType contentType,
    boolean enabled,
    Instant created,
    Instant updated,
    Map<String, String> tags) {

  public CertificateVersion {
    chain = List.copyOf(chain);
    tags = Map.copyOf(tags);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a certificate version needs its certificate");
    }
  }

  /** The certificate of this version (first of the chain). */
  public X509Certificate leaf() {
    return chain.get(0);
  }

  /** The same version with other {@code enabled}, {@code updated} and tags. */
  public CertificateVersion with(
      boolean newEnabled, Instant newUpdated, Map<String, String> newTags) {
    return new CertificateVersion(
        name, version, chain, contentType, newEnabled, created, newUpdated, newTags);
  }
}
