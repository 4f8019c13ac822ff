package dev.keybridge.keystore;

import dev.keybridge.keystore.key.VaultPrivateKey;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

/**
 * Chains for bare key aliases from chain files: one bound to the alias, or the general one whose
 * leaf certifies the key. Without a chain file nothing is requested; with one, the key is fetched
 * (once, cached) to check that the leaf is for it.
 */
final class ChainFiles {
  private ChainFiles() {}

  /**
   * The chain file's chain for a key-only alias, or null.
   *
   * @throws ProviderException if a chain file bound to this alias is for another key
   * @throws dev.keybridge.management.KeyVaultException if fetching the key fails
   */
  static List<X509Certificate> chainFor(VaultEntries vault, VaultAlias alias) {
    List<X509Certificate> bound = vault.settings().boundChain(alias.name());
    List<X509Certificate> general = vault.settings().chain();
    if (bound == null && general == null) {
      return null;
    }
    VaultEntries.FetchedKey key = vault.key(alias);
    PublicKey publicKey =
        key.handle() instanceof VaultPrivateKey privateKey ? privateKey.publicKey() : null;
    if (bound != null) {
      if (publicKey == null || !samePublicKey(publicKey, bound.get(0).getPublicKey())) {
        throw new ProviderException(
            "The chain file bound to alias '"
                + alias.name()
                + "' starts with a certificate ("
                + bound.get(0).getSubjectX500Principal()
                + ") that is not for vault key "
                + (key.handle() == null ? alias : key.handle().keyId()));
      }
      return bound;
    }
    return publicKey != null && samePublicKey(publicKey, general.get(0).getPublicKey())
        ? general
        : null;
  }

  /** Compares public keys by their parameters, whatever provider made them. */
  static boolean samePublicKey(PublicKey a, PublicKey b) {
    if (a instanceof RSAPublicKey ra && b instanceof RSAPublicKey rb) {
      return ra.getModulus().equals(rb.getModulus())
          && ra.getPublicExponent().equals(rb.getPublicExponent());
    }
    if (a instanceof ECPublicKey ea && b instanceof ECPublicKey eb) {
      return ea.getW().equals(eb.getW())
          && ea.getParams().getOrder().equals(eb.getParams().getOrder())
          && ea.getParams().getCurve().equals(eb.getParams().getCurve());
    }
    return false;
  }
}
