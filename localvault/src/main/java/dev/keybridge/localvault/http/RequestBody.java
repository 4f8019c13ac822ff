package dev.keybridge.localvault.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.VaultError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object from a request body (or a nested object of one) with typed accessors. Every wrong
 * type, bad base64url or missing required property is a 400 {@code BadParameter} naming the
 * property; absent and JSON {@code null} mean "not given".
 */
public final class RequestBody {
  private final ObjectNode node;
  private final String path;

  public RequestBody(ObjectNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /** The underlying tree (read-only use). */
  public ObjectNode node() {
    return node;
  }

  public boolean has(String name) {
    JsonNode v = node.get(name);
    return v != null && !v.isNull();
  }

  private String where(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private JsonNode get(String name) {
    JsonNode v = node.get(name);
    return v == null || v.isNull() ? null : v;
  }

  public String string(String name) {
    JsonNode v = get(name);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw VaultError.badParameter("Property '" + where(name) + "' must be a string.");
    }
    return v.asText();
  }

  public String requiredString(String name) {
    String s = string(name);
    if (s == null || s.isEmpty()) {
      throw VaultError.badParameter("Property '" + where(name) + "' is required.");
    }
    return s;
  }

  public Long longValue(String name) {
    JsonNode v = get(name);
    if (v == null) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw VaultError.badParameter("Property '" + where(name) + "' must be an integer.");
    }
    return v.asLong();
  }

  public Integer integer(String name) {
    Long l = longValue(name);
    if (l == null) {
      return null;
    }
    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
      throw VaultError.badParameter("Property '" + where(name) + "' is out of range.");
    }
    return l.intValue();
  }

  public Boolean bool(String name) {
    JsonNode v = get(name);
    if (v == null) {
      return null;
    }
    if (!v.isBoolean()) {
      throw VaultError.badParameter("Property '" + where(name) + "' must be a boolean.");
    }
    return v.asBoolean();
  }

  /** A base64url binary property, or null when absent. */
  public byte[] bytes(String name) {
    String s = string(name);
    if (s == null) {
      return null;
    }
    try {
      return Json.fromB64url(s);
    } catch (IllegalArgumentException e) {
      throw VaultError.badParameter("Property '" + where(name) + "' is not valid base64url.");
    }
  }

  public byte[] requiredBytes(String name) {
    byte[] b = bytes(name);
    if (b == null) {
      throw VaultError.badParameter("Property '" + where(name) + "' is required.");
    }
    return b;
  }

  /** A nested object, or null when absent. */
  public RequestBody object(String name) {
    JsonNode v = get(name);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      throw VaultError.badParameter("Property '" + where(name) + "' must be an object.");
    }
    return new RequestBody((ObjectNode) v, where(name));
  }

  public RequestBody requiredObject(String name) {
    RequestBody b = object(name);
    if (b == null) {
      throw VaultError.badParameter("Property '" + where(name) + "' is required.");
    }
    return b;
  }

  /** An array of objects, or null when absent. */
  public List<RequestBody> objects(String name) {
    JsonNode v = get(name);
    if (v == null) {
      return null;
    }
    if (!v.isArray()) {
      throw VaultError.badParameter("Property '" + where(name) + "' must be an array.");
    }
    List<RequestBody> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!e.isObject()) {
        throw VaultError.badParameter(
            "Property '" + where(name) + "[" + i + "]' must be an object.");
      }
      out.add(new RequestBody((ObjectNode) e, where(name) + "[" + i + "]"));
    }
    return out;
  }

  /** An array of strings, or null when absent. */
  public List<String> strings(String name) {
    JsonNode v = get(name);
    if (v == null) {
      return null;
    }
    if (!v.isArray()) {
      throw VaultError.badParameter("Property '" + where(name) + "' must be an array of strings.");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw VaultError.badParameter(
            "Property '" + where(name) + "' must be an array of strings.");
      }
      out.add(e.asText());
    }
    return out;
  }

  /** A string-to-string map, or null when absent. */
  public Map<String, String> stringMap(String name) {
    JsonNode v = get(name);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      throw VaultError.badParameter("Property '" + where(name) + "' must be an object of strings.");
    }
    Map<String, String> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = v.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw VaultError.badParameter(
            "Property '" + where(name) + "." + e.getKey() + "' must be a string.");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }
}
