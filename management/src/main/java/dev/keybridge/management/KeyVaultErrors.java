package dev.keybridge.management;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import com.azure.json.JsonSerializable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.management.auth.VaultChallengeException;
import dev.keybridge.management.http.VaultDeadlineExceededException;
import dev.keybridge.management.http.VaultUnreachableException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import reactor.core.Exceptions;

/**
 * Turns whatever a vault call threw (azure-core and SDK exceptions, I/O failures, reactor wrappers)
 * into one {@link KeyVaultException} naming the vault error code, the HTTP status, the operation
 * and the key. The error code comes from the {@code {"error":{"code","message",
 * "innererror":{"code"}}}} body of the vault's response.
 */
public final class KeyVaultErrors {
  /** Code of failures where no HTTP response arrived (connection refused, TLS, timeout). */
  public static final String VAULT_UNREACHABLE = "VaultUnreachable";

  /** Code of an operation whose deadline ({@code keybridge.http.timeout}) passed. */
  public static final String DEADLINE_EXCEEDED = "DeadlineExceeded";

  /** Code of token acquisition failures that never reached the vault. */
  public static final String AUTHENTICATION_FAILED = "AuthenticationFailed";

  /** Code of a Key Vault challenge whose resource does not match the vault host. */
  public static final String CHALLENGE_RESOURCE_MISMATCH = "ChallengeResourceMismatch";

  /** Code of a client-side failure with no better description. */
  public static final String CLIENT_ERROR = "ClientError";

  private static final ObjectMapper JSON = new ObjectMapper();

  private KeyVaultErrors() {}

