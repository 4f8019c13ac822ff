package dev.keybridge.keystore;

import dev.keybridge.keystore.key.VaultPrivateKey;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.ProviderException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A JSSE key manager that presents one alias of an {@code AzureKeyVault} KeyStore and follows its
 * renewals: each handshake asks the KeyStore for the alias's current key, so a renewed or rotated
 * certificate is served to new handshakes within the KeyStore's {@code
 * keybridge.keystore.cache-ttl} without restarting the server or rebuilding its {@code SSLContext}.
 * Connections already established keep the certificate they were made with.
 *
 * <p>Of the JDK's key managers, {@code SunX509} copies the KeyStore's entries when it is created
 * and never notices a renewal; {@code PKIX} reads the entry at each handshake, but as key and chain
 * (two reads with their own cache expiry), and needs a {@code KeyManagerFactory} plus an alias
 * filter to present one certificate of a vault.
 *
 * <p>One handshake sees one version: the alias chosen for the handshake is pinned ({@code
 * name/version}, the version of the key read when choosing), and the chain and private key given to
 * JSSE are read under that pinned alias, so a renewal in the middle of a handshake cannot pair the
 * old certificate with the new key. Between two refreshes a handshake costs no KeyStore request to
 * the vault beyond the TLS signature itself.
 *
 * <p>Checks only the key type asked by JSSE ({@code RSA}, {@code EC}, ...) against the key; it does
 * not filter by the peer's accepted issuers, validity or key usage (the alias is the one the
 * application chose to present). Thread-safe.
 */
public final class VaultAliasKeyManager extends X509ExtendedKeyManager {
  private static final char[] NO_PASSWORD = new char[0];

  private final KeyStore keyStore;
  private final String alias;

  /**
   * @param keyStore a loaded {@code AzureKeyVault} KeyStore
   * @param alias the certificate alias to present: {@code name} to follow renewals, or {@code
   *     name/version} to stay on one version
   */
  public VaultAliasKeyManager(KeyStore keyStore, String alias) {
    this.keyStore = Objects.requireNonNull(keyStore, "keyStore");
    this.alias = Objects.requireNonNull(alias, "alias");
  }

  /**
   * The alias to use for one handshake: the alias pinned to its current version, or null when the
   * alias does not exist or its key is not of {@code keyType}.
   */
  private String current(String keyType) {
    Key key = key(alias);
    if (!(key instanceof VaultPrivateKey vaultKey) || !fits(keyType, vaultKey)) {
      return null;
    }
    return alias.indexOf('/') >= 0 ? alias : alias + "/" + vaultKey.version();
  }

  /** JSSE's key types are the key algorithm, alone or with the signer's ({@code EC_EC}). */
  private static boolean fits(String keyType, VaultPrivateKey key) {
    String algorithm = key.publicKey().getAlgorithm();
    return keyType != null && (keyType.equals(algorithm) || keyType.startsWith(algorithm + "_"));
  }

  private Key key(String chosen) {
    try {
      return keyStore.getKey(chosen, NO_PASSWORD);
    } catch (GeneralSecurityException e) {
      throw new ProviderException(
          "cannot read the key of alias " + chosen + " for a TLS handshake: " + e.getMessage(), e);
    }
  }

  private String firstFitting(String[] keyTypes) {
    if (keyTypes == null) {
      return null;
    }
    return Arrays.stream(keyTypes)
        .map(this::current)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  private String[] aliases(String keyType) {
    String chosen = current(keyType);
    return chosen == null ? null : new String[] {chosen};
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return current(keyType);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return current(keyType);
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return firstFitting(keyTypes);
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return firstFitting(keyTypes);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return aliases(keyType);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return aliases(keyType);
  }

  /**
   * The chain of the chosen (pinned) alias, leaf first; null for an alias this does not present.
   */
  @Override
  public X509Certificate[] getCertificateChain(String chosen) {
    if (!presents(chosen)) {
      return null;
    }
    Certificate[] chain;
    try {
      chain = keyStore.getCertificateChain(chosen);
    } catch (GeneralSecurityException e) {
      throw new ProviderException(
          "cannot read the certificate chain of alias " + chosen + ": " + e.getMessage(), e);
    }
    return chain == null ? null : Arrays.copyOf(chain, chain.length, X509Certificate[].class);
  }

  /** The vault key handle of the chosen (pinned) alias; null for an alias this does not present. */
  @Override
  public PrivateKey getPrivateKey(String chosen) {
    return presents(chosen) && key(chosen) instanceof PrivateKey key ? key : null;
  }

  /** The configured alias, or the configured name with a pinned version. */
  private boolean presents(String chosen) {
    return chosen != null && (chosen.equals(alias) || chosen.startsWith(alias + "/"));
  }

  @Override
  public String toString() {
    return "VaultAliasKeyManager[" + alias + "]";
  }
}
