package dev.albc.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Subset matching of JSON trees: objects match by the expected keys only; arrays match exactly and
 * in order, unless the expected value is {@code {"$contains": [...]}} (each item must match some
 * actual item); scalars match by value (a number and its text form are equal).
 */
public final class Subset {
  public static final String CONTAINS = "$contains";

  private Subset() {}

  /** The mismatches (empty when it matches), each with its JSON path. */
  public static List<String> diff(JsonNode expected, JsonNode actual) {
    List<String> out = new ArrayList<>();
    diff("", expected, actual, out);
    return out;
  }

  private static void diff(String path, JsonNode exp, JsonNode act, List<String> out) {
    if (exp.isObject() && exp.size() == 1 && exp.has(CONTAINS)) {
      if (act == null || !act.isArray()) {
        out.add(path + ": expected a list containing " + exp.get(CONTAINS) + ", got " + text(act));
        return;
      }
      for (JsonNode want : exp.get(CONTAINS)) {
        boolean found = false;
        for (JsonNode have : act) {
          if (diff(want, have).isEmpty()) {
            found = true;
            break;
          }
        }
        if (!found) {
          out.add(path + ": expected the list to contain " + want + ", got " + act);
        }
      }
      return;
    }
    if (exp.isObject()) {
      if (act == null || !act.isObject()) {
        out.add(path + ": expected an object " + exp + ", got " + text(act));
        return;
      }
      Iterator<Map.Entry<String, JsonNode>> it = exp.fields();
      while (it.hasNext()) {
        var e = it.next();
        JsonNode a = act.get(e.getKey());
        if (e.getValue().isNull()) {
          if (a != null && !a.isNull()) {
            out.add(path + "/" + e.getKey() + ": expected no value, got " + a);
          }
          continue;
        }
        if (a == null) {
          out.add(path + "/" + e.getKey() + ": missing (expected " + e.getValue() + ")");
          continue;
        }
        diff(path + "/" + e.getKey(), e.getValue(), a, out);
      }
      return;
    }
    if (exp.isArray()) {
      if (act == null || !act.isArray()) {
        out.add(path + ": expected a list " + exp + ", got " + text(act));
        return;
      }
      if (exp.size() != act.size()) {
        out.add(path + ": expected " + exp.size() + " items " + exp + ", got " + act.size() + " " + act);
        return;
      }
      for (int i = 0; i < exp.size(); i++) {
        diff(path + "/" + i, exp.get(i), act.get(i), out);
      }
      return;
    }
    if (act == null || !scalarEquals(exp, act)) {
      out.add(path + ": expected " + exp + ", got " + text(act));
    }
  }

  static boolean scalarEquals(JsonNode exp, JsonNode act) {
    if (exp.equals(act)) {
      return true;
    }
    if (act.isValueNode() && exp.isValueNode()) {
      return exp.asText().equals(act.asText());
    }
    return false;
  }

  private static String text(JsonNode n) {
    return n == null ? "nothing" : n.toString();
  }
}
