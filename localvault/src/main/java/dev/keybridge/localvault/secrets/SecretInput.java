package dev.keybridge.localvault.secrets;

import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.http.RequestBody;

/**
 * Validation of what a secret request may set besides attributes and tags (those are checked as for
 * keys): the value and its content type. Error messages never quote a value.
 */
final class SecretInput {
  /** Key Vault's limit on a secret value: 25 KiB (as UTF-8). */
  static final int MAX_VALUE_BYTES = 25 * 1024;

  /** Key Vault's limit on a content type string. */
  static final int MAX_CONTENT_TYPE = 255;

  private SecretInput() {}

  /**
   * The {@code value} of a set request: present, a string, at most {@value #MAX_VALUE_BYTES} bytes
   * as UTF-8 (empty is allowed, as Key Vault allows it).
   */
  static String value(RequestBody b) {
    if (!b.has("value")) {
      throw VaultError.badParameter("Property 'value' is required.");
    }
    String value = b.string("value");
    int length = value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (length > MAX_VALUE_BYTES) {
      throw VaultError.badParameter(
          "The secret value is "
              + length
              + " bytes long; Key Vault stores at most "
              + MAX_VALUE_BYTES
              + " bytes.");
    }
    return value;
  }

  /** The {@code contentType}, or null when absent; at most 255 characters. */
  static String contentType(RequestBody b) {
    String ct = b.string("contentType");
    if (ct != null && ct.length() > MAX_CONTENT_TYPE) {
      throw VaultError.badParameter(
          "Property 'contentType' must be at most " + MAX_CONTENT_TYPE + " characters long.");
    }
    return ct;
  }
}
