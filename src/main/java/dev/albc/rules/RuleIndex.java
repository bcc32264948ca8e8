package dev.albc.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where each rule of a rule set was written: package + rule name → file and line of its
 * {@code rule} keyword. Built from the DRL texts, so messages about a rule that threw, a rule that
 * no test fired, or an explanation can name the file.
 */
public final class RuleIndex {
  /** A rule's place. */
  public record Location(String pkg, String rule, String file, int line, boolean builtin) {
    public String where() {
      return file + (line > 0 ? ":" + line : "");
    }
  }

  private final List<RuleSource> sources;
  private final List<String> packages;
  private final Map<String, Location> byKey = new LinkedHashMap<>();
  private final Map<String, List<Location>> byName = new HashMap<>();

  public RuleIndex(List<RuleSource> sources) {
    this.sources = List.copyOf(sources);
    List<String> pkgs = new ArrayList<>();
    for (RuleSource s : sources) {
      DrlText t = new DrlText(s.text());
      String pkg = t.packageName();
      pkgs.add(pkg);
      for (DrlText.RuleDecl r : t.rules()) {
        Location loc = new Location(pkg, r.name(), s.name(), r.line(), s.builtin());
        byKey.putIfAbsent(key(pkg, r.name()), loc);
        byName.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(loc);
      }
    }
    this.packages = Collections.unmodifiableList(pkgs);
  }

  /** An empty index (rule sets built without sources). */
  public static RuleIndex empty() {
    return new RuleIndex(List.of());
  }

  static String key(String pkg, String rule) {
    return pkg + "\u0000" + rule;
  }

  public List<RuleSource> sources() {
    return sources;
  }

  /** The package each source declares (same order as {@link #sources()}; null when none). */
  public List<String> packages() {
    return packages;
  }

  /** A rule by package and name, or null. */
  public Location locate(String pkg, String rule) {
    return byKey.get(key(pkg, rule));
  }

  /** A rule by name only: the first one declared (user rules can reuse a built-in name in their package). */
  public Location locate(String rule) {
    List<Location> l = byName.get(rule);
    return l == null || l.isEmpty() ? null : l.get(0);
  }

  /** Every rule declared in a user (non-built-in) file. */
  public List<Location> userRules() {
    return byKey.values().stream().filter(l -> !l.builtin()).toList();
  }

  /** Every rule. */
  public List<Location> all() {
    return List.copyOf(byKey.values());
  }

  /** Packages of the built-in sources. */
  public Set<String> builtinPackages() {
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < sources.size(); i++) {
      if (sources.get(i).builtin() && packages.get(i) != null) {
        out.add(packages.get(i));
      }
    }
    return out;
  }

  /** User packages → the user files that declare them. */
  public Map<String, List<String>> userFilesByPackage() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < sources.size(); i++) {
      if (!sources.get(i).builtin() && packages.get(i) != null) {
        out.computeIfAbsent(packages.get(i), k -> new ArrayList<>()).add(sources.get(i).name());
      }
    }
    return out;
  }

  /** True when some source is a user file. */
  public boolean hasUserRules() {
    return sources.stream().anyMatch(s -> !s.builtin());
  }
}
