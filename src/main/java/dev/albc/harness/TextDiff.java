package dev.albc.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A line diff of what a case expected and what the plan has, for failure reports: the actual value
 * is cut down to the keys the expectation names (so the diff shows only what the case is about),
 * both are printed as indented YAML-like JSON, and the lines are diffed (longest common subsequence).
 */
final class TextDiff {
  private TextDiff() {}

  /** "- expected" / "+ actual" / "  same" lines, or an empty list when equal. */
  static List<String> of(JsonNode expected, JsonNode actual) {
    JsonNode shown = project(expected, actual);
    List<String> a = lines(expected);
    List<String> b = lines(shown);
    if (a.equals(b)) {
      return List.of();
    }
    return diff(a, b);
  }

  /** The actual value restricted to the expected value's shape ({@code $contains} lists in full). */
  static JsonNode project(JsonNode exp, JsonNode act) {
    if (act == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (exp.isObject() && exp.size() == 1 && exp.has(Subset.CONTAINS)) {
      return act;
    }
    if (exp.isObject() && act.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      Iterator<Map.Entry<String, JsonNode>> it = exp.fields();
      while (it.hasNext()) {
        var e = it.next();
        JsonNode a = act.get(e.getKey());
        out.set(e.getKey(), a == null ? JsonNodeFactory.instance.nullNode() : project(e.getValue(), a));
      }
      return out;
    }
    if (exp.isArray() && act.isArray() && exp.size() == act.size()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < exp.size(); i++) {
        out.add(project(exp.get(i), act.get(i)));
      }
      return out;
    }
    return act;
  }

  static List<String> lines(JsonNode n) {
    List<String> out = new ArrayList<>();
    render(n, "", out, null);
    return out;
  }

  private static void render(JsonNode n, String indent, List<String> out, String key) {
    String head = indent + (key == null ? "" : key + ": ");
    if (n.isObject() && n.size() > 0) {
      if (key != null) {
        out.add(indent + key + ":");
      }
      String inner = key == null ? indent : indent + "  ";
      n.fields().forEachRemaining(e -> render(e.getValue(), inner, out, e.getKey()));
    } else if (n.isArray() && n.size() > 0 && !allScalars(n)) {
      out.add(head.stripTrailing());
      for (JsonNode item : n) {
        List<String> sub = new ArrayList<>();
        render(item, "", sub, null);
        for (int i = 0; i < sub.size(); i++) {
          out.add(indent + (i == 0 ? "  - " : "    ") + sub.get(i));
        }
      }
    } else {
      out.add(head + n.toString());
    }
  }

  private static boolean allScalars(JsonNode arr) {
    for (JsonNode x : arr) {
      if (x.isContainerNode()) {
        return false;
      }
    }
    return true;
  }

  static List<String> diff(List<String> a, List<String> b) {
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        out.add("  " + a.get(i));
        i++;
        j++;
      } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.add("- " + a.get(i++));
      } else {
        out.add("+ " + b.get(j++));
      }
    }
    return out;
  }
}
