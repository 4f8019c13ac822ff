package dev.keybridge.localvault;

/**
 * A request the local vault refuses, carrying the HTTP status and the Key Vault error code that go
 * into the {@code {"error":{"code","message","innererror"}}} body. Thrown anywhere in request
 * handling; the one dispatch point turns it into the response.
 */
public final class VaultError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String innerCode;

  public VaultError(int status, String code, String innerCode, String message) {
    super(message);
    this.status = status;
    this.code = code;
    this.innerCode = innerCode;
  }

  /** 400 {@code BadParameter}: the request is malformed or asks for something invalid. */
  public static VaultError badParameter(String message) {
    return new VaultError(400, "BadParameter", null, message);
  }

  /**
   * 401 {@code Unauthorized}: no token, or a token that is expired, forged or for another audience.
   */
  public static VaultError unauthorized(String message) {
    return new VaultError(401, "Unauthorized", null, message);
  }

  /**
   * 403 {@code Forbidden} with an inner code such as {@code ForbiddenByRbac} or {@code
   * KeyDisabled}.
   */
  public static VaultError forbidden(String innerCode, String message) {
    return new VaultError(403, "Forbidden", innerCode, message);
  }

  /** 404 with a resource-specific code: {@code KeyNotFound}, {@code CertificateNotFound}, ... */
  public static VaultError notFound(String code, String message) {
    return new VaultError(404, code, null, message);
  }

  /** 409 {@code Conflict} with an inner code such as {@code ObjectIsDeletedButRecoverable}. */
  public static VaultError conflict(String innerCode, String message) {
    return new VaultError(409, "Conflict", innerCode, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The inner error code, or null. */
  public String innerCode() {
    return innerCode;
  }
}
