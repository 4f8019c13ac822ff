package dev.keybridge.localvault.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The JDK {@link HttpsServer} the vault listens with: TLS 1.2 and 1.3 only, HTTP/1.1 keep-alive,
 * TCP_NODELAY, and a bounded worker pool (4 threads per core, at least 4; a queue of 1024, then the
 * accepting thread runs the request itself, which slows intake instead of dropping requests).
 */
public final class HttpsListener implements AutoCloseable {
  static {
    // Without TCP_NODELAY every response waits ~40 ms for delayed ACKs; must be set before the
    // JDK's HttpServer configuration class initialises.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpsServer server;
  private final ThreadPoolExecutor workers;

  private HttpsListener(HttpsServer server, ThreadPoolExecutor workers) {
    this.server = server;
    this.workers = workers;
  }

  /**
   * Binds {@code address:port} (0 = any free port) without serving yet, so that a port in use is
   * found before anything else is set up; {@link #start} gives the TLS context.
   *
   * @throws java.net.BindException when the port is in use
   */
  public static HttpsListener bind(InetAddress address, int port) throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress(address, port), 256);
    ThreadPoolExecutor workers = newWorkers();
    server.setExecutor(workers);
    return new HttpsListener(server, workers);
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Serves every path with {@code handler} over TLS with {@code tls}. */
  public void start(HttpHandler handler, SSLContext tls) {
    server.setHttpsConfigurator(new TlsConfigurator(tls));
    server.createContext("/", handler);
    server.start();
  }

  /** Stops accepting, closes connections and waits (up to 10 s) for running requests. */
  @Override
  public void close() {
    server.stop(0);
    workers.shutdown();
    try {
      workers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadPoolExecutor newWorkers() {
    int threads = Math.max(4, 4 * Runtime.getRuntime().availableProcessors());
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1024),
            r -> {
              Thread t = new Thread(r, "localvault-worker-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** TLS 1.2 and 1.3 only; no client certificates. */
  private static final class TlsConfigurator extends HttpsConfigurator {
    TlsConfigurator(SSLContext tls) {
      super(tls);
    }

    @Override
    public void configure(HttpsParameters params) {
      SSLParameters p = getSSLContext().getDefaultSSLParameters();
      p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      p.setNeedClientAuth(false);
      p.setWantClientAuth(false);
      params.setSSLParameters(p);
    }
  }
}