  /**
   * The {@link KeyVaultException} for {@code failure}. A {@code KeyVaultException} found in the
   * cause chain is returned as is.
   */
  public static KeyVaultException translate(Throwable failure, String operation, String name) {
    Throwable cause = unwrap(failure);
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof KeyVaultException kve) {
        return kve;
      }
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof VaultUnreachableException unreachable) {
        return new KeyVaultException(
            operation,
            name,
            KeyVaultException.NO_RESPONSE,
            unreachable instanceof VaultDeadlineExceededException
                ? DEADLINE_EXCEEDED
                : VAULT_UNREACHABLE,
            null,
            firstLine(unreachable.getMessage()),
            cause);
      }
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof HttpResponseException hre && hre.getResponse() != null) {
        return fromResponse(hre.getResponse().getStatusCode(), bodyOf(hre), operation, name, hre);
      }
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof VaultChallengeException challenge) {
        return new KeyVaultException(
            operation, name, 401, challenge.errorCode(), null, challenge.getMessage(), cause);
      }
    }
    // A transport failure (TLS trust, refused connection, unknown host) is reported as such even
    // when it surfaced while fetching a token: the vault was not reached, whatever was asked.
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException
          || t instanceof java.net.ConnectException
          || t instanceof java.net.UnknownHostException) {
        return unreachable(operation, name, cause);
      }
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ClientAuthenticationException || isMsalFailure(t)) {
        return new KeyVaultException(
            operation,
            name,
            KeyVaultException.NO_RESPONSE,
            AUTHENTICATION_FAILED,
            null,
            firstLine(t.getMessage()),
            cause);
      }
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof IOException
          || t instanceof UncheckedIOException
          || t instanceof TimeoutException) {
        return unreachable(operation, name, cause);
      }
    }
    String message = cause.getMessage();
    if (message != null && message.contains("challenge resource")) {
      return new KeyVaultException(
          operation,
          name,
          KeyVaultException.NO_RESPONSE,
          CHALLENGE_RESOURCE_MISMATCH,
          null,
          firstLine(message),
          cause);
    }
    return new KeyVaultException(
        operation, name, KeyVaultException.NO_RESPONSE, CLIENT_ERROR, null, reason(cause), cause);
  }

  /** A failure without HTTP response: status 0, code {@value #VAULT_UNREACHABLE}. */
  public static KeyVaultException unreachable(String operation, String name, Throwable cause) {
    return new KeyVaultException(
        operation,
        name,
        KeyVaultException.NO_RESPONSE,
        VAULT_UNREACHABLE,
        null,
        rootReason(cause),
        cause);
  }

  /** The {@link #reason} of the innermost cause of {@code failure}. */
  public static String rootReason(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return reason(root);
  }

  /**
   * What went wrong in words, without Java class names (they stay in the cause chain): {@code
   * connection refused}, {@code unknown host: NAME}, {@code TLS certificate not trusted: ...}.
   */
  static String reason(Throwable failure) {
    String phrase = null;
    if (failure instanceof ConnectException) {
      phrase = "connection refused";
    } else if (failure instanceof UnknownHostException) {
      phrase = "unknown host";
    } else if (failure instanceof SocketTimeoutException
        || failure instanceof HttpTimeoutException
        || failure instanceof TimeoutException) {
      phrase = "timed out";
    } else if (failure instanceof CertPathBuilderException
        || failure instanceof CertPathValidatorException) {
      phrase = "TLS certificate not trusted";
    } else if (failure instanceof SSLException) {
      phrase = "TLS failed";
    } else if (failure instanceof EOFException) {
      phrase = "connection closed by the server";
    }
    String message = firstLine(failure.getMessage());
    if (message == null || message.isBlank()) {
      return phrase != null ? phrase : "no detail given";
    }
    if (phrase == null) {
      return message;
    }
    return phrase.equalsIgnoreCase(message) ? phrase : phrase + ": " + message;
  }

  /**
   * The exception for an HTTP error response, parsing the Key Vault error body (which may be empty
   * or not JSON; the code then falls back to the HTTP reason, e.g. {@code HttpStatus404}).
   */
  public static KeyVaultException fromResponse(
      int status, String body, String operation, String name, Throwable cause) {
    String code = null;
    String inner = null;
    String message = null;
    JsonNode error = parseError(body);
    if (error != null) {
      code = text(error.get("code"));
      message = text(error.get("message"));
      JsonNode innerNode = error.get("innererror");
      if (innerNode == null) {
        innerNode = error.get("innerError");
      }
      if (innerNode != null) {
        inner = text(innerNode.get("code"));
      }
    }
    if (code == null) {
      code = "HttpStatus" + status;
    }
    return new KeyVaultException(operation, name, status, code, inner, message, cause);
  }

  private static JsonNode parseError(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    int start = body.indexOf('{');
    int end = body.lastIndexOf('}');
    if (start < 0 || end <= start) {
      return null;
    }
    try {
      JsonNode root = JSON.readTree(body.substring(start, end + 1));
      JsonNode error = root.get("error");
      return error != null && error.isObject() ? error : null;
    } catch (IOException notJson) {
      return null;
    }
  }

  private static String bodyOf(HttpResponseException exception) {
    Object value = exception.getValue();
    try {
      if (value instanceof JsonSerializable<?> serializable) {
        return serializable.toJsonString();
      }
      if (value instanceof String text) {
        return text;
      }
      if (value instanceof byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
      }
    } catch (IOException | RuntimeException ignored) {
      // Fall back to the message, which carries the raw body.
    }
    String message = exception.getMessage();
    if (message != null && message.contains("{")) {
      return message;
    }
    HttpResponse response = exception.getResponse();
    try {
      return response.getBodyAsBinaryData().toString();
    } catch (RuntimeException alreadyConsumed) {
      return null;
    }
  }

  /** MSAL (azure-identity's token library) failures: the token endpoint refused the credential. */
  private static boolean isMsalFailure(Throwable t) {
    return t.getClass().getName().startsWith("com.microsoft.aad.msal4j.Msal");
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = Exceptions.unwrap(failure);
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = Exceptions.unwrap(t.getCause());
    }
    return t;
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return null;
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() > 500 ? line.substring(0, 500) + "..." : line;
  }
}
