package dev.keybridge.localvault.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.VaultError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Key Vault list paging: {@code maxresults} 1..25 (default 25), an opaque {@code $skiptoken}
 * (base64url of the sort key of the last item returned) and an absolute {@code nextLink} that keeps
 * {@code api-version}, because the SDK follows it verbatim. Lists are keyset-paged, so items added
 * or removed between pages never shift the next page.
 */
public final class ListPages {
  public static final int MAX_PAGE = 25;

  private final int size;
  private final boolean explicitSize;
  private final String after;

  private ListPages(int size, boolean explicitSize, String after) {
    this.size = size;
    this.explicitSize = explicitSize;
    this.after = after;
  }

  /**
   * Reads {@code maxresults} and {@code $skiptoken} from the request.
   *
   * @throws VaultError 400 BadParameter for a maxresults outside 1..25 or a malformed token
   */
  public static ListPages of(VaultRequest r) {
    String max = r.query("maxresults");
    int size = MAX_PAGE;
    boolean explicit = false;
    if (max != null) {
      try {
        size = Integer.parseInt(max);
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (size < 1 || size > MAX_PAGE) {
        throw VaultError.badParameter(
            "Invalid maxresults: the value must be an integer between 1 and " + MAX_PAGE + ".");
      }
      explicit = true;
    }
    String token = r.query("$skiptoken");
    String after = null;
    if (token != null && !token.isEmpty()) {
      try {
        after = new String(Json.fromB64url(token), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw VaultError.badParameter("The $skiptoken is invalid.");
      }
    }
    return new ListPages(size, explicit, after);
  }

  /** Page size. Ask the store for {@code size() + 1} items to know whether another page exists. */
  public int size() {
    return size;
  }

  /** The exclusive lower bound of the sort key, or null for the first page. */
  public String after() {
    return after;
  }

  /**
   * Builds {@code {"value":[...], "nextLink": ...}} from at most {@code size()+1} fetched items.
   *
   * @param items rendered items, possibly one more than the page size
   * @param sortKeys the sort key of each item, same order
   */
  public ObjectNode page(VaultRequest r, List<JsonNode> items, List<String> sortKeys) {
    ObjectNode body = Json.object();
    ArrayNode value = body.putArray("value");
    int n = Math.min(items.size(), size);
    for (int i = 0; i < n; i++) {
      value.add(items.get(i));
    }
    if (items.size() > size) {
      String token = Json.b64url(sortKeys.get(n - 1).getBytes(StandardCharsets.UTF_8));
      String link =
          r.baseUrl()
              + r.path()
              + "?api-version="
              + r.query("api-version")
              + "&$skiptoken="
              + token
              + (explicitSize ? "&maxresults=" + size : "");
      body.put("nextLink", link);
    } else {
      body.putNull("nextLink");
    }
    return body;
  }

  /**
   * A page of named objects: {@code names} are the sort keys fetched after {@link #after()}, at
   * most {@code size() + 1}; each one {@code render} still finds becomes an item.
   */
  public ObjectNode pageOfNames(
      VaultRequest r, List<String> names, Function<String, Optional<? extends JsonNode>> render) {
    List<JsonNode> items = new ArrayList<>();
    List<String> sortKeys = new ArrayList<>();
    for (String name : names) {
      render
          .apply(name)
          .ifPresent(
              item -> {
                items.add(item);
                sortKeys.add(name);
              });
    }
    return page(r, items, sortKeys);
  }

  /**
   * A page of the versions of one object, all held in memory; the sort key is the position.
   *
   * @throws VaultError 400 BadParameter for a {@code $skiptoken} that is not a position
   */
  public <T> ObjectNode pageOfVersions(
      VaultRequest r, List<T> versions, Function<? super T, ? extends JsonNode> render) {
    int start = 0;
    if (after != null) {
      try {
        start = Integer.parseInt(after) + 1;
      } catch (NumberFormatException e) {
        throw VaultError.badParameter("The $skiptoken is invalid.");
      }
    }
    List<JsonNode> items = new ArrayList<>();
    List<String> sortKeys = new ArrayList<>();
    for (int i = Math.max(0, start); i < versions.size() && items.size() <= size; i++) {
      items.add(render.apply(versions.get(i)));
      sortKeys.add(Integer.toString(i));
    }
    return page(r, items, sortKeys);
  }
}
