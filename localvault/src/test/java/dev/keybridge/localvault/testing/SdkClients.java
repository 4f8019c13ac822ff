package dev.keybridge.localvault.testing;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.CertificateClientBuilder;
import com.azure.security.keyvault.keys.KeyAsyncClient;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.KeyClientBuilder;
import com.azure.security.keyvault.keys.cryptography.CryptographyClient;
import com.azure.security.keyvault.keys.cryptography.CryptographyClientBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import dev.keybridge.localvault.LocalVault;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * The official Azure SDK clients for a local vault, exactly as an application would build them:
 * azure-identity's {@code ClientSecretCredential} against the vault's own token endpoint (authority
 * host = vault URL, {@code disableInstanceDiscovery()}), the okhttp transport trusting the vault's
 * CA, and {@code disableChallengeResourceVerification()} (a loopback host can never end with {@code
 * .vault.azure.net}). Needs azure-security-keyvault-keys/-certificates/-secrets, azure-identity and
 * azure-core-http-okhttp on the test classpath.
 *
 * <pre>{@code
 * KeyClient keys = SdkClients.admin(vault).keyClient();
 * KeyClient user = SdkClients.of(vault, "app", "secret").keyClient();
 * }</pre>
 */
public final class SdkClients {
  private final LocalVault vault;
  private final HttpClient httpClient;
  private final TokenCredential credential;

  private SdkClients(LocalVault vault, String clientId, String clientSecret) {
    this.vault = vault;
    this.httpClient = httpClient(vault);
    this.credential =
        new ClientSecretCredentialBuilder()
            .tenantId(vault.tenantId())
            .clientId(clientId)
            .clientSecret(clientSecret)
            .authorityHost(vault.url().toString())
            .httpClient(httpClient)
            .disableInstanceDiscovery()
            .build();
  }

  /** Clients authenticated as the vault's administrator (Key Vault Administrator). */
  public static SdkClients admin(LocalVault vault) {
    return new SdkClients(vault, vault.adminClientId(), vault.adminClientSecret());
  }

  /** Clients authenticated as a registered client. */
  public static SdkClients of(LocalVault vault, String clientId, String clientSecret) {
    return new SdkClients(vault, clientId, clientSecret);
  }

  /** An azure-core okhttp {@link HttpClient} trusting only the vault's CA. */
  public static HttpClient httpClient(LocalVault vault) {
    X509TrustManager tm = LocalVaultTrust.trustManager(vault);
    OkHttpClient ok =
        new OkHttpClient.Builder()
            .sslSocketFactory(LocalVaultTrust.sslContext(vault).getSocketFactory(), tm)
            .build();
    return new OkHttpAsyncHttpClientBuilder(ok).build();
  }

  public TokenCredential credential() {
    return credential;
  }

  public HttpClient httpClient() {
    return httpClient;
  }

  public KeyClient keyClient() {
    return keyClientBuilder().buildClient();
  }

  public KeyAsyncClient keyAsyncClient() {
    return keyClientBuilder().buildAsyncClient();
  }

  /**
   * A builder preconfigured for this vault, to adjust (service version, retry policy) before
   * building.
   */
  public KeyClientBuilder keyClientBuilder() {
    return new KeyClientBuilder()
        .vaultUrl(vault.url().toString())
        .credential(credential)
        .httpClient(httpClient)
        .disableChallengeResourceVerification();
  }

  /** A CryptographyClient for a key id ({@code https://localhost:PORT/keys/name[/version]}). */
  public CryptographyClient cryptographyClient(String keyId) {
    return new CryptographyClientBuilder()
        .keyIdentifier(keyId)
        .credential(credential)
        .httpClient(httpClient)
        .disableChallengeResourceVerification()
        .buildClient();
  }

  public CertificateClient certificateClient() {
    return new CertificateClientBuilder()
        .vaultUrl(vault.url().toString())
        .credential(credential)
        .httpClient(httpClient)
        .disableChallengeResourceVerification()
        .buildClient();
  }

  public SecretClient secretClient() {
    return new SecretClientBuilder()
        .vaultUrl(vault.url().toString())
        .credential(credential)
        .httpClient(httpClient)
        .disableChallengeResourceVerification()
        .buildClient();
  }
}
