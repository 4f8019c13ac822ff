package dev.keybridge.localvault.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers of the HTTP layer itself (requests Jetty refuses before the vault sees them: a
 * malformed request line or Host, a URL or headers over the limit, a body too slow) in Key Vault's
 * error shape, {@code {"error":{"code","message"}}}, never an HTML page.
 */
final class ServerErrorPages extends ErrorHandler {

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    ObjectNode error = Json.object();
    error.put("code", errorCode(code));
    error.put("message", "The request was refused: " + printable(message) + ".");
    ObjectNode body = Json.object();
    body.set("error", error);
    response.getHeaders().put("Content-Type", "application/json; charset=utf-8");
    response.write(true, ByteBuffer.wrap(Json.bytes(body)), callback);
  }

  /** Key Vault-style codes for the statuses the HTTP layer answers. */
  static String errorCode(int status) {
    return switch (status) {
      case 400 -> "BadParameter";
      case 408 -> "RequestTimeout";
      case 413 -> "RequestBodyTooLarge";
      case 414 -> "RequestUriTooLong";
      case 431 -> "RequestHeaderFieldsTooLarge";
      case 505 -> "HttpVersionNotSupported";
      default -> status >= 500 ? "InternalError" : "BadRequest";
    };
  }

  /** Jetty's reason, without control characters and at most 200 characters. */
  private static String printable(String message) {
    if (message == null || message.isBlank()) {
      return "malformed HTTP request";
    }
    String clean = message.replaceAll("[^\\x20-\\x7e]", "?");
    return clean.length() > 200 ? clean.substring(0, 200) : clean;
  }
}
