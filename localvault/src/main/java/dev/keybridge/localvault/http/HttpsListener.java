package dev.keybridge.localvault.http;

import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The vault's HTTPS server: embedded Jetty (non-blocking I/O: a slow or idle connection holds no
 * thread) with TLS 1.2 and 1.3, HTTP/1.1 keep-alive, and bounds against slow and hostile clients:
 *
 * <ul>
 *   <li>{@link #FIRST_REQUEST_TIMEOUT}: a new connection that has not completed the TLS handshake
 *       and the request line of its first request in that time is closed.
 *   <li>{@link #IDLE_TIMEOUT}: a connection (or a request body) that sends nothing for that long is
 *       closed; a body slower than {@link #MIN_BODY_BYTES_PER_SECOND} is answered 408.
 *   <li>{@link #MAX_CONNECTIONS}: beyond that many open connections new ones wait in the accept
 *       queue until others close.
 *   <li>{@link #MAX_HEADER_BYTES} for request line plus headers: a longer URL is answered 414,
 *       longer headers 431.
 * </ul>
 *
 * Jetty replaced the JDK's {@code HttpsServer}, which has none of these bounds (a client sending 3
 * bytes held one of its few worker threads) and reached only half the in-process signing rate.
 */
public final class HttpsListener implements AutoCloseable {
  static final Duration FIRST_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
  static final int MAX_CONNECTIONS = 1024;
  static final int MAX_HEADER_BYTES = 16 * 1024;
  static final long MIN_BODY_BYTES_PER_SECOND = 1024;

  private final Server server;
  private final ServerConnector connector;
  private final SslContextFactory.Server ssl;

  private HttpsListener(Server server, ServerConnector connector, SslContextFactory.Server ssl) {
    this.server = server;
    this.connector = connector;
    this.ssl = ssl;
  }

  /**
   * Binds {@code address:port} (0 = any free port) without serving yet, so that a port in use is
   * found before anything else is set up; {@link #start} gives the TLS context.
   *
   * @throws java.net.BindException when the port is in use
   */
  public static HttpsListener bind(InetAddress address, int port) throws IOException {
    QueuedThreadPool threads =
        new QueuedThreadPool(Math.max(16, 8 * Runtime.getRuntime().availableProcessors()), 4);
    threads.setName("localvault");
    threads.setDaemon(true);
    Server server = new Server(threads);
    server.setErrorHandler(new ServerErrorPages());

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(MAX_HEADER_BYTES);
    http.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    http.setMinRequestDataRate(MIN_BODY_BYTES_PER_SECOND);
    // The vault parses the raw path itself (PathSegments) and answers path tricks with Key Vault's
    // own error codes; Jetty passes every request-target through.
    http.setUriCompliance(UriCompliance.UNSAFE);

    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    ssl.setNeedClientAuth(false);
    ssl.setWantClientAuth(false);

    ServerConnector connector =
        new ServerConnector(
            server,
            1,
            1,
            new SslConnectionFactory(ssl, "http/1.1"),
            new HttpConnectionFactory(http));
    connector.setHost(address.getHostAddress());
    connector.setPort(port);
    connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    connector.setAcceptQueueSize(256);
    connector.addBean(new FirstRequestDeadline(server));
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
    try {
      connector.open();
    } catch (Exception e) {
      // Jetty wraps the JDK's BindException; callers tell a port in use by it
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof java.net.BindException bind) {
          throw bind;
        }
      }
      if (e instanceof IOException io) {
        throw io;
      }
      throw new IOException("cannot bind " + address + ":" + port, e);
    }
    return new HttpsListener(server, connector, ssl);
  }

  /** The bound port. */
  public int port() {
    return connector.getLocalPort();
  }

  /** Serves every path with {@code handler} over TLS with {@code tls}. */
  public void start(HttpHandler handler, SSLContext tls) {
    ssl.setSslContext(tls);
    server.setHandler(new Adapter(handler));
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("the local vault's server did not start: " + e, e);
    }
  }

  /** Stops accepting, closes connections and waits (up to 10 s) for running requests. */
  @Override
  public void close() {
    server.setStopTimeout(10_000);
    try {
      server.stop();
    } catch (Exception e) {
      // stopping: nothing left to do with a failure
    }
  }

  /** Runs the vault's pipeline for each request and sends its answer in one write. */
  private static final class Adapter extends Handler.Abstract {
    private final HttpHandler pipeline;

    Adapter(HttpHandler pipeline) {
      this.pipeline = pipeline;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      URI uri;
      try {
        uri = new URI(request.getHttpURI().getPathQuery());
      } catch (URISyntaxException | NullPointerException e) {
        Response.writeError(request, response, callback, 400, "Invalid request target");
        return true;
      }
      JettyExchange exchange = new JettyExchange(request, response, uri);
      pipeline.handle(exchange);
      exchange.complete(callback);
      return true;
    }
  }

  /**
   * Closes a connection whose first request has not started (TLS handshake done and request line
   * read) {@link #FIRST_REQUEST_TIMEOUT} after it was accepted, so a client that trickles bytes
   * cannot hold a connection below the idle timeout; headers after that are bounded by the idle
   * timeout and {@link #MAX_HEADER_BYTES}.
   */
  private static final class FirstRequestDeadline implements Connection.Listener {
    private final Server server;

    FirstRequestDeadline(Server server) {
      this.server = server;
    }

    @Override
    public void onOpened(Connection connection) {
      Scheduler scheduler = server.getScheduler();
      if (!(connection instanceof SslConnection tls) || scheduler == null) {
        return; // the deadline watches the network connection; HTTP runs inside its TLS
      }
      scheduler.schedule(
          () -> {
            if (tls.getEndPoint().isOpen()
                && !hasStartedARequest(tls.getSslEndPoint().getConnection())) {
              tls.getEndPoint().close();
            }
          },
          FIRST_REQUEST_TIMEOUT.toMillis(),
          TimeUnit.MILLISECONDS);
    }

    private static boolean hasStartedARequest(Connection http) {
      return http != null && http.getMessagesIn() > 0;
    }
  }
}
