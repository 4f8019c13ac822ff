package dev.keybridge.localvault.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The route table of the vault.
 *
 * <p><b>Extension point.</b> A resource (keys, certificates, secrets, ...) adds its routes with
 * {@link #add(String, String, String, RouteHandler)}: method, path pattern, the RBAC data action
 * the caller's role must allow (constants in {@link dev.keybridge.localvault.auth.DataActions}),
 * and a handler. Patterns are {@code /}-separated segments: a literal ({@code create}, matched
 * case-insensitively), {@code {name}} (a non-empty segment) or {@code {name?}} (a segment that may
 * be empty, e.g. the version in {@code /keys/k1//sign} and {@code /keys/k1/}). When several
 * patterns match a path, the one with the most literal segments wins, so reserved words such as
 * {@code versions} or {@code restore} are routed before a {@code {version}}; if the winning pattern
 * has no route for the method the answer is 405. Resources outside this package implement {@link
 * ResourceModule} and are listed in {@code
 * META-INF/services/dev.keybridge.localvault.http.ResourceModule}; {@link
 * dev.keybridge.localvault.LocalVault} registers them at start. Every route gets the same pipeline:
 * api-version check, authentication, authorization, access log, error rendering.
 */
public final class Router {
  private final List<Route> routes = new ArrayList<>();

  /** A registered route. {@code dataAction} is null for anonymous (identity) routes. */
  public record Route(
      String method,
      List<String> pattern,
      String dataAction,
      boolean anonymous,
      RouteHandler handler) {
    int literals() {
      int n = 0;
      for (String p : pattern) {
        if (!p.startsWith("{")) {
          n++;
        }
      }
      return n;
    }
  }

  /** The outcome of matching a request: a route, or why there is none. */
  public record Resolution(Route route, Map<String, String> params, Set<String> allowedMethods) {
    public boolean found() {
      return route != null;
    }

    /** True when the path exists but not for this method (405). */
    public boolean methodNotAllowed() {
      return route == null && !allowedMethods.isEmpty();
    }
  }

  /**
   * Registers an authenticated route.
   *
   * @param method HTTP method, e.g. {@code POST}
   * @param pattern e.g. {@code /keys/{name}/{version?}/sign}
   * @param dataAction the RBAC data action checked against the caller's role
   */
  public synchronized void add(
      String method, String pattern, String dataAction, RouteHandler handler) {
    if (dataAction == null || dataAction.isBlank()) {
      throw new IllegalArgumentException(
          "route " + method + " " + pattern + " needs a data action");
    }
    routes.add(
        new Route(method.toUpperCase(Locale.ROOT), parse(pattern), dataAction, false, handler));
  }

  /** Registers a route served without token and without api-version (identity endpoints). */
  public synchronized void anonymous(String method, String pattern, RouteHandler handler) {
    routes.add(new Route(method.toUpperCase(Locale.ROOT), parse(pattern), null, true, handler));
  }

  /** Finds the route for {@code method} and decoded {@code segments}. */
  public synchronized Resolution resolve(String method, List<String> segments) {
    int best = -1;
    List<Route> bestMatches = new ArrayList<>();
    for (Route r : routes) {
      if (match(r.pattern(), segments) == null) {
        continue;
      }
      int lit = r.literals();
      if (lit > best) {
        best = lit;
        bestMatches.clear();
      }
      if (lit == best) {
        bestMatches.add(r);
      }
    }
    Set<String> allowed = new TreeSet<>();
    for (Route r : bestMatches) {
      if (r.method().equals(method)) {
        return new Resolution(r, match(r.pattern(), segments), Set.of());
      }
      allowed.add(r.method());
    }
    return new Resolution(null, Map.of(), allowed);
  }

  private static List<String> parse(String pattern) {
    if (!pattern.startsWith("/")) {
      throw new IllegalArgumentException("pattern must start with '/': " + pattern);
    }
    List<String> out = new ArrayList<>();
    for (String s : pattern.substring(1).split("/", -1)) {
      out.add(s.startsWith("{") ? s : s.toLowerCase(Locale.ROOT));
    }
    return List.copyOf(out);
  }

  private static Map<String, String> match(List<String> pattern, List<String> segments) {
    if (pattern.size() != segments.size()) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < pattern.size(); i++) {
      String p = pattern.get(i);
      String s = segments.get(i);
      if (p.startsWith("{")) {
        boolean optional = p.endsWith("?}");
        String name = p.substring(1, p.length() - (optional ? 2 : 1));
        if (s.isEmpty() && !optional) {
          return null;
        }
        params.put(name, s);
      } else if (!p.equals(s.toLowerCase(Locale.ROOT))) {
        return null;
      }
    }
    return params;
  }
}
