package dev.keybridge.localvault.auth;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.identity.AzureCliCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.security.keyvault.keys.KeyClientBuilder;
import com.azure.security.keyvault.keys.models.KeyProperties;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * A child JVM for credentials that read the real process environment (managed identity through
 * MSAL, Azure CLI through the PATH): {@code CredentialChild managed-identity|azure-cli|default
 * VAULT_URL CA_PEM}. Prints {@code appid=<client id of the token>} and {@code keys=<names>}.
 */
public final class CredentialChild {
  private CredentialChild() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String vaultUrl = args[1];
    HttpClient http = httpClient(Path.of(args[2]));
    TokenCredential credential =
        switch (mode) {
          case "managed-identity" ->
              new ManagedIdentityCredentialBuilder().httpClient(http).build();
          case "azure-cli" -> new AzureCliCredentialBuilder().build();
          case "default" -> new DefaultAzureCredentialBuilder().httpClient(http).build();
          default -> throw new IllegalArgumentException(mode);
        };
    String token =
        credential
            .getTokenSync(new TokenRequestContext().addScopes("https://vault.azure.net/.default"))
            .getToken();
    System.out.println("appid=" + Jwt.parse(token).payload().get("appid").asText());
    String keys =
        new KeyClientBuilder()
                .vaultUrl(vaultUrl)
                .credential(credential)
                .httpClient(http)
                .disableChallengeResourceVerification()
                .buildClient()
                .listPropertiesOfKeys()
                .stream()
                .map(KeyProperties::getName)
                .collect(Collectors.joining(","));
    System.out.println("keys=" + keys);
  }

  private static HttpClient httpClient(Path caPem) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(caPem)) {
      trust.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    OkHttpClient ok =
        new OkHttpClient.Builder()
            .sslSocketFactory(ssl.getSocketFactory(), (X509TrustManager) tmf.getTrustManagers()[0])
            .build();
    return new OkHttpAsyncHttpClientBuilder(ok).build();
  }
}
