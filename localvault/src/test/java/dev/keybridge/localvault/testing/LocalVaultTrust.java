package dev.keybridge.localvault.testing;

import dev.keybridge.localvault.LocalVault;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** TLS trust for a local vault: a trust manager and SSL context that trust only its CA. */
public final class LocalVaultTrust {
  private LocalVaultTrust() {}

  /** A trust manager trusting exactly the vault's CA certificate. */
  public static X509TrustManager trustManager(X509Certificate ca) {
    try {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      ks.setCertificateEntry("localvault-ca", ca);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          return x;
        }
      }
      throw new IllegalStateException("no X509TrustManager");
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build a trust store for the vault CA", e);
    }
  }

  public static X509TrustManager trustManager(LocalVault vault) {
    return trustManager(vault.caCertificate());
  }

  /** A TLS context trusting the vault's CA. */
  public static SSLContext sslContext(LocalVault vault) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {trustManager(vault)}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
