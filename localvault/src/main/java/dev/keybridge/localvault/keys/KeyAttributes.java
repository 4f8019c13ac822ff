package dev.keybridge.localvault.keys;

/**
 * The stored attributes of one key version. {@code nbf} and {@code exp} are epoch seconds or null;
 * {@code created}/{@code updated} epoch seconds.
 */
public record KeyAttributes(
    boolean enabled, Long nbf, Long exp, long created, long updated, boolean exportable) {

  /** Fresh attributes for a version created at {@code now}. */
  public static KeyAttributes created(
      boolean enabled, Long nbf, Long exp, boolean exportable, long now) {
    return new KeyAttributes(enabled, nbf, exp, now, now, exportable);
  }

  public KeyAttributes withUpdate(
      boolean enabled, Long nbf, Long exp, boolean exportable, long now) {
    return new KeyAttributes(enabled, nbf, exp, created, now, exportable);
  }
}
