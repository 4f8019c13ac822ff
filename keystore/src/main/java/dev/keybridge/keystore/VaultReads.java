package dev.keybridge.keystore;

import dev.keybridge.keystore.key.VaultPrivateKey;
import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.certificates.CertificateChains;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

/**
 * The KeyStore's read logic over one loaded vault: which alias names what, and which of the cached
 * fetches answers each question. Returns null where the alias does not exist before any request;
 * every vault failure (including 404) is thrown as a {@link KeyVaultException} for the SPI to
 * translate.
 */
final class VaultReads {
  private final VaultEntries vault;

  VaultReads(VaultEntries vault) {
    this.vault = vault;
  }

  /** The fetched key of an alias, or null if the alias cannot exist. */
  VaultEntries.FetchedKey key(String alias) {
    VaultAlias target = resolve(alias);
    return target == null ? null : vault.key(target);
  }

  /**
   * The certificate chain: for certificates, the leaf plus the secret's intermediates; for bare
   * keys, a matching chain file's chain or null.
   */
  List<X509Certificate> chain(String alias) {
    VaultAlias target = resolve(alias);
    if (target == null) {
      return null;
    }
    return isCertificate(target) ? vault.chain(target) : ChainFiles.chainFor(vault, target);
  }

  /** The leaf certificate; never fetches a secret, and nothing at all for a plain key alias. */
  X509Certificate certificate(String alias) {
    VaultAlias target = resolve(alias);
    if (target == null) {
      return null;
    }
    if (isCertificate(target)) {
      return vault.certificate(target).leaf();
    }
    List<X509Certificate> chain = ChainFiles.chainFor(vault, target);
    return chain == null ? null : chain.get(0);
  }

  /** Creation date: from the listing for bare aliases, from the key for pinned ones. */
  Date created(String alias) {
    VaultAlias target = resolve(alias);
    if (target == null) {
      return null;
    }
    Date created =
        target.pinned()
            ? vault.key(target).created()
            : vault.listing().find(target.name()).created();
    return created == null ? null : new Date(created.getTime());
  }

  /** True for a bare alias the listing names as a certificate (no request). */
  boolean listedCertificate(String alias) {
    VaultAlias parsed = VaultAlias.parse(alias).orElse(null);
    if (parsed == null || parsed.pinned()) {
      return false;
    }
    AliasListing.Listed listed = vault.listing().find(parsed.name());
    return listed != null && listed.certificate();
  }

  /** Listed bare alias, or a pinned alias whose version the vault has. */
  boolean contains(String alias) {
    VaultAlias target = resolve(alias);
    if (target == null) {
      return false;
    }
    if (target.pinned()) {
      vault.key(target);
    }
    return true;
  }

  /**
   * Alias whose leaf is {@code certificate}: listed certificate thumbprints (no request), then bare
   * aliases whose bound chain file starts with it and whose key it certifies (a key GET).
   */
  String certificateAlias(X509Certificate certificate) {
    byte[] thumbprint;
    try {
      thumbprint = CertificateChains.thumbprint(certificate);
    } catch (IllegalArgumentException e) {
      return null;
    }
    AliasListing listing = vault.listing();
    for (AliasListing.Listed listed : listing.certificates()) {
      if (listed.thumbprint() != null && Arrays.equals(listed.thumbprint(), thumbprint)) {
        return listed.name();
      }
    }
    for (String name : listing.names()) {
      List<X509Certificate> bound = vault.settings().boundChain(name);
      if (bound != null
          && bound.get(0).equals(certificate)
          && vault.key(new VaultAlias(name, null)).handle() instanceof VaultPrivateKey key
          && ChainFiles.samePublicKey(key.publicKey(), certificate.getPublicKey())) {
        return name;
      }
    }
    return null;
  }

  /**
   * The alias with the name spelled as listed, or null when it cannot exist: not a vault name, or a
   * bare name the listing does not have. Pinned aliases of unlisted names are kept (the vault
   * decides).
   */
  private VaultAlias resolve(String alias) {
    VaultAlias parsed = VaultAlias.parse(alias).orElse(null);
    if (parsed == null) {
      return null;
    }
    AliasListing.Listed listed = vault.listing().find(parsed.name());
    if (listed == null) {
      return parsed.pinned() ? parsed : null;
    }
    return parsed.withName(listed.name());
  }

  /** Listed as a certificate, or (pinned, unlisted name) a key the vault marks as managed. */
  private boolean isCertificate(VaultAlias alias) {
    AliasListing.Listed listed = vault.listing().find(alias.name());
    if (listed != null) {
      return listed.certificate();
    }
    return vault.key(alias).managed();
  }
}
