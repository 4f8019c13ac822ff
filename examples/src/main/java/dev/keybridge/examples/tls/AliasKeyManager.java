package dev.keybridge.examples.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents exactly one vault certificate: a key manager that lets the JDK's {@code SunX509} or
 * {@code PKIX} key manager check the entry (key type, validity, key usage) but only ever chooses
 * the entry of one KeyStore alias. A vault usually holds many certificates; without this the JDK
 * would take the first one whose key type fits.
 *
 * <p>{@code SunX509} names its aliases after the KeyStore aliases; {@code PKIX} adds a prefix
 * ({@code "<n>.<builder>.<alias>"}), so both forms are matched.
 */
final class AliasKeyManager extends X509ExtendedKeyManager {
  private final X509ExtendedKeyManager delegate;
  private final String alias;

  AliasKeyManager(X509ExtendedKeyManager delegate, String alias) {
    this.delegate = delegate;
    this.alias = alias;
  }

  private String pick(String[] candidates) {
    if (candidates == null) {
      return null;
    }
    return Arrays.stream(candidates)
        .filter(a -> a.equals(alias) || a.endsWith("." + alias))
        .findFirst()
        .orElse(null);
  }

  private String pick(String[] keyTypes, Principal[] issuers, boolean server) {
    for (String keyType : keyTypes) {
      String chosen =
          pick(
              server
                  ? delegate.getServerAliases(keyType, issuers)
                  : delegate.getClientAliases(keyType, issuers));
      if (chosen != null) {
        return chosen;
      }
    }
    return null;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return pick(new String[] {keyType}, issuers, true);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return pick(new String[] {keyType}, issuers, true);
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return pick(keyTypes, issuers, false);
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return pick(keyTypes, issuers, false);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    String chosen = pick(delegate.getClientAliases(keyType, issuers));
    return chosen == null ? null : new String[] {chosen};
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String chosen = pick(delegate.getServerAliases(keyType, issuers));
    return chosen == null ? null : new String[] {chosen};
  }

  @Override
  public X509Certificate[] getCertificateChain(String chosenAlias) {
    return delegate.getCertificateChain(chosenAlias);
  }

  @Override
  public PrivateKey getPrivateKey(String chosenAlias) {
    return delegate.getPrivateKey(chosenAlias);
  }
}
