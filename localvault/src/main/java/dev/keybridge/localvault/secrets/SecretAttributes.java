package dev.keybridge.localvault.secrets;

/**
 * The stored attributes of one secret version: {@code enabled}, {@code nbf} and {@code exp} (epoch
 * seconds or null), {@code created} and {@code updated} (epoch seconds).
 */
public record SecretAttributes(boolean enabled, Long nbf, Long exp, long created, long updated) {

  /** Fresh attributes for a version created at {@code now}. */
  public static SecretAttributes created(boolean enabled, Long nbf, Long exp, long now) {
    return new SecretAttributes(enabled, nbf, exp, now, now);
  }

  /** The same attributes with {@code enabled} set and {@code updated} = {@code now}. */
  public SecretAttributes withEnabled(boolean newEnabled, long now) {
    return new SecretAttributes(newEnabled, nbf, exp, created, now);
  }
}
