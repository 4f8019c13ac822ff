package dev.keybridge.localvault.certificates;

import dev.keybridge.localvault.VaultError;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The pending operation of a certificate being created ({@code /certificates/{name}/pending}).
 * Immutable: each transition returns a new operation with the same request id.
 *
 * @param issuer the policy's issuer
 * @param csr standard base64 of the DER PKCS#10 request, or null
 * @param cancellationRequested whether a cancel was asked for
 * @param status the state the Java SDK's poller reads
 * @param statusDetails a human-readable note on the state, or null
 * @param errorCode the error code of a failed operation, or null
 * @param errorMessage the error message of a failed operation, or null
 * @param requestId 32 lowercase hex characters
 */
public record CertificateOperation(
    IssuerParameters issuer,
    String csr,
    boolean cancellationRequested,
    Status status,
    String statusDetails,
    String errorCode,
    String errorMessage,
    String requestId) {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The operation states with their wire names, which the Java SDK matches case-sensitively. */
  public enum Status {
    IN_PROGRESS("inProgress"),
    COMPLETED("completed"),
    FAILED("failed"),
    CANCELLED("cancelled");

    private final String wireName;

    Status(String wireName) {
      this.wireName = wireName;
    }

    /** The JSON value, e.g. {@code inProgress}. */
    public String wireName() {
      return wireName;
    }

    /** True for every state but {@code inProgress}. */
    public boolean isTerminal() {
      return this != IN_PROGRESS;
    }
  }

  /**
   * A new operation in progress with a fresh random request id and the service's status details:
   * for {@code Unknown} it waits for a merge, otherwise for the issuer.
   *
   * @param csrDer the DER CSR (stored as standard base64), or null
   */
  public static CertificateOperation start(IssuerParameters issuer, byte[] csrDer) {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    String details =
        issuer.isUnknown()
            ? "Pending certificate created. Please Perform Merge to complete the request."
            : "Pending certificate created. Certificate request is in progress. This may take some"
                + " time based on the issuer provider. Please check again later.";
    return new CertificateOperation(
        issuer,
        csrDer == null ? null : Base64.getEncoder().encodeToString(csrDer),
        false,
        Status.IN_PROGRESS,
        details,
        null,
        null,
        HexFormat.of().formatHex(id));
  }

  /** This operation completed: the certificate version exists. */
  public CertificateOperation complete() {
    requireInProgress("complete");
    return new CertificateOperation(
        issuer, csr, cancellationRequested, Status.COMPLETED, null, null, null, requestId);
  }

  /** This operation failed with a Key Vault error code and message. */
  public CertificateOperation fail(String code, String message) {
    requireInProgress("fail");
    return new CertificateOperation(
        issuer, csr, cancellationRequested, Status.FAILED, message, code, message, requestId);
  }

  /**
   * This operation cancelled ({@code PATCH .../pending {"cancellation_requested": true}}): as
   * Azure's cancelled operation, without status details.
   *
   * @throws VaultError 409 {@code Conflict} when the operation already ended
   */
  public CertificateOperation cancel() {
    if (status.isTerminal()) {
      throw VaultError.conflict(
          null,
          "The certificate operation is already " + status.wireName() + " and cannot be cancelled");
    }
    return new CertificateOperation(
        issuer, csr, true, Status.CANCELLED, null, null, null, requestId);
  }

  private void requireInProgress(String transition) {
    if (status.isTerminal()) {
      throw new IllegalStateException(
          "Cannot " + transition + " a certificate operation that is " + status.wireName());
    }
  }
}
