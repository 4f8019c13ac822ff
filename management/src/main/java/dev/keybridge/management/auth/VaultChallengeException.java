package dev.keybridge.management.auth;

/**
 * A Key Vault authentication challenge that keybridge refuses to answer: malformed, or naming a
 * resource whose domain does not match the vault host (a token for it must not be sent there).
 */
public final class VaultChallengeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Code for a challenge without usable authorization or scope parameters. */
  public static final String INVALID_CHALLENGE = "InvalidChallenge";

  private final String errorCode;

  public VaultChallengeException(String errorCode, String message) {
    super(message);
    this.errorCode = errorCode;
  }

  /** {@code ChallengeResourceMismatch} or {@value #INVALID_CHALLENGE}. */
  public String errorCode() {
    return errorCode;
  }
}
