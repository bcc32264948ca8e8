package dev.albc.rules.lib;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Parsers for annotation values, matching the reference controller's (Go) parsing rules exactly:
 * booleans as Go's strconv.ParseBool, string lists split on commas, string maps {@code k=v,k2=v2}
 * with backslash escapes, JSON with case-insensitive keys.
 */
public final class Values {
  private Values() {}

  /** A parsed value, or why it could not be parsed and what was expected. */
  public record Result(Object value, String error, String expected) {
    public boolean ok() {
      return error == null;
    }

    static Result of(Object v) {
      return new Result(v, null, null);
    }

    static Result fail(String error, String expected) {
      return new Result(null, error, expected);
    }
  }

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** Go strconv.ParseBool. */
  public static Result bool(String raw) {
    return switch (raw) {
      case "1", "t", "T", "TRUE", "true", "True" -> Result.of(Boolean.TRUE);
      case "0", "f", "F", "FALSE", "false", "False" -> Result.of(Boolean.FALSE);
      default -> Result.fail("\"" + raw + "\" is not a boolean", "true or false");
    };
  }

  /**
   * A base-10 32-bit integer, as Go's strconv.ParseInt reads it: an optional sign and ASCII digits
   * only — no spaces, no full-width or other Unicode digits (docs/annotations.md, "Limits").
   */
  public static Result int32(String raw) {
    if (raw == null || !raw.matches("[+-]?[0-9]{1,10}")) {
      return Result.fail(notAnInteger(raw), "a base-10 integer");
    }
    try {
      return Result.of(Integer.parseInt(raw));
    } catch (NumberFormatException e) {
      return Result.fail("\"" + raw + "\" is not a 32-bit integer", "a base-10 integer");
    }
  }

  /** "\"x\" is not an integer", saying why when the text has spaces or non-ASCII digits. */
  static String notAnInteger(String raw) {
    String why = "";
    if (raw != null && raw.chars().anyMatch(Character::isWhitespace)) {
      why = ": it has spaces";
    } else if (raw != null && raw.chars().anyMatch(c -> c > 127 && Character.isDigit(c))) {
      why = ": only ASCII digits 0-9 are numbers";
    }
    return "\"" + raw + "\" is not an integer" + why;
  }

  /** A base-10 integer within [min, max]. */
  public static Result intRange(String raw, int min, int max) {
    Result r = int32(raw);
    if (!r.ok()) {
      return Result.fail(r.error(), "an integer from " + min + " to " + max);
    }
    int v = (Integer) r.value();
    if (v < min || v > max) {
      return Result.fail(v + " is out of range", "an integer from " + min + " to " + max);
    }
    return r;
  }

  /** One of the allowed values, exactly (case-sensitive, as the API's enums). */
  public static Result oneOf(String raw, String... allowed) {
    for (String a : allowed) {
      if (a.equals(raw)) {
        return Result.of(raw);
      }
    }
    return Result.fail("\"" + raw + "\" is not allowed", "one of " + String.join(", ", allowed));
  }

  /** A non-empty string. */
  public static Result nonEmpty(String raw, String expected) {
    return raw == null || raw.isBlank() ? Result.fail("the value is empty", expected) : Result.of(raw);
  }

  /** Split on commas, trim, drop empty items. */
  public static List<String> stringList(String raw) {
    List<String> out = new ArrayList<>();
    for (String p : raw.split(",", -1)) {
      String t = p.strip();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }

  public static Result stringListResult(String raw) {
    return Result.of(stringList(raw));
  }

  /**
   * {@code k1=v1,k2=v2}: split on the first {@code =}, trim; a backslash escapes the next character
   * (so {@code \,} is a comma inside a value); an empty key or an item without {@code =} is an error.
   * Keys keep their first-seen order; a later duplicate key wins.
   */
  public static Result stringMap(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> items = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean escaped = false;
    for (char c : raw.toCharArray()) {
      if (escaped) {
        cur.append(c);
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',') {
        items.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    items.add(cur.toString());
    for (String item : items) {
      if (item.strip().isEmpty()) {
        continue;
      }
      int eq = item.indexOf('=');
      if (eq < 0) {
        return Result.fail("\"" + item.strip() + "\" has no '='", "key=value pairs separated by commas");
      }
      String k = item.substring(0, eq).strip();
      String v = item.substring(eq + 1).strip();
      if (k.isEmpty()) {
        return Result.fail("\"" + item.strip() + "\" has an empty key", "key=value pairs separated by commas");
      }
      out.put(k, v);
    }
    return Result.of(java.util.Collections.unmodifiableMap(out));
  }

  /** JSON text parsed into a tree (keys later read case-insensitively through {@link Json}). */
  public static Result json(String raw) {
    try {
      JsonNode n = JSON.readTree(raw);
      if (n == null || n.isMissingNode()) {
        return Result.fail("empty JSON", "a JSON document");
      }
      return Result.of(n);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      var loc = e.getLocation();
      String where = loc == null ? "" : " at column " + loc.getColumnNr();
      return Result.fail("invalid JSON" + where + ": " + jsonProblem(e.getOriginalMessage()), "a JSON document");
    } catch (Exception e) {
      return Result.fail("invalid JSON: " + jsonProblem(e.getMessage()), "a JSON document");
    }
  }

  /**
   * Jackson's message without the reader's internals (its source, its feature and constraint names),
   * so a message names only the value: "expected '}' (for an object that starts at column 2)".
   */
  static String jsonProblem(String m) {
    if (m == null) {
      return "";
    }
    if (m.contains("StreamReadConstraints") || m.contains("nesting depth")) {
      return "the JSON nests too deep";
    }
    return m.replaceAll("\\s*\\(for (\\w+) starting at \\[Source: [^\\]]*column: (\\d+)\\]\\)",
            " (for an $1 that starts at column $2)")
        .replace("for an Object", "for an object").replace("for an Array", "for an array")
        .replaceAll("\\s*\\[Source: [^\\]]*\\]", "")
        .strip();
  }

  /** Equality that treats lists and maps by content and integers/longs alike. */
  public static boolean sameValue(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.longValue() == y.longValue();
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return new TreeMap<>(x).equals(new TreeMap<>(y));
    }
    return Objects.equals(a, b);
  }

  /** A stable text form for messages. */
  public static String render(Object v) {
    if (v instanceof Map<?, ?> m) {
      return new TreeMap<>(m).toString();
    }
    if (v instanceof Object[] a) {
      return Arrays.toString(a);
    }
    return String.valueOf(v);
  }
}
