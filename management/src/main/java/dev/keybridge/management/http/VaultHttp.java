package dev.keybridge.management.http;

import com.azure.core.http.HttpClient;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.core.http.policy.HttpLogOptions;
import dev.keybridge.management.config.KeyVaultConfig;
import java.time.Duration;
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

  private VaultHttp() {}

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
