package dev.keybridge.examples.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * JSSE over the {@code AzureKeyVault} KeyStore: the JDK's own {@link KeyManagerFactory} ({@code
 * SunX509} or {@code PKIX}) reads certificate entries from the vault, and the TLS handshake
 * signature (CertificateVerify in TLS 1.3, ServerKeyExchange in TLS 1.2) is made in the vault by
 * the KeyBridge provider, chosen by JCA's delayed provider selection for the vault key. One
 * signature request per full handshake; resumed sessions need none.
 */
public final class TlsContexts {
  private static final char[] NO_PASSWORD = new char[0];

  private TlsContexts() {}

  /**
   * A key manager that presents the certificate chain and vault key of {@code alias}.
   *
   * @param kmfAlgorithm {@code "SunX509"} (reads every certificate entry of the KeyStore when
   *     created) or {@code "PKIX"} (reads entries when a handshake needs them, and checks validity
   *     and extended key usage)
   * @throws GeneralSecurityException if the algorithm is unknown or the KeyStore cannot be read
   */
  public static X509ExtendedKeyManager keyManager(KeyStore vault, String kmfAlgorithm, String alias)
      throws GeneralSecurityException {
    KeyManagerFactory factory = KeyManagerFactory.getInstance(kmfAlgorithm);
    factory.init(vault, NO_PASSWORD);
    for (KeyManager manager : factory.getKeyManagers()) {
      if (manager instanceof X509ExtendedKeyManager x509) {
        return new AliasKeyManager(x509, alias);
      }
    }
    throw new GeneralSecurityException(kmfAlgorithm + " gave no X509ExtendedKeyManager");
  }

  /** A trust manager (PKIX) whose only trust anchors are {@code anchors}. */
  public static TrustManager[] trusting(X509Certificate... anchors)
      throws GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try {
      trust.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot create an empty PKCS12 KeyStore", e);
    }
    for (int i = 0; i < anchors.length; i++) {
      trust.setCertificateEntry("anchor-" + i, anchors[i]);
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    return factory.getTrustManagers();
  }

  /**
   * An {@code SSLContext} ("TLS": 1.2 and 1.3) with the given key manager (null: no own
   * certificate, as for a client without client authentication) and trust anchors.
   */
  public static SSLContext sslContext(X509ExtendedKeyManager keyManager, X509Certificate... trusted)
      throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        keyManager == null ? null : new KeyManager[] {keyManager}, trusting(trusted), null);
    return context;
  }
}
