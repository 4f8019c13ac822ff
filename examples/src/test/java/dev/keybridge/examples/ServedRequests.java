package dev.keybridge.examples;

import dev.keybridge.localvault.testing.AccessLog;
import java.util.regex.Pattern;

/**
 * Counts the requests a local vault served (2xx) from its access log. A client's first request on a
 * new connection pipeline is answered 401 with the bearer challenge and then sent again with a
 * token; that 401 is not an operation, so it is not counted.
 */
public final class ServedRequests {
  private ServedRequests() {}

  /** Served requests after {@code mark} with {@code method} whose path matches fully. */
  public static long count(AccessLog log, long mark, String method, String pathRegex) {
    Pattern path = Pattern.compile(pathRegex);
    return log.since(mark).stream()
        .filter(e -> e.status() >= 200 && e.status() < 300)
        .filter(e -> method.equalsIgnoreCase(e.method()))
        .filter(e -> path.matcher(e.path()).matches())
        .count();
  }

  /** Served sign requests for any version of key {@code name}. */
  public static long signs(AccessLog log, long mark, String name) {
    return count(log, mark, "POST", "/keys/" + Pattern.quote(name) + "/[0-9a-f]+/sign");
  }
}
