package dev.keybridge.keystore;

import com.azure.security.keyvault.certificates.models.CertificateProperties;
import com.azure.security.keyvault.keys.models.KeyProperties;
import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.certificates.VaultCertificateAccess;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One look at the vault's entries: the key list and the certificate list, page by page (25 names a
 * request), and nothing else (or, for a KeyStore limited to exact names, those keys alone). Every
 * key name and every certificate name is one alias (a certificate's backing key has the
 * certificate's name). Immutable; names are looked up case-insensitively, as Key Vault treats them.
 */
final class AliasListing {

  /** One listed name: whether it is a certificate, when it was created, its thumbprint. */
  record Listed(String name, boolean certificate, Date created, byte[] thumbprint) {}

  private final NavigableMap<String, Listed> entries;
  private final KeyVaultException certificatesUnavailable;

  private AliasListing(
      NavigableMap<String, Listed> entries, KeyVaultException certificatesUnavailable) {
    this.entries = Collections.unmodifiableNavigableMap(entries);
    this.certificatesUnavailable = certificatesUnavailable;
  }

  /**
   * The listing of both vault lists ({@link VaultCertificateAccess#listKeysAndCertificates()}:
   * concurrent, list pages only). A certificate list refused by the vault (a role without
   * certificate rights, a Managed HSM without certificates: any 4xx except 401 and 429) leaves
   * certificate-backed keys listed as keys marked {@code managed}, which still count as
   * certificates; {@link #certificatesUnavailable()} keeps the reason.
   *
   * @throws KeyVaultException if the key list fails, or the certificate list fails otherwise
   */
  static AliasListing fetch(VaultCertificateAccess vault) {
    VaultCertificateAccess.Listing listing = vault.listKeysAndCertificates();
    NavigableMap<String, Listed> entries = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (KeyProperties key : listing.keys()) {
      entries.put(key.getName(), listedKey(key));
    }
    KeyVaultException failure = listing.certificateFailure();
    if (failure != null) {
      int status = failure.statusCode();
      if (status < 400 || status >= 500 || status == 401 || status == 429) {
        throw failure;
      }
    }
    for (CertificateProperties certificate : listing.certificates()) {
      entries.put(
          certificate.getName(),
          new Listed(
              certificate.getName(),
              true,
              date(certificate.getCreatedOn()),
              certificate.getX509Thumbprint()));
    }
    return new AliasListing(entries, failure);
  }

  /**
   * The listing of exactly these fetched keys (the KeyStore limited to exact names): a key the
   * vault marks {@code managed} is a certificate alias, without thumbprint.
   */
  static AliasListing ofKeys(List<KeyProperties> keys) {
    NavigableMap<String, Listed> entries = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (KeyProperties key : keys) {
      entries.put(key.getName(), listedKey(key));
    }
    return new AliasListing(entries, null);
  }

  private static Listed listedKey(KeyProperties key) {
    return new Listed(
        key.getName(), Boolean.TRUE.equals(key.isManaged()), date(key.getCreatedOn()), null);
  }

  /** This listing with only the names {@code keep} accepts. */
  AliasListing filtered(Predicate<String> keep) {
    NavigableMap<String, Listed> kept = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    entries.forEach(
        (name, listed) -> {
          if (keep.test(name)) {
            kept.put(name, listed);
          }
        });
    return new AliasListing(kept, certificatesUnavailable);
  }

  private static Date date(OffsetDateTime time) {
    return time == null ? null : Date.from(time.toInstant());
  }

  /** This listing plus (or with a replaced) {@code entry}. */
  AliasListing with(Listed entry) {
    NavigableMap<String, Listed> changed = new TreeMap<>(entries);
    changed.remove(entry.name());
    changed.put(entry.name(), entry);
    return new AliasListing(changed, certificatesUnavailable);
  }

  /** This listing without {@code name}. */
  AliasListing without(String name) {
    NavigableMap<String, Listed> changed = new TreeMap<>(entries);
    changed.remove(name);
    return new AliasListing(changed, certificatesUnavailable);
  }

  /** The listed entry for a name (any case), or null. */
  Listed find(String name) {
    return entries.get(name);
  }

  /** Every listed name, as the vault spells it, in case-insensitive order. */
  List<String> names() {
    List<String> names = new ArrayList<>(entries.size());
    for (Listed listed : entries.values()) {
      names.add(listed.name());
    }
    return names;
  }

  int size() {
    return entries.size();
  }

  /** Every listed certificate. */
  List<Listed> certificates() {
    return entries.values().stream().filter(Listed::certificate).toList();
  }

  /** Why the certificate list was not available, or null when it was. */
  KeyVaultException certificatesUnavailable() {
    return certificatesUnavailable;
  }
}
