package dev.keybridge.management.http;

/**
 * The deadline of a vault operation ({@code keybridge.http.timeout}) passed before an answer came:
 * names the method and URL, the attempts and the last cause (a stalled response, refused
 * connections, 503s...). The calling thread is released when the deadline passes.
 */
public final class VaultDeadlineExceededException extends VaultUnreachableException {
  private static final long serialVersionUID = 1L;

  private final String lastCause;

  private VaultDeadlineExceededException(VaultOperation operation, String message) {
    super(
        message,
        operation.target(),
        operation.attempts(),
        operation.elapsed(),
        operation.lastFailure());
    this.lastCause = operation.lastCause();
  }

  static VaultDeadlineExceededException of(VaultOperation operation) {
    String cause =
        operation.lastFailure() == null && "none".equals(operation.lastCause())
            ? "no answer yet (attempt still waiting)"
            : operation.lastCause();
    return new VaultDeadlineExceededException(
        operation,
        operation.target()
            + ": no answer within the deadline of "
            + VaultOperation.seconds(operation.timeout())
            + " (keybridge.http.timeout) after "
            + operation.attempts()
            + (operation.attempts() == 1 ? " attempt" : " attempts")
            + "; last cause: "
            + cause);
  }

  /** What the last attempt ran into, e.g. {@code HTTP 503} or {@code SocketTimeoutException}. */
  public String lastCause() {
    return lastCause;
  }
}
