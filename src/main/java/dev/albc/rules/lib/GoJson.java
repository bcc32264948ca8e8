package dev.albc.rules.lib;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Case-insensitive, type-checked reading of annotation JSON as Go's encoding/json does it: the last
 * key matching case-insensitively wins, {@code null} is "not set", a value of the wrong JSON type
 * is an error ({@link BadJson}, with the path).
 */
final class GoJson {
  private GoJson() {}

  static final class BadJson extends Exception {
    BadJson(String m) {
      super(m);
    }
  }

  /** The value of the last key matching {@code name} case-insensitively; null when absent or null. */
  static JsonNode get(JsonNode obj, String name) {
    JsonNode found = null;
    Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(name)) {
        found = e.getValue();
      }
    }
    return found == null || found.isNull() ? null : found;
  }

  static String str(JsonNode obj, String name, String path) throws BadJson {
    JsonNode n = get(obj, name);
    if (n == null) {
      return null;
    }
    if (!n.isTextual()) {
      throw new BadJson(path + name + " must be a string");
    }
    return n.textValue();
  }

  static JsonNode obj(JsonNode parent, String name, String path) throws BadJson {
    JsonNode n = get(parent, name);
    if (n == null) {
      return null;
    }
    if (!n.isObject()) {
      throw new BadJson(path + name + " must be an object");
    }
    return n;
  }

  static Integer int32(JsonNode obj, String name, String path) throws BadJson {
    JsonNode n = get(obj, name);
    if (n == null) {
      return null;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw new BadJson(path + name + " must be an integer");
    }
    return n.intValue();
  }

  static Boolean bool(JsonNode obj, String name, String path) throws BadJson {
    JsonNode n = get(obj, name);
    if (n == null) {
      return null;
    }
    if (!n.isBoolean()) {
      throw new BadJson(path + name + " must be true or false");
    }
    return n.booleanValue();
  }

  static String intOrString(JsonNode obj, String name, String path) throws BadJson {
    JsonNode n = get(obj, name);
    if (n == null) {
      return null;
    }
    if (n.isIntegralNumber() && n.canConvertToInt()) {
      return String.valueOf(n.intValue());
    }
    if (n.isTextual()) {
      return ActionsJson.normalisePort(n.textValue());
    }
    throw new BadJson(path + name + " must be a port number or name");
  }

  static List<String> strings(JsonNode obj, String name, String path) throws BadJson {
    JsonNode n = get(obj, name);
    if (n == null) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new BadJson(path + name + " must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (e.isNull()) {
        out.add("");
      } else if (e.isTextual()) {
        out.add(e.textValue());
      } else {
        throw new BadJson(path + name + " must be an array of strings");
      }
    }
    return out;
  }
}
