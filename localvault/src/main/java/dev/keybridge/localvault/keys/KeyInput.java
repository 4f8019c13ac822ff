package dev.keybridge.localvault.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.http.RequestBody;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of the parts of key requests: names, key_ops, attributes, tags, release policies. */
public final class KeyInput {
  private KeyInput() {}

  private static final Pattern NAME = Pattern.compile("^[0-9a-zA-Z-]{1,127}$");
  private static final List<String> OPS =
      List.of("encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey", "import", "export");
  public static final int MAX_TAGS = 15;

  /** The {@code attributes} a request may set; null members were not given. */
  public record AttributeInput(Boolean enabled, Long nbf, Long exp, Boolean exportable) {}

  /**
   * Checks an object name: 1 to 127 characters of {@code [0-9a-zA-Z-]}.
   *
   * @throws VaultError 400 BadParameter otherwise
   */
  public static String name(String name, String what) {
    if (name == null || !NAME.matcher(name).matches()) {
      String shown = name == null ? "" : name.length() > 40 ? name.substring(0, 40) + "..." : name;
      throw VaultError.badParameter(
          "The "
              + what
              + " name '"
              + shown.replaceAll("[^\\x20-\\x7e]", "?")
              + "' is invalid. It must be 1 to 127 characters of letters, digits and '-'.");
    }
    return name;
  }

  /**
   * Canonical key_ops (case-insensitive input, camelCase output, duplicates dropped), or null when
   * absent or empty: the Java SDK sends {@code "key_ops":[]} on every update without operations,
   * which must not strip the key's operations.
   */
  public static List<String> keyOps(List<String> ops) {
    if (ops == null || ops.isEmpty()) {
      return null;
    }
    Set<String> out = new LinkedHashSet<>();
    for (String op : ops) {
      String canonical = null;
      for (String known : OPS) {
        if (known.equalsIgnoreCase(op)) {
          canonical = known;
        }
      }
      if (canonical == null) {
        throw VaultError.badParameter(
            "Invalid key operation '"
                + printable(op)
                + "'. Valid operations: "
                + String.join(", ", OPS)
                + ".");
      }
      out.add(canonical);
    }
    return new ArrayList<>(out);
  }

  /** Reads {@code enabled, nbf, exp, exportable} from an attributes object (null: none). */
  public static AttributeInput attributes(RequestBody attrs) {
    if (attrs == null) {
      return new AttributeInput(null, null, null, null);
    }
    Long nbf = attrs.longValue("nbf");
    Long exp = attrs.longValue("exp");
    if ((nbf != null && nbf < 0) || (exp != null && exp < 0)) {
      throw VaultError.badParameter(
          "Key attributes 'nbf' and 'exp' must be non-negative epoch seconds.");
    }
    if (nbf != null && exp != null && nbf >= exp) {
      throw VaultError.badParameter("Key attribute 'nbf' must be before 'exp'.");
    }
    return new AttributeInput(attrs.bool("enabled"), nbf, exp, attrs.bool("exportable"));
  }

  /** Validates tags: at most 15, names 1..512 characters, values up to 256. Null when absent. */
  public static Map<String, String> tags(Map<String, String> tags) {
    if (tags == null) {
      return null;
    }
    if (tags.size() > MAX_TAGS) {
      throw VaultError.badParameter(
          "Too many tags: " + tags.size() + " given, at most " + MAX_TAGS + " are allowed.");
    }
    for (Map.Entry<String, String> t : tags.entrySet()) {
      if (t.getKey().isEmpty() || t.getKey().length() > 512) {
        throw VaultError.badParameter("Tag names must be 1 to 512 characters long.");
      }
      if (t.getValue().length() > 256) {
        throw VaultError.badParameter("Tag values must be at most 256 characters long.");
      }
    }
    return tags;
  }

  /**
   * Reads a release_policy object: {@code data} (required, base64url of a JSON object), {@code
   * contentType} (default {@code application/json; charset=utf-8}), {@code immutable}.
   */
  public static StoredReleasePolicy releasePolicy(RequestBody rp) {
    if (rp == null) {
      return null;
    }
    byte[] data = rp.requiredBytes("data");
    try {
      JsonNode policy = Json.parse(data);
      if (policy == null || !policy.isObject()) {
        throw VaultError.badParameter("The release policy 'data' must encode a JSON object.");
      }
    } catch (IOException e) {
      throw VaultError.badParameter("The release policy 'data' is not valid JSON.");
    }
    String ct = rp.string("contentType");
    Boolean immutable = rp.bool("immutable");
    return new StoredReleasePolicy(
        ct == null ? StoredReleasePolicy.DEFAULT_CONTENT_TYPE : ct,
        immutable != null && immutable,
        data);
  }

  /** Whether {@code kty} names an HSM-protected type. */
  public static boolean isHsm(String kty) {
    return kty.toUpperCase(Locale.ROOT).endsWith("-HSM");
  }

  /**
   * At most 40 printable ASCII characters of a request-supplied string ("null" for null), for error
   * messages.
   */
  public static String printable(String s) {
    if (s == null) {
      return "null";
    }
    String t = s.length() > 40 ? s.substring(0, 40) + "..." : s;
    return t.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
