package dev.keybridge.localvault.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpsExchange;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSession;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One Jetty request seen as the JDK's {@link HttpsExchange}, so the vault's request pipeline stays
 * independent of the server that carries it. The response is collected (status, headers, body) and
 * sent by {@link #complete} in one write: headers and body leave in one go.
 */
final class JettyExchange extends HttpsExchange {
  private final Request request;
  private final Response response;
  private final URI uri;
  private final Headers requestHeaders = new Headers();
  private final Headers responseHeaders = new Headers();
  private final Map<String, Object> attributes = new HashMap<>();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private InputStream requestBody;
  private int status = -1;

  JettyExchange(Request request, Response response, URI uri) {
    this.request = request;
    this.response = response;
    this.uri = uri;
    for (HttpField field : request.getHeaders()) {
      requestHeaders.add(field.getName(), field.getValue());
    }
  }

  /** Sends what the pipeline answered in one write; nothing answered: the connection is dropped. */
  void complete(Callback callback) {
    if (status < 0) {
      request.getConnectionMetaData().getConnection().getEndPoint().close();
      callback.failed(new IllegalStateException("request dropped without an answer"));
      return;
    }
    response.setStatus(status);
    for (Map.Entry<String, List<String>> header : responseHeaders.entrySet()) {
      for (String value : header.getValue()) {
        response.getHeaders().add(header.getKey(), value);
      }
    }
    response.getHeaders().put("Content-Length", Long.toString(body.size()));
    response.write(true, ByteBuffer.wrap(body.toByteArray()), callback);
  }

  @Override
  public Headers getRequestHeaders() {
    return requestHeaders;
  }

  @Override
  public Headers getResponseHeaders() {
    return responseHeaders;
  }

  @Override
  public URI getRequestURI() {
    return uri;
  }

  @Override
  public String getRequestMethod() {
    return request.getMethod();
  }

  @Override
  public HttpContext getHttpContext() {
    return null;
  }

  @Override
  public void close() {
    // the response is sent by complete() once the pipeline returns
  }

  @Override
  public InputStream getRequestBody() {
    if (requestBody == null) {
      requestBody = Content.Source.asInputStream(request);
    }
    return requestBody;
  }

  @Override
  public OutputStream getResponseBody() {
    return body;
  }

  @Override
  public void sendResponseHeaders(int code, long length) {
    status = code;
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
    return remote instanceof InetSocketAddress inet ? inet : null;
  }

  @Override
  public int getResponseCode() {
    return status;
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    SocketAddress local = request.getConnectionMetaData().getLocalSocketAddress();
    return local instanceof InetSocketAddress inet ? inet : null;
  }

  @Override
  public String getProtocol() {
    return request.getConnectionMetaData().getProtocol();
  }

  @Override
  public Object getAttribute(String name) {
    return attributes.get(name);
  }

  @Override
  public void setAttribute(String name, Object value) {
    attributes.put(name, value);
  }

  @Override
  public void setStreams(InputStream in, OutputStream out) {
    throw new UnsupportedOperationException("streams are not replaceable");
  }

  @Override
  public HttpPrincipal getPrincipal() {
    return null;
  }

  @Override
  public SSLSession getSSLSession() {
    return null;
  }
}
