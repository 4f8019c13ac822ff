package dev.keybridge.localvault.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.localvault.attestation.AttestationAuthorities;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Evaluates a Secure Key Release policy against the claims of a target (attestation) token.
 *
 * <p>The policy is a tree: a node with {@code anyOf} or {@code allOf} (a list of nodes) combines
 * its children; a node with {@code claim} is a condition, either {@code {"claim","equals":v}} or
 * {@code {"claim","condition":"equals","value":v}}. A node with {@code authority} (the top-level
 * groups) also requires the token's {@code iss} to equal the authority (trailing slash ignored).
 * Claim names may be dotted paths into nested objects. An empty {@code anyOf} is never satisfied,
 * an unknown node or condition never matches: the evaluation fails closed.
 */
final class ReleasePolicyEvaluator {
  private ReleasePolicyEvaluator() {}

  /** The normalized {@code authority} URLs a policy names, at any level. */
  static Set<String> authorities(JsonNode policy) {
    Set<String> out = new HashSet<>();
    collectAuthorities(policy, out);
    return out;
  }

  private static void collectAuthorities(JsonNode n, Set<String> out) {
    if (n == null || !n.isContainerNode()) {
      return;
    }
    JsonNode a = n.get("authority");
    if (a != null && a.isTextual()) {
      out.add(AttestationAuthorities.normalize(a.asText()));
    }
    for (String group : new String[] {"anyOf", "allOf"}) {
      JsonNode children = n.get(group);
      if (children != null && children.isArray()) {
        children.forEach(c -> collectAuthorities(c, out));
      }
    }
  }

  static boolean satisfied(JsonNode policy, JsonNode claims) {
    return node(policy, claims);
  }

  private static boolean node(JsonNode n, JsonNode claims) {
    if (n == null || !n.isObject()) {
      return false;
    }
    JsonNode authority = n.get("authority");
    if (authority != null && !authorityMatches(authority.asText(), claims.path("iss").asText(""))) {
      return false;
    }
    if (n.has("claim")) {
      return condition(n, claims);
    }
    JsonNode any = n.get("anyOf");
    JsonNode all = n.get("allOf");
    if (any != null && any.isArray()) {
      for (JsonNode c : any) {
        if (node(c, claims)) {
          return true;
        }
      }
      return false;
    }
    if (all != null && all.isArray()) {
      if (all.isEmpty()) {
        return false;
      }
      for (JsonNode c : all) {
        if (!node(c, claims)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean condition(JsonNode n, JsonNode claims) {
    JsonNode expected;
    if (n.has("equals")) {
      expected = n.get("equals");
    } else if ("equals".equals(n.path("condition").asText("").toLowerCase(Locale.ROOT))) {
      expected = n.get("value");
    } else {
      return false;
    }
    JsonNode actual = lookup(claims, n.path("claim").asText(""));
    if (actual == null || expected == null || actual.isContainerNode()) {
      return false;
    }
    return actual.equals(expected)
        || (actual.isValueNode() && actual.asText().equals(expected.asText()));
  }

  /** A claim by name, or by dotted path into nested objects. */
  static JsonNode lookup(JsonNode obj, String path) {
    if (obj == null || !obj.isObject() || path.isEmpty()) {
      return null;
    }
    if (obj.has(path)) {
      return obj.get(path);
    }
    for (int i = path.indexOf('.'); i > 0; i = path.indexOf('.', i + 1)) {
      JsonNode child = obj.get(path.substring(0, i));
      if (child != null && child.isObject()) {
        JsonNode found = lookup(child, path.substring(i + 1));
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static boolean authorityMatches(String authority, String issuer) {
    return strip(authority).equalsIgnoreCase(strip(issuer));
  }

  private static String strip(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
