package dev.albc.rules.api;

import dev.albc.facts.IngressFact;
import dev.albc.facts.ServiceFact;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading annotation values in user rules, with the reference controller's parsing conventions:
 * booleans as Go's {@code strconv.ParseBool}, lists split on commas, maps as {@code k=v,k2=v2}. Every
 * parser returns null for a value it cannot read, so a rule can raise a diagnostic instead:
 *
 * <pre>
 * $v : String() from AnnotationValues.get($m, "example.com/house-waf")
 * eval(AnnotationValues.bool($v) == null)   // not a boolean → raise an error Diagnostic
 * </pre>
 */
public final class AnnotationValues {
  private AnnotationValues() {}

  /** The member Ingress's annotation value, or null when it does not carry it. */
  public static String get(Member m, String key) {
    return m == null ? null : m.ingress().annotation(key);
  }

  /** An Ingress's annotation value, or null. */
  public static String get(IngressFact i, String key) {
    return i == null ? null : i.annotation(key);
  }

  /** A Service's annotation value, or null. */
  public static String get(ServiceFact s, String key) {
    return s == null ? null : s.annotations().get(key);
  }

  /** True when the member Ingress carries the annotation (any value, even empty). */
  public static boolean has(Member m, String key) {
    return m != null && m.ingress().annotations().containsKey(key);
  }

  /** Go's ParseBool: 1 t T TRUE true True / 0 f F FALSE false False; null for anything else (and null). */
  public static Boolean bool(String raw) {
    if (raw == null) {
      return null;
    }
    return switch (raw.strip()) {
      case "1", "t", "T", "TRUE", "true", "True" -> Boolean.TRUE;
      case "0", "f", "F", "FALSE", "false", "False" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** True only for a value {@link #bool} reads as true. */
  public static boolean isTrue(String raw) {
    return Boolean.TRUE.equals(bool(raw));
  }

  /** True only for a value {@link #bool} reads as false. */
  public static boolean isFalse(String raw) {
    return Boolean.FALSE.equals(bool(raw));
  }

  /** A base-10 integer, or null. */
  public static Integer integer(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      return Integer.valueOf(raw.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Comma-separated items, trimmed, empty items dropped ({@code []} for null). */
  public static List<String> list(String raw) {
    List<String> out = new ArrayList<>();
    if (raw == null) {
      return out;
    }
    for (String p : raw.split(",", -1)) {
      if (!p.isBlank()) {
        out.add(p.strip());
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** {@code k1=v1,k2=v2} (trimmed, in order), or null when an item has no '=' or an empty key. */
  public static Map<String, String> map(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    for (String item : raw.split(",", -1)) {
      if (item.isBlank()) {
        continue;
      }
      int eq = item.indexOf('=');
      if (eq <= 0 || item.substring(0, eq).isBlank()) {
        return null;
      }
      out.put(item.substring(0, eq).strip(), item.substring(eq + 1).strip());
    }
    return Collections.unmodifiableMap(out);
  }

  /** True when the value is one of the allowed ones, exactly. */
  public static boolean oneOf(String raw, String... allowed) {
    if (raw == null) {
      return false;
    }
    for (String a : allowed) {
      if (a.equals(raw)) {
        return true;
      }
    }
    return false;
  }
}
