package dev.keybridge.localvault.http;

import dev.keybridge.localvault.VaultError;
import java.util.Set;

/** The data-plane api-versions the vault accepts: 7.0 to 7.6 and 2025-07-01. */
public final class ApiVersions {
  private ApiVersions() {}

  public static final Set<String> SUPPORTED =
      Set.of("7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "2025-07-01");

  public static final String LATEST = "2025-07-01";

  /**
   * Checks the {@code api-version} query parameter.
   *
   * @throws VaultError 400 BadParameter when missing or not supported, worded as the real service
   */
  public static void check(String apiVersion) {
    if (apiVersion == null || apiVersion.isEmpty()) {
      throw VaultError.badParameter(
          "The api-version query parameter is required. Consider using the latest supported version ("
              + LATEST
              + ").");
    }
    if (!SUPPORTED.contains(apiVersion)) {
      throw VaultError.badParameter(
          "The specified version ("
              + sanitize(apiVersion)
              + ") is not recognized. Consider using the latest supported version ("
              + LATEST
              + ").");
    }
  }

  private static String sanitize(String v) {
    String s = v.length() > 32 ? v.substring(0, 32) + "..." : v;
    return s.replaceAll("[^0-9A-Za-z._-]", "?");
  }
}
