package dev.keybridge.management.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS trust limited to the CA certificates of one PEM file ({@code keybridge.trust.ca-file}). Host
 * names are still verified by okhttp against the server certificate.
 */
public final class CaTrust {
  private final X509TrustManager trustManager;
  private final SSLContext sslContext;

  private CaTrust(X509TrustManager trustManager, SSLContext sslContext) {
    this.trustManager = trustManager;
    this.sslContext = sslContext;
  }

  /**
   * Loads every certificate of a PEM (or DER) file as a trust anchor.
   *
   * @throws IllegalArgumentException naming {@code keybridge.trust.ca-file} if the file holds no
   *     certificate or cannot be read
   */
  public static CaTrust fromFile(Path caFile) {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(caFile)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "keybridge.trust.ca-file: cannot read CA certificates from " + caFile + ": " + e, e);
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("keybridge.trust.ca-file: no certificate in " + caFile);
    }
    try {
      KeyStore anchors = KeyStore.getInstance("PKCS12");
      anchors.load(null, null);
      int index = 0;
      for (Certificate certificate : certificates) {
        anchors.setCertificateEntry("ca-" + index++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(anchors);
      X509TrustManager trustManager = null;
      for (TrustManager candidate : factory.getTrustManagers()) {
        if (candidate instanceof X509TrustManager x509) {
          trustManager = x509;
        }
      }
      if (trustManager == null) {
        throw new IllegalStateException("the JDK offers no X509TrustManager");
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      return new CaTrust(trustManager, context);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS trust for " + caFile, e);
    }
  }

  public X509TrustManager trustManager() {
    return trustManager;
  }

  public SSLContext sslContext() {
    return sslContext;
  }
}
