package dev.albc.rules.lib;

import dev.albc.facts.IngressFact;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ingress paths as the reference controller turns them into listener-rule path patterns
 * (pkg/ingress/model_build_listener_rules.go): their order within one {@code spec.rules[]} entry
 * and their patterns.
 */
public final class Paths {
  public static final String EXACT = "Exact";
  public static final String PREFIX = "Prefix";
  public static final String IMPLEMENTATION_SPECIFIC = "ImplementationSpecific";

  private Paths() {}

  /** One path of one {@code spec.rules[]} entry, with its original indexes. */
  public record IndexedPath(int ruleIndex, int pathIndex, String host, IngressFact.PathFact path) {
    /** {@code spec.rules[i].http.paths[j]}. */
    public String field() {
      return "spec.rules[" + ruleIndex + "].http.paths[" + pathIndex + "]";
    }
  }

  /** Path patterns for a rule: glob values or regex values (one of them is empty), or an error. */
  public record Patterns(List<String> values, List<String> regexValues, String error) {
    public boolean ok() {
      return error == null;
    }

    static Patterns of(List<String> values, List<String> regexValues) {
      return new Patterns(List.copyOf(values), List.copyOf(regexValues), null);
    }

    static Patterns fail(String error) {
      return new Patterns(List.of(), List.of(), error);
    }
  }

  /** True for Exact, Prefix, ImplementationSpecific and unset (null). */
  public static boolean knownType(String pathType) {
    return pathType == null
        || EXACT.equals(pathType)
        || PREFIX.equals(pathType)
        || IMPLEMENTATION_SPECIFIC.equals(pathType);
  }

  /**
   * The paths of one {@code spec.rules[]} entry in the reference's order: every Exact path (in
   * their order), then Prefix paths by length, longest first (stable), then ImplementationSpecific
   * and unset ones (in their order). Paths of an unknown type are left out (see {@link #knownType}).
   */
  public static <T> List<T> sort(List<T> paths, java.util.function.Function<T, String> type,
      java.util.function.Function<T, String> path) {
    List<T> exact = new ArrayList<>();
    List<T> prefix = new ArrayList<>();
    List<T> other = new ArrayList<>();
    for (T p : paths) {
      String t = type.apply(p);
      if (EXACT.equals(t)) {
        exact.add(p);
      } else if (PREFIX.equals(t)) {
        prefix.add(p);
      } else if (t == null || IMPLEMENTATION_SPECIFIC.equals(t)) {
        other.add(p);
      }
    }
    // List.sort is stable (a merge sort), as Go's sort.SliceStable.
    prefix.sort(Comparator.comparingInt((T p) -> len(path.apply(p))).reversed());
    List<T> out = new ArrayList<>(exact);
    out.addAll(prefix);
    out.addAll(other);
    return out;
  }

  /** Every path of every {@code spec.rules[]} entry, rule by rule, each rule's paths sorted. */
  public static List<IndexedPath> sorted(IngressFact ing) {
    List<IndexedPath> out = new ArrayList<>();
    for (int i = 0; i < ing.rules().size(); i++) {
      IngressFact.RuleFact r = ing.rules().get(i);
      List<IndexedPath> rule = new ArrayList<>();
      for (int j = 0; j < r.paths().size(); j++) {
        rule.add(new IndexedPath(i, j, r.host(), r.paths().get(j)));
      }
      out.addAll(sort(rule, p -> p.path().pathType(), p -> p.path().path()));
    }
    return out;
  }

  /** Paths whose pathType is unknown (the reference fails the Ingress: "unknown pathType for path …"). */
  public static List<IndexedPath> unknownTypes(IngressFact ing) {
    List<IndexedPath> out = new ArrayList<>();
    for (int i = 0; i < ing.rules().size(); i++) {
      IngressFact.RuleFact r = ing.rules().get(i);
      for (int j = 0; j < r.paths().size(); j++) {
        IngressFact.PathFact p = r.paths().get(j);
        if (!knownType(p.pathType())) {
          out.add(new IndexedPath(i, j, r.host(), p));
        }
      }
    }
    return out;
  }

  /**
   * The path patterns of one path:
   *
   * <ul>
   *   <li>Exact → {@code [path]}; {@code *} and {@code ?} are refused;
   *   <li>Prefix → {@code /} is {@code ["/*"]}; otherwise, without a trailing {@code /}, {@code [p,
   *       p + "/*"]}; {@code *} and {@code ?} are refused;
   *   <li>ImplementationSpecific or unset → {@code [path]} verbatim (globs work), or with {@code
   *       use-regex-path-match} the regex {@code path} minus its first character.
   * </ul>
   */
  public static Patterns patterns(String path, String pathType, boolean useRegexPathMatch) {
    String t = pathType == null ? IMPLEMENTATION_SPECIFIC : pathType;
    switch (t) {
      case IMPLEMENTATION_SPECIFIC -> {
        if (useRegexPathMatch) {
          // Kubernetes requires paths to start with '/', regexes do not: the first char is dropped.
          return Patterns.of(List.of(), List.of(path.isEmpty() ? "" : path.substring(1)));
        }
        return Patterns.of(List.of(path), List.of());
      }
      case EXACT -> {
        if (hasWildcard(path)) {
          return Patterns.fail("exact path shouldn't contain wildcards: " + path);
        }
        return Patterns.of(List.of(path), List.of());
      }
      case PREFIX -> {
        if (path.equals("/")) {
          return Patterns.of(List.of("/*"), List.of());
        }
        if (hasWildcard(path)) {
          return Patterns.fail("prefix path shouldn't contain wildcards: " + path);
        }
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return Patterns.of(List.of(p, p + "/*"), List.of());
      }
      default -> {
        return Patterns.fail("unsupported pathType: " + t);
      }
    }
  }

  private static boolean hasWildcard(String path) {
    return path.indexOf('*') >= 0 || path.indexOf('?') >= 0;
  }

  /** Go's len(): bytes of the UTF-8 encoding. */
  private static int len(String s) {
    return s == null ? 0 : s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }
}
