package dev.keybridge.cli.token;

import dev.keybridge.management.http.CaTrust;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS trust for the CLI's own probes of a vault, identical to the SDK clients' trust. */
public final class VaultTrust {
  private VaultTrust() {}

  /**
   * An SSL context trusting what the clients trust: the CA file when {@code
   * keybridge.trust.ca-file} is set (the same {@link CaTrust} the HTTP pipeline uses), the JDK's
   * trust store otherwise.
   *
   * @throws IllegalArgumentException naming keybridge.trust.ca-file if the file is unreadable
   */
  public static SSLContext configured(Path caFile) throws GeneralSecurityException {
    if (caFile != null) {
      return CaTrust.fromFile(caFile).sslContext();
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
