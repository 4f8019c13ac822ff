package dev.keybridge.management.keys;

import java.time.Instant;

/** The rule both key builders apply to a validity window: it may not be empty. */
final class ValidityWindow {
  private ValidityWindow() {}

  /**
   * @throws IllegalArgumentException if both ends are set and expiresOn is not after notBefore
   */
  static void check(Instant notBefore, Instant expiresOn) {
    if (notBefore != null && expiresOn != null && !expiresOn.isAfter(notBefore)) {
      throw new IllegalArgumentException(
          "expiresOn " + expiresOn + " must be after notBefore " + notBefore);
    }
  }
}
