package dev.keybridge.cli.demo;

/**
 * One row of the demo's table.
 *
 * @param name what the step does
 * @param status {@code ok}, {@code FAILED} or {@code skipped}
 * @param millis wall-clock time of the step
 * @param vaultRequests requests the local vault logged during the step (from any process)
 * @param detail what the step produced, or why it failed
 */
record StepResult(String name, String status, long millis, int vaultRequests, String detail) {
  static final String OK = "ok";
  static final String FAILED = "FAILED";
  static final String SKIPPED = "skipped";

  boolean failed() {
    return FAILED.equals(status);
  }
}
