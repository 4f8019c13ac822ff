package dev.keybridge.cli.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The floor a vault client can reach: one kept-alive TLS connection, each request's headers and
 * body written in one {@code write}, the response read by Content-Length. A kept-alive connection
 * the vault closed while it was idle (its idle timeout) is replaced and the request sent once more,
 * as okhttp does with a stale pooled connection. Not thread-safe: one per thread.
 */
final class RawHttpsPost implements AutoCloseable {
  private final SSLContext tls;
  private final URI vault;
  private SSLSocket socket;
  private InputStream in;
  private OutputStream out;

  RawHttpsPost(SSLContext tls, URI vault) {
    this.tls = tls;
    this.vault = vault;
  }

  /** POSTs {@code json} to {@code pathAndQuery} with the bearer token; the response status. */
  int post(String pathAndQuery, String token, byte[] json) throws IOException {
    boolean reused = socket != null && !socket.isClosed();
    if (!reused) {
      connect();
    }
    byte[] request = request(pathAndQuery, token, json);
    try {
      out.write(request);
      out.flush();
      return readResponse();
    } catch (StaleConnectionException | java.net.SocketException e) {
      if (!reused) {
        throw e;
      }
      close();
      connect();
      out.write(request);
      out.flush();
      return readResponse();
    }
  }

  private void connect() throws IOException {
    int port = vault.getPort() == -1 ? 443 : vault.getPort();
    socket = (SSLSocket) tls.getSocketFactory().createSocket(vault.getHost(), port);
    socket.setTcpNoDelay(true);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  private byte[] request(String pathAndQuery, String token, byte[] json) {
    String head =
        "POST "
            + pathAndQuery
            + " HTTP/1.1\r\nHost: "
            + vault.getAuthority()
            + "\r\nAuthorization: Bearer "
            + token
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + json.length
            + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[headBytes.length + json.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(json, 0, request, headBytes.length, json.length);
    return request;
  }

  private int readResponse() throws IOException {
    String status = line();
    if (status == null) {
      throw new StaleConnectionException();
    }
    int code = Integer.parseInt(status.split(" ", 3)[1]);
    long length = -1;
    boolean close = false;
    for (String header = required(line()); !header.isEmpty(); header = required(line())) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(header.substring(15).trim());
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      }
    }
    if (length < 0) {
      throw new IOException("response without Content-Length");
    }
    in.readNBytes((int) length);
    if (close) {
      close();
    }
    return code;
  }

  /** The next line; null if the connection ends before its first byte (a closed idle one). */
  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        if (line.size() == 0) {
          return null;
        }
        throw new IOException("connection closed by the vault in the middle of a line");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  private static String required(String line) throws IOException {
    if (line == null) {
      throw new IOException("connection closed by the vault before the end of the headers");
    }
    return line;
  }

  /** The vault closed a kept-alive connection before answering: it was idle too long. */
  private static final class StaleConnectionException extends IOException {
    private static final long serialVersionUID = 1L;

    StaleConnectionException() {
      super("connection closed by the vault before its answer");
    }
  }

  @Override
  public void close() throws IOException {
    if (socket != null) {
      socket.close();
      socket = null;
    }
  }
}
