package dev.keybridge.localvault.certificates.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.http.RequestBody;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.keys.KeyInput;
import java.util.Locale;
import java.util.Map;

/** The parts of certificate requests the domain classes do not parse themselves. */
final class CertificateInput {
  private CertificateInput() {}

  /** The certificate name of the path (400 BadParameter unless 1..127 of letters, digits, '-'). */
  static String name(VaultRequest r) {
    return KeyInput.name(r.pathParam("name"), "certificate");
  }

  /** Checks a certificate name from elsewhere than the path (e.g. a backup blob). */
  static String nameOf(String name) {
    return KeyInput.name(name, "certificate");
  }

  /** The version segment of {@code /certificates/{name}/{version}}, "" for the latest. */
  static String version(VaultRequest r) {
    return r.segments().size() > 2 ? r.pathParam("version") : "";
  }

  /** {@code policy}, or null when absent or JSON null. */
  static JsonNode policy(RequestBody b) {
    JsonNode p = b.node().get("policy");
    return p == null || p.isNull() ? null : p;
  }

  /** {@code attributes.enabled}, or null when not given. Other attributes come from the X.509. */
  static Boolean enabled(RequestBody b) {
    RequestBody attributes = b.object("attributes");
    return attributes == null ? null : attributes.bool("enabled");
  }

  /** Validated {@code tags} (as for keys), or null when absent. */
  static Map<String, String> tags(RequestBody b) {
    return KeyInput.tags(b.stringMap("tags"));
  }

  /**
   * The {@code includePending} query parameter: {@code true} or {@code false} (any case), false
   * when absent.
   *
   * @throws VaultError 400 BadParameter for any other value
   */
  static boolean includePending(VaultRequest r) {
    String v = r.query("includePending");
    if (v == null) {
      return false;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw VaultError.badParameter("Invalid includePending: the value must be true or false.");
    };
  }
}
