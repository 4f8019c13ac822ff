package dev.keybridge.management.http;

import dev.keybridge.management.KeyVaultErrors;
import java.time.Duration;

/**
 * A vault operation that got no usable answer: the connection failed in a way that retrying cannot
 * fix (TLS trust or host name, unknown host), or every allowed attempt failed. The message names
 * the method and URL (without query), the attempts, the time spent and the cause; never a token.
 */
public class VaultUnreachableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String target;
  private final int attempts;
  private final transient Duration elapsed;

  VaultUnreachableException(
      String message, String target, int attempts, Duration elapsed, Throwable cause) {
    super(message, cause);
    this.target = target;
    this.attempts = attempts;
    this.elapsed = elapsed;
  }

  static VaultUnreachableException failed(VaultOperation operation, Throwable cause, String why) {
    return new VaultUnreachableException(
        operation.target()
            + ": "
            + KeyVaultErrors.rootReason(cause)
            + " ("
            + why
            + "; "
            + operation.attempts()
            + (operation.attempts() == 1 ? " attempt" : " attempts")
            + " in "
            + VaultOperation.seconds(operation.elapsed())
            + ")",
        operation.target(),
        operation.attempts(),
        operation.elapsed(),
        cause);
  }

  /** Method and URL, e.g. {@code GET https://localhost:8443/keys}. */
  public String target() {
    return target;
  }

  /** Attempts made, the first included. */
  public int attempts() {
    return attempts;
  }

  /** Time from the first attempt until the operation gave up. */
  public Duration elapsed() {
    return elapsed;
  }
}
