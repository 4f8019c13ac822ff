package dev.keybridge.cli.doctor;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A trust manager that accepts any server and records the chain it was shown: used only to describe
 * a certificate that the configured trust refused, never to send data.
 */
final class ChainRecorder {
  private ChainRecorder() {}

  /**
   * An SSL context that accepts any server and records the chain it was shown; for describing a
   * certificate that the configured trust refused.
   */
  static SSLContext recording(List<X509Certificate> seen) throws GeneralSecurityException {
    X509TrustManager recorder =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client certificates are not checked here");
          }

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {
            seen.clear();
            seen.addAll(List.of(chain));
          }

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {recorder}, null);
    return context;
  }
}
