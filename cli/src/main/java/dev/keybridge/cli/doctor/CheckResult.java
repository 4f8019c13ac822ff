package dev.keybridge.cli.doctor;

/**
 * One line of the doctor's report.
 *
 * @param check what was checked ({@code dns}, {@code tls}, {@code sign}, ...)
 * @param status the outcome
 * @param detail what was seen, in plain words
 * @param errorCode the vault or token-endpoint error code, or null
 * @param fix what to do about it, or null when nothing is wrong
 */
public record CheckResult(
    String check, Status status, String detail, String errorCode, String fix) {

  /** Outcome of a check. {@code DENIED} and {@code FAILED} are problems; the others are not. */
  public enum Status {
    OK,
    DENIED,
    FAILED,
    WARNING,
    SKIPPED;

    /** The lower-case word shown in the table and the JSON. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** True for outcomes that make doctor exit non-zero. */
    public boolean isProblem() {
      return this == DENIED || this == FAILED;
    }
  }

  static CheckResult ok(String check, String detail) {
    return new CheckResult(check, Status.OK, detail, null, null);
  }

  static CheckResult failed(String check, String detail, String errorCode, String fix) {
    return new CheckResult(check, Status.FAILED, detail, errorCode, fix);
  }

  static CheckResult denied(String check, String detail, String errorCode, String fix) {
    return new CheckResult(check, Status.DENIED, detail, errorCode, fix);
  }

  static CheckResult warning(String check, String detail, String fix) {
    return new CheckResult(check, Status.WARNING, detail, null, fix);
  }

  static CheckResult skipped(String check, String detail) {
    return new CheckResult(check, Status.SKIPPED, detail, null, null);
  }
}
