package dev.keybridge.keystore;

import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Objects;
import java.util.Set;

/**
 * A private-key entry without a certificate chain, which {@link KeyStore.PrivateKeyEntry} cannot
 * represent (it requires a chain), and which {@code KeyStore.setKeyEntry} refuses for private keys.
 *
 * <ul>
 *   <li>{@code getEntry} returns one for a bare key alias without a chain; its key is the vault
 *       handle ({@link dev.keybridge.keystore.key.VaultPrivateKey}).
 *   <li>{@code setEntry(alias, new KeyOnlyEntry(softwarePrivateKey), null)} imports an RSA or EC
 *       private key as a plain vault key (no certificate).
 * </ul>
 */
public final class KeyOnlyEntry implements KeyStore.Entry {
  private final PrivateKey privateKey;

  /** An entry for {@code privateKey}. */
  public KeyOnlyEntry(PrivateKey privateKey) {
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
  }

  /** The key: a vault handle when read from the KeyStore. */
  public PrivateKey getPrivateKey() {
    return privateKey;
  }

  /** No attributes: Key Vault tags are not KeyStore attributes. */
  @Override
  public Set<KeyStore.Entry.Attribute> getAttributes() {
    return Set.of();
  }

  /** Names the key's algorithm and class (for a vault handle, its key id); never key material. */
  @Override
  public String toString() {
    return "Key-only entry for "
        + (privateKey instanceof dev.keybridge.keystore.key.VaultKey
            ? privateKey.toString()
            : privateKey.getAlgorithm() + " key " + privateKey.getClass().getName());
  }
}
