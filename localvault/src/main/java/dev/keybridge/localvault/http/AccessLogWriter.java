package dev.keybridge.localvault.http;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
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
    byte[] line;
    // streamed, not built as a tree: the log is written once per request on the serving thread
    try (ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        JsonGenerator json = Json.MAPPER.getFactory().createGenerator(buffer)) {
      json.writeStartObject();
      json.writeStringField("time", time.truncatedTo(ChronoUnit.MILLIS).toString());
      json.writeStringField("method", method);
      json.writeStringField("path", path);
      json.writeNumberField("status", status);
      json.writeNumberField("latencyMs", Math.round(latencyMs * 100.0) / 100.0);
      json.writeStringField("error", error);
      json.writeStringField("client", client);
      json.writeStringField("conn", conn);
      json.writeEndObject();
      json.flush();
      line = buffer.toByteArray();
    } catch (IOException e) {
      return; // the access log is best effort
    }
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
