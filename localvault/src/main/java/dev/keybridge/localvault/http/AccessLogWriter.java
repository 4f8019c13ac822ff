package dev.keybridge.localvault.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Appends one JSON line per request to {@code DIR/access.log} and flushes it: {@code
 * {"time","method","path","status","latencyMs","error","client","conn"}}. Only the path (never the
 * query string), the status, the error code and the client id are written: no token, secret or key
 * material can reach the log.
 */
public final class AccessLogWriter implements AutoCloseable {
  private final OutputStream out;

  public AccessLogWriter(Path file) throws IOException {
    this.out =
        Files.newOutputStream(
            file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  }

  /** Writes one entry; I/O failures are swallowed (logging must not fail a request). */
  public void write(
      Instant time,
      String method,
      String path,
      int status,
      double latencyMs,
      String error,
      String client,
      String conn) {
    ObjectNode n = Json.object();
    n.put("time", DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.MILLIS)));
    n.put("method", method);
    n.put("path", path);
    n.put("status", status);
    n.put("latencyMs", Math.round(latencyMs * 100.0) / 100.0);
    n.put("error", error);
    n.put("client", client);
    n.put("conn", conn);
    byte[] line = Json.bytes(n);
    synchronized (this) {
      try {
        out.write(line);
        out.write('\n');
        out.flush();
      } catch (IOException ignored) {
        // the access log is best effort
      }
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
