package dev.keybridge.management.certificates;

import com.azure.security.keyvault.certificates.models.CertificateProperties;
import com.azure.security.keyvault.keys.models.KeyProperties;
import dev.keybridge.management.KeyVaultException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The one small interface through which the KeyStore (and the certificate facade) reach a vault's
 * certificates: get a version (the leaf), its chain (from the certificate's secret), list, import
 * and delete. The sibling of {@link dev.keybridge.management.crypto.VaultKeyAccess}: every method
 * is one vault request (a list: one per page), and every failure a {@link KeyVaultException} naming
 * operation, certificate, error code and status, translated in one place ({@link
 * dev.keybridge.management.KeyVaultErrors}). Implementations are thread-safe and share the
 * connection pool of the {@link dev.keybridge.management.KeyVaultClients} that made them.
 */
public interface VaultCertificateAccess {

  /** Code of a certificate the vault returned without its DER ({@code cer}). */
  String CERTIFICATE_WITHOUT_CER = "CertificateWithoutCer";

  /** Code of a certificate whose {@code cer} is not an X.509 certificate. */
  String CERTIFICATE_UNPARSEABLE = "CertificateUnparseable";

  /** Code of a certificate secret that is neither a readable PKCS#12 nor PEM chain. */
  String CHAIN_UNREADABLE = "CertificateChainUnreadable";

  /**
   * Code of a certificate secret that holds no certificate with the thumbprint asked for (a newer
   * version came after the listing that reported the thumbprint).
   */
  String LEAF_NOT_IN_SECRET = "CertificateLeafNotInSecret";

  /**
   * GET /certificates/{name}/{version} (null version: the latest), without the secret.
   *
   * @throws KeyVaultException for a failed request, or a certificate without a readable {@code cer}
   *     (status 200, code {@link #CERTIFICATE_WITHOUT_CER} or {@link #CERTIFICATE_UNPARSEABLE})
   */
  VaultCertificate getCertificate(String name, String version);

  /**
   * The same request without blocking (for parallel fetches over the shared pool); the future fails
   * with the same {@link KeyVaultException}.
   */
  CompletableFuture<VaultCertificate> getCertificateAsync(String name, String version);

  /**
   * The chain of certificate version {@code name}/{@code version} whose leaf is {@code leaf}: the
   * leaf, then the issuers found in the version's secret, ordered from the leaf ({@link
   * CertificateChains}). One GET /secrets/{name}/{version}.
   *
   * @throws KeyVaultException for a failed secret read (a role without secret rights: 403), or a
   *     secret that holds no readable chain (status 200, code {@link #CHAIN_UNREADABLE})
   */
  List<X509Certificate> getChain(String name, String version, X509Certificate leaf);

  /**
   * The same request without blocking (for parallel chain reads over the shared pool); the future
   * fails with the same {@link KeyVaultException}.
   */
  CompletableFuture<List<X509Certificate>> getChainAsync(
      String name, String version, X509Certificate leaf);

  /**
   * A chain in ONE request, when the leaf's version is not known but its thumbprint is (the
   * certificate list reports {@code x5t}): GET /secrets/{name} (the latest version; a certificate's
   * secret has the certificate's versions), the leaf being the secret's certificate with this SHA-1
   * thumbprint, then its issuers; the version is the secret's. Needs secrets/get, as {@link
   * #getChain}; a role without it (403) must read the leaf with {@link #getCertificate}.
   *
   * @return a future that fails as {@link #getChainAsync} does, or with status 200 and code {@link
   *     #LEAF_NOT_IN_SECRET} when no certificate of the secret has the thumbprint (a new version:
   *     read the certificate, then its chain)
   */
  CompletableFuture<VersionChain> getLatestChainAsync(String name, byte[] leafThumbprint);

  /** The properties of every certificate (latest versions), lazily paged. */
  Stream<CertificateProperties> listCertificates();

  /**
   * The key list and the certificate list, concurrently: the certificate pages start once the first
   * key page is in (which settled the vault's challenge and the token), alongside the remaining key
   * pages; nothing else is requested.
   *
   * @throws KeyVaultException if the key list fails (a failed certificate list is reported in the
   *     result instead)
   */
  Listing listKeysAndCertificates();

  /**
   * POST /certificates/{name}/import of a PKCS#12 (password may be null or empty).
   *
   * @throws KeyVaultException if the vault refuses it
   */
  VaultCertificate importPkcs12(String name, byte[] pkcs12, char[] password);

  /**
   * Imports a PEM bundle: the PKCS#8 private key and the certificate chain, leaf first.
   *
   * @throws IllegalArgumentException if the PEM text holds no certificate
   * @throws KeyVaultException if the vault refuses it
   */
  VaultCertificate importPem(String name, String pem);

  /**
   * DELETE /certificates/{name}: soft-deletes the certificate with its key and secret, every
   * version; returns once the vault accepted it (the deletion is not waited for).
   */
  void deleteCertificate(String name);

  /** A certificate version's chain, leaf first, and the version it belongs to. */
  record VersionChain(String version, List<X509Certificate> chain) {
    public VersionChain {
      chain = List.copyOf(chain);
    }
  }

  /**
   * Both lists of a vault.
   *
   * @param keys every key (a certificate's backing key included, marked {@code managed})
   * @param certificates every certificate; empty when the certificate list failed
   * @param certificateFailure why the certificate list failed (a role without certificate rights, a
   *     Managed HSM), or null
   */
  record Listing(
      List<KeyProperties> keys,
      List<CertificateProperties> certificates,
      KeyVaultException certificateFailure) {
    public Listing {
      keys = List.copyOf(keys);
      certificates = List.copyOf(certificates);
    }
  }
}
