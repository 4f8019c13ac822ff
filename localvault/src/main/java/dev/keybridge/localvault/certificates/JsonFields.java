package dev.keybridge.localvault.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.localvault.VaultError;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of optional JSON members that fail with a 400 naming the member's path inside the
 * certificate policy. Absent and {@code null} members read as {@code null}.
 */
final class JsonFields {
  private JsonFields() {}

  static JsonNode object(JsonNode parent, String field, String path) {
    JsonNode node = member(parent, field);
    if (node != null && !node.isObject()) {
      throw invalid(path, "must be a JSON object");
    }
    return node;
  }

  static String text(JsonNode parent, String field, String path) {
    JsonNode node = member(parent, field);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw invalid(path, "must be a string");
    }
    return node.textValue();
  }

  static Integer integer(JsonNode parent, String field, String path) {
    JsonNode node = member(parent, field);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw invalid(path, "must be an integer");
    }
    return node.intValue();
  }

  static Boolean bool(JsonNode parent, String field, String path) {
    JsonNode node = member(parent, field);
    if (node == null) {
      return null;
    }
    if (!node.isBoolean()) {
      throw invalid(path, "must be true or false");
    }
    return node.booleanValue();
  }

  /** A list of strings, or null when absent; each element must be a string. */
  static List<String> textList(JsonNode parent, String field, String path) {
    JsonNode node = member(parent, field);
    if (node == null) {
      return null;
    }
    if (!node.isArray()) {
      throw invalid(path, "must be an array of strings");
    }
    List<String> values = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      JsonNode element = node.get(i);
      if (!element.isTextual()) {
        throw invalid(path + "[" + i + "]", "must be a string");
      }
      values.add(element.textValue());
    }
    return List.copyOf(values);
  }

  /** The 400 every policy check throws: {@code Invalid certificate policy: PATH DETAIL}. */
  static VaultError invalid(String path, String detail) {
    return VaultError.badParameter("Invalid certificate policy: " + path + " " + detail);
  }

  private static JsonNode member(JsonNode parent, String field) {
    if (parent == null) {
      return null;
    }
    JsonNode node = parent.get(field);
    return node == null || node.isNull() ? null : node;
  }
}
