package dev.keybridge.cli.demo;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Lets the JDK's key manager (here {@code PKIX} over the {@code AzureKeyVault} KeyStore) check
 * entries as usual but only ever present one alias: a vault holds many certificates, and the demo
 * server must present the TLS one. {@code PKIX} names aliases {@code "<n>.<builder>.<alias>"}.
 */
final class SingleAliasKeyManager extends X509ExtendedKeyManager {
  private final X509ExtendedKeyManager delegate;
  private final String alias;

  SingleAliasKeyManager(X509ExtendedKeyManager delegate, String alias) {
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

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return pick(delegate.getServerAliases(keyType, issuers));
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return pick(delegate.getServerAliases(keyType, issuers));
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    for (String keyType : keyTypes) {
      String chosen = pick(delegate.getClientAliases(keyType, issuers));
      if (chosen != null) {
        return chosen;
      }
    }
    return null;
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
