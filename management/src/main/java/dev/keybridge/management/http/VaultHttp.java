package dev.keybridge.management.http;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpLoggingPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.util.ClientOptions;
import dev.keybridge.management.auth.KeyVaultChallengePolicy;
import dev.keybridge.management.auth.VaultChallenge;
import dev.keybridge.management.config.KeyVaultConfig;
import java.time.Duration;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * Builds the one HTTP stack of a configuration: an okhttp client with a pool sized for concurrent
 * use (okhttp keeps only 5 idle connections by default), a dispatcher allowing as many requests per
 * host as the pool holds, the configured timeouts and, where configured, TLS trust limited to the
 * CA file. Netty is never used.
 */
public final class VaultHttp {
  /** How long an idle pooled connection is kept. */
  public static final Duration KEEP_ALIVE = Duration.ofMinutes(5);

  private static final ClientOptions CLIENT_OPTIONS =
      new ClientOptions().setApplicationId("keybridge");

  private VaultHttp() {}

  /**
   * The one pipeline of a credential, under every SDK client and {@code VaultCrypto}: {@code
   * client}, the operation deadline, retries, and one challenge policy whose challenge cache
   * ({@code challenges}: authority to challenge, no token in it) is the connection's, so that the
   * Key Vault challenge (one 401 round trip) happens once per vault and JVM and the token request
   * once per credential, not once per SDK package. Challenge-resource verification is in {@link
   * KeyVaultChallengePolicy}: on for every vault that is not on a loopback address.
   */
  public static HttpPipeline pipeline(
      HttpClient client,
      KeyVaultConfig config,
      TokenCredential credential,
      ConcurrentMap<String, VaultChallenge> challenges) {
    return new HttpPipelineBuilder()
        .httpClient(client)
        .clientOptions(CLIENT_OPTIONS)
        .policies(
            new UserAgentPolicy("keybridge"),
            new DeadlinePolicy(config.operationTimeout()),
            VaultRetryPolicy.of(config),
            new KeyVaultChallengePolicy(credential, challenges),
            new HttpLoggingPolicy(logOptions(config)))
        .build();
  }

  /** A new okhttp client for this configuration. */
  public static OkHttpClient okHttpClient(KeyVaultConfig config) {
    int connections = config.maxConnections();
    Dispatcher dispatcher = new Dispatcher(dispatcherThreads());
    dispatcher.setMaxRequests(connections);
    dispatcher.setMaxRequestsPerHost(connections);
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .connectionPool(
                new ConnectionPool(connections, KEEP_ALIVE.toMinutes(), TimeUnit.MINUTES))
            .dispatcher(dispatcher)
            .connectTimeout(config.connectTimeout())
            .readTimeout(config.readTimeout())
            .writeTimeout(config.readTimeout())
            .retryOnConnectionFailure(true);
    config
        .trustCaFile()
        .ifPresent(
            caFile -> {
              CaTrust trust = CaTrust.fromFile(caFile);
              builder.sslSocketFactory(trust.sslContext().getSocketFactory(), trust.trustManager());
            });
    return builder.build();
  }

  /**
   * okhttp's own dispatcher threads are not daemons: a program whose last vault call has finished
   * would wait up to a minute for them before exiting. keybridge's are daemons.
   */
  private static ExecutorService dispatcherThreads() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory =
        runnable -> {
          Thread thread = new Thread(runnable, "keybridge-http-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    return new ThreadPoolExecutor(
        0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
  }

  /**
   * The azure-core HTTP client over {@code okHttpClient}, keeping its pool and dispatcher; every
   * request, synchronous or not, holds one of the pool's permits until its body is read (see {@link
   * DispatchedHttpClient}).
   */
  public static HttpClient azureHttpClient(OkHttpClient okHttpClient, KeyVaultConfig config) {
    return new DispatchedHttpClient(
        azureOkHttpClient(okHttpClient, config), okHttpClient.dispatcher().getMaxRequestsPerHost());
  }

  private static HttpClient azureOkHttpClient(OkHttpClient okHttpClient, KeyVaultConfig config) {
    return new OkHttpAsyncHttpClientBuilder(okHttpClient)
        .connectionPool(okHttpClient.connectionPool())
        .dispatcher(okHttpClient.dispatcher())
        .connectionTimeout(config.connectTimeout())
        .readTimeout(config.readTimeout())
        .writeTimeout(config.readTimeout())
        .responseTimeout(config.responseTimeout())
        .build();
  }

  /** HTTP logging at the configured level; Authorization is always redacted by azure-core. */
  public static HttpLogOptions logOptions(KeyVaultConfig config) {
    return new HttpLogOptions().setLogLevel(config.httpLogLevel());
  }
}
