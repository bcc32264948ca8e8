package dev.albc.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.gson.JsonPrimitive;
import com.google.gson.annotations.SerializedName;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.JSON;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a JSON tree against an official Kubernetes client model class before the client
 * deserializes it, so that a problem is reported with its field path ({@code
 * spec.rules[0].http.paths[0]}) instead of the client's path-less message. The schema is the
 * model's own: its {@code @SerializedName} fields, their Java types and its {@code
 * openapiRequiredFields}. The tree is normalised as the API server reads JSON: a null field is an
 * absent field, a null value in a string map is the empty string.
 */
final class ModelCheck {
  private ModelCheck() {}

  /** A problem at a field path. */
  static final class FieldError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String path;
    final String problem;

    FieldError(String path, String problem) {
      super((path.isEmpty() ? "" : path + ": ") + problem, null, false, false);
      this.path = path;
      this.problem = problem;
    }
  }

  private record Model(Map<String, Type> fields, Set<String> required) {}

  private static final String MODELS_PACKAGE = "io.kubernetes.client.openapi.models";
  private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private static final ClassValue<Model> MODELS =
      new ClassValue<>() {
        @Override
        protected Model computeValue(Class<?> c) {
          Map<String, Type> fields = new TreeMap<>();
          for (Field f : c.getDeclaredFields()) {
            SerializedName sn = f.getAnnotation(SerializedName.class);
            if (sn != null && !Modifier.isStatic(f.getModifiers())) {
              fields.put(sn.value(), f.getGenericType());
            }
          }
          Set<String> required = new TreeSet<>();
          try {
            Object r = c.getField("openapiRequiredFields").get(null);
            if (r instanceof Collection<?> col) {
              col.forEach(x -> required.add(String.valueOf(x)));
            }
          } catch (ReflectiveOperationException e) {
            // no required fields declared
          }
          return new Model(Map.copyOf(fields), Set.copyOf(required));
        }
      };

  /** Checks (and normalises) an object node against a model class; path is the node's path. */
  static void checkObject(ObjectNode o, Class<?> model, String path) {
    Model m = MODELS.get(model);
    List<String> names = new ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode v = o.get(name);
      if (v.isNull()) {
        o.remove(name);
        continue;
      }
      Type t = m.fields().get(name);
      if (t == null) {
        throw new FieldError(path, unknownField(name, m.fields().keySet()));
      }
      check(v, t, child(path, name));
    }
    for (String r : m.required()) {
      if (!o.has(r)) {
        throw new FieldError(path, "missing required field \"" + r + "\"");
      }
    }
  }

  /** The message for an unknown field: the known ones, and the likely one when there is one. */
  static String unknownField(String name, Collection<String> known) {
    String guess = suggest(name, known);
    return "unknown field \""
        + name
        + "\""
        + (guess == null ? "" : " (did you mean \"" + guess + "\"?)")
        + "; expected one of: "
        + String.join(", ", new TreeSet<>(known));
  }

  private static void check(JsonNode n, Type t, String path) {
    if (t instanceof ParameterizedType pt) {
      Class<?> raw = (Class<?>) pt.getRawType();
      Type[] args = pt.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw)) {
        if (!n.isArray()) {
          throw new FieldError(path, "expected a list, got " + describe(n));
        }
        ArrayNode a = (ArrayNode) n;
        for (int i = 0; i < a.size(); i++) {
          JsonNode e = a.get(i);
          String p = path + "[" + i + "]";
          if (e.isNull()) {
            throw new FieldError(p, "expected " + expected(args[0]) + ", got null");
          }
          check(e, args[0], p);
        }
        return;
      }
      if (Map.class.isAssignableFrom(raw)) {
        if (!n.isObject()) {
          throw new FieldError(path, "expected a mapping, got " + describe(n));
        }
        ObjectNode o = (ObjectNode) n;
        List<String> keys = new ArrayList<>();
        o.fieldNames().forEachRemaining(keys::add);
        for (String k : keys) {
          JsonNode v = o.get(k);
          String p = child(path, k);
          if (v.isNull()) {
            if (args[1] == String.class) {
              o.set(k, TextNode.valueOf(""));
              continue;
            }
            throw new FieldError(p, "expected " + expected(args[1]) + ", got null");
          }
          check(v, args[1], p);
        }
        return;
      }
      return;
    }
    Class<?> c = (Class<?>) t;
    boolean ok;
    if (c == String.class) {
      ok = n.isTextual();
    } else if (c == Integer.class || c == int.class) {
      ok = n.isIntegralNumber() && n.canConvertToInt();
    } else if (c == Long.class || c == long.class) {
      ok = n.isIntegralNumber() && n.canConvertToLong();
    } else if (c == Boolean.class || c == boolean.class) {
      ok = n.isBoolean();
    } else if (c == IntOrString.class) {
      ok = n.isTextual() || (n.isIntegralNumber() && n.canConvertToInt());
    } else if (c == OffsetDateTime.class) {
      ok = n.isTextual() && isTimestamp(n.asText());
    } else if (c.getName().startsWith(MODELS_PACKAGE)) {
      if (!n.isObject()) {
        throw new FieldError(path, "expected a mapping, got " + describe(n));
      }
      checkObject((ObjectNode) n, c, path);
      return;
    } else {
      ok = true; // Object (free-form, e.g. managedFields[].fieldsV1) and anything not modelled
    }
    if (!ok) {
      String hint =
          c == String.class && (n.isNumber() || n.isBoolean())
              ? " (quote the value to make it a string)"
              : "";
      throw new FieldError(path, "expected " + expected(c) + ", got " + describe(n) + hint);
    }
  }

  private static boolean isTimestamp(String s) {
    try {
      return JSON.getGson().fromJson(new JsonPrimitive(s), OffsetDateTime.class) != null;
    } catch (RuntimeException e) {
      return false;
    }
  }

  static String expected(Type t) {
    if (t instanceof ParameterizedType pt) {
      Class<?> raw = (Class<?>) pt.getRawType();
      return List.class.isAssignableFrom(raw) ? "a list" : "a mapping";
    }
    Class<?> c = (Class<?>) t;
    if (c == String.class) {
      return "a string";
    }
    if (c == Integer.class || c == Long.class || c == int.class || c == long.class) {
      return "an integer";
    }
    if (c == Boolean.class || c == boolean.class) {
      return "a boolean (true or false)";
    }
    if (c == IntOrString.class) {
      return "an integer or a string";
    }
    if (c == OffsetDateTime.class) {
      return "an RFC 3339 timestamp (e.g. 2024-01-31T12:00:00Z)";
    }
    if (c.getName().startsWith(MODELS_PACKAGE)) {
      return "a mapping";
    }
    return "a value";
  }

  /** How a JSON value reads in a message: its YAML type, and short scalars themselves. */
  static String describe(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    if (n.isNull()) {
      return "null";
    }
    if (n.isObject()) {
      return "a mapping";
    }
    if (n.isArray()) {
      return "a list";
    }
    if (n.isBoolean()) {
      return "a boolean (" + n.asText() + ")";
    }
    if (n.isNumber()) {
      return "a number (" + n.asText() + ")";
    }
    if (n.isTextual()) {
      String s = n.asText();
      return "a string (\"" + (s.length() > 60 ? s.substring(0, 57) + "..." : s) + "\")";
    }
    return n.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  /** The path of a child field: {@code a.b}, or {@code a["x.y/z"]} for keys that are not simple. */
  static String child(String path, String key) {
    if (SIMPLE_KEY.matcher(key).matches()) {
      return path.isEmpty() ? key : path + "." + key;
    }
    return path + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
  }

  private static String suggest(String name, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : new TreeSet<>(known)) {
      if (k.equalsIgnoreCase(name)) {
        return k;
      }
      int d = distance(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    int allowed = Math.max(1, Math.min(2, name.length() / 4));
    return bestDistance <= allowed ? best : null;
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
