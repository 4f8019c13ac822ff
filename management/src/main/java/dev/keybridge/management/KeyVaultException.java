package dev.keybridge.management;

/**
 * A vault call that failed. The message always names the vault error code, the HTTP status, the
 * operation and the key, e.g. {@code "sign on key 'k1' failed: Forbidden/KeyDisabled (HTTP 403):
 * Operation sign is not allowed on a disabled key."}; it never contains a token, secret or key
 * material. Transport failures (vault unreachable) have status 0 and code {@code VaultUnreachable}.
 */
public class KeyVaultException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Status used when no HTTP response was received. */
  public static final int NO_RESPONSE = 0;

  private final int statusCode;
  private final String errorCode;
  private final String innerErrorCode;
  private final String operation;
  private final String keyName;

  public KeyVaultException(
      String operation,
      String keyName,
      int statusCode,
      String errorCode,
      String innerErrorCode,
      String vaultMessage,
      Throwable cause) {
    super(describe(operation, keyName, statusCode, errorCode, innerErrorCode, vaultMessage), cause);
    this.operation = operation;
    this.keyName = keyName;
    this.statusCode = statusCode;
    this.errorCode = errorCode;
    this.innerErrorCode = innerErrorCode;
  }

  private static String describe(
      String operation,
      String keyName,
      int statusCode,
      String errorCode,
      String innerErrorCode,
      String vaultMessage) {
    StringBuilder text = new StringBuilder();
    text.append(operation);
    if (keyName != null) {
      text.append(" on '").append(keyName).append('\'');
    }
    text.append(" failed: ").append(errorCode == null ? "UnknownError" : errorCode);
    if (innerErrorCode != null) {
      text.append('/').append(innerErrorCode);
    }
    if (statusCode != NO_RESPONSE) {
      text.append(" (HTTP ").append(statusCode).append(')');
    }
    if (vaultMessage != null && !vaultMessage.isEmpty()) {
      text.append(": ").append(vaultMessage);
    }
    return text.toString();
  }

  /** HTTP status of the vault's answer, or {@link #NO_RESPONSE}. */
  public int statusCode() {
    return statusCode;
  }

  /** The vault's error code ({@code Forbidden}, {@code KeyNotFound}, ...). */
  public String errorCode() {
    return errorCode;
  }

  /** The vault's inner error code ({@code ForbiddenByRbac}, {@code KeyDisabled}, ...) or null. */
  public String innerErrorCode() {
    return innerErrorCode;
  }

  /** The operation that failed, in Key Vault's words: sign, decrypt, unwrapKey, getKey, ... */
  public String operation() {
    return operation;
  }

  /** The key (or certificate) name, or null when the operation is not about one. */
  public String keyName() {
    return keyName;
  }
}
