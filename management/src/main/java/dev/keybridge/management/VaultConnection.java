package dev.keybridge.management;

import com.azure.core.http.HttpClient;
import dev.keybridge.management.auth.VaultChallenge;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.management.config.KeyVaultProperty;
import dev.keybridge.management.http.VaultHttp;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import okhttp3.OkHttpClient;

/**
 * The connection to one vault: ONE okhttp client (connection pool and dispatcher) and the
 * azure-core HTTP client over it, plus the vault's authentication challenges, shared by every
 * {@link KeyVaultClients} with the same {@link Identity} whatever their credentials. Reference
 * counted: opened by the first {@link #acquire}, shut down (idle connections evicted, dispatcher
 * threads stopped) by the last {@link #release}.
 */
final class VaultConnection {
  private static final Map<Identity, VaultConnection> OPEN = new ConcurrentHashMap<>();

  private final Identity identity;
  private final OkHttpClient okHttpClient;
  private final HttpClient httpClient;
  private final ConcurrentMap<String, VaultChallenge> challenges = new ConcurrentHashMap<>();
  private int references;

  private VaultConnection(Identity identity, KeyVaultConfig config) {
    this.identity = identity;
    this.okHttpClient = VaultHttp.okHttpClient(config);
    this.httpClient = VaultHttp.azureHttpClient(okHttpClient, config);
  }

  /**
   * What makes two configurations use the same connection: every setting except the credential's
   * (method, ids, secrets, tokens) and the KeyStore's own: vault URL, trust, HTTP, retry, logging.
   * Holds no secret.
   */
  record Identity(Map<KeyVaultProperty, String> settings) {
    static Identity of(KeyVaultConfig config) {
      Map<KeyVaultProperty, String> settings = new EnumMap<>(KeyVaultProperty.class);
      for (KeyVaultProperty property : KeyVaultProperty.values()) {
        if (isConnectionSetting(property)) {
          config.value(property).ifPresent(value -> settings.put(property, value));
        }
      }
      return new Identity(Map.copyOf(settings));
    }

    boolean isFor(URI vaultUrl) {
      String url = vaultUrl.toString().replaceFirst("/+$", "");
      return url.equals(settings.get(KeyVaultProperty.VAULT_URL));
    }

    static boolean isConnectionSetting(KeyVaultProperty property) {
      String name = property.propertyName();
      return !name.startsWith("keybridge.auth.") && !name.startsWith("keybridge.keystore.");
    }
  }

  /** The open connection for {@code config}'s identity, opened if needed; one more reference. */
  static VaultConnection acquire(KeyVaultConfig config) {
    Identity identity = Identity.of(config);
    synchronized (OPEN) {
      VaultConnection connection = OPEN.get(identity);
      if (connection == null) {
        connection = new VaultConnection(identity, config);
        OPEN.put(identity, connection);
      }
      connection.references++;
      return connection;
    }
  }

  /** One reference less; the last one shuts the connection down. */
  void release() {
    synchronized (OPEN) {
      if (references == 0) {
        return;
      }
      references--;
      if (references > 0) {
        return;
      }
      OPEN.remove(identity, this);
    }
    okHttpClient.connectionPool().evictAll();
    okHttpClient.dispatcher().executorService().shutdown();
  }

  /** How many connections (okhttp clients with their pools) to this vault URL are open. */
  static int openCount(URI vaultUrl) {
    synchronized (OPEN) {
      return (int) OPEN.keySet().stream().filter(identity -> identity.isFor(vaultUrl)).count();
    }
  }

  OkHttpClient okHttpClient() {
    return okHttpClient;
  }

  HttpClient httpClient() {
    return httpClient;
  }

  ConcurrentMap<String, VaultChallenge> challenges() {
    return challenges;
  }

  boolean isOpen() {
    synchronized (OPEN) {
      return references > 0;
    }
  }
}
