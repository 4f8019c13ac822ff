package dev.keybridge.localvault.network;

import java.util.Locale;

/** A failure the local vault can inject in place of an answer ({@code --faults}). */
public enum Fault {
  /** 500 with a Key Vault {@code InternalServerError} body. */
  HTTP_500("500"),
  /** 503 with a Key Vault {@code ServiceUnavailable} body. */
  HTTP_503("503"),
  /** 429 with {@code Retry-After} and a Key Vault {@code Throttled} body. */
  HTTP_429("429"),
  /** The connection is closed without an answer. */
  RESET("reset"),
  /** The answer is held back for the stall time, then sent. */
  STALL("stall");

  private final String specName;

  Fault(String specName) {
    this.specName = specName;
  }

  /** The name in a fault specification: {@code 500}, {@code 503}, {@code 429}, ... */
  public String specName() {
    return specName;
  }

  /**
   * The fault with this specification name.
   *
   * @throws IllegalArgumentException naming the accepted names
   */
  public static Fault fromSpecName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (Fault fault : values()) {
      if (fault.specName.equals(wanted)) {
        return fault;
      }
    }
    throw new IllegalArgumentException(
        "unknown fault '" + name.trim() + "' (known: 500, 503, 429, reset, stall)");
  }
}
