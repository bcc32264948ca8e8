package dev.albc.rules.lib;

import dev.albc.intents.Action;
import dev.albc.intents.RuleCondition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order of a listener's rules: members by {@code group.order} then {@code namespace/name}, and
 * the reference's rule optimizer (pkg/ingress/rule_optimizer.go), which drops redirect rules that
 * would redirect to themselves and rules shadowed by an earlier redirect rule (the {@code
 * actions.ssl-redirect} idiom).
 */
public final class Ordering {
  private Ordering() {}

  /** Member keys sorted by group.order (absent = 0), ties by {@code namespace/name}. */
  public static List<String> members(Set<String> keys, Map<String, Integer> orders) {
    List<String> out = new ArrayList<>(keys);
    out.sort(Comparator.comparingInt((String k) -> orders.getOrDefault(k, 0)).thenComparing(Comparator.naturalOrder()));
    return out;
  }

  /** One candidate rule of a listener: its conditions and actions (and whatever it carries). */
  public interface Candidate {
    List<RuleCondition> conditions();

    List<Action> actions();
  }

  /** The optimizer: first infinite redirects go, then rules shadowed by a kept redirect rule. */
  public static <T extends Candidate> List<T> optimize(int port, String protocol, List<T> rules) {
    List<T> noLoops = new ArrayList<>();
    for (T r : rules) {
      if (!isInfiniteRedirect(port, protocol, r)) {
        noLoops.add(r);
      }
    }
    List<T> out = new ArrayList<>();
    for (T r : noLoops) {
      boolean shadowed = false;
      for (T kept : out) {
        if (redirectOf(kept.actions()) != null && isSuperset(kept.conditions(), r.conditions())) {
          shadowed = true;
          break;
        }
      }
      if (!shadowed) {
        out.add(r);
      }
    }
    return out;
  }

  static Action.RedirectConfig redirectOf(List<Action> actions) {
    for (Action a : actions) {
      if ("redirect".equals(a.type())) {
        return a.redirectConfig();
      }
    }
    return null;
  }

  /**
   * A redirect whose every set component equals this rule's (or is its {@code #{…}} placeholder).
   * Rules whose host or path match by regex are never taken for loops (their values cannot be
   * compared with the redirect's).
   */
  static boolean isInfiniteRedirect(int port, String protocol, Candidate r) {
    Action.RedirectConfig c = redirectOf(r.actions());
    if (c == null) {
      return false;
    }
    Set<String> hosts = new HashSet<>();
    Set<String> paths = new HashSet<>();
    for (RuleCondition rc : r.conditions()) {
      RuleCondition.ValuesConfig v =
          "host-header".equals(rc.field()) ? rc.hostHeaderConfig()
              : "path-pattern".equals(rc.field()) ? rc.pathPatternConfig() : null;
      if (v == null) {
        continue;
      }
      if (v.regexValues() != null && !v.regexValues().isEmpty()) {
        return false;
      }
      addAll("host-header".equals(rc.field()) ? hosts : paths, v.values());
    }
    if (c.host() != null && !c.host().equals("#{host}") && !hosts.contains(c.host())) {
      return false;
    }
    if (c.path() != null && !c.path().equals("/#{path}") && !paths.contains(c.path())) {
      return false;
    }
    if (c.port() != null && !c.port().equals("#{port}") && !c.port().equals(String.valueOf(port))) {
      return false;
    }
    if (c.protocol() != null && !c.protocol().equals("#{protocol}") && !c.protocol().equals(protocol)) {
      return false;
    }
    if (c.query() != null && !c.query().equals("#{query}")) {
      return false;
    }
    return true;
  }

  /**
   * True when {@code lhs} (host and path conditions only) matches everything {@code rhs} matches:
   * no hosts or a superset of rhs's hosts, and no paths, {@code /*}, or a superset of rhs's paths.
   * Regex values only cover identical regex values.
   */
  static boolean isSuperset(List<RuleCondition> lhs, List<RuleCondition> rhs) {
    Set<String> lHosts = new HashSet<>();
    Set<String> lPaths = new HashSet<>();
    for (RuleCondition c : lhs) {
      if ("host-header".equals(c.field()) && c.hostHeaderConfig() != null) {
        addTagged(lHosts, c.hostHeaderConfig());
      } else if ("path-pattern".equals(c.field()) && c.pathPatternConfig() != null) {
        addTagged(lPaths, c.pathPatternConfig());
      } else {
        return false;
      }
    }
    Set<String> rHosts = new HashSet<>();
    Set<String> rPaths = new HashSet<>();
    for (RuleCondition c : rhs) {
      if ("host-header".equals(c.field()) && c.hostHeaderConfig() != null) {
        addTagged(rHosts, c.hostHeaderConfig());
      } else if ("path-pattern".equals(c.field()) && c.pathPatternConfig() != null) {
        addTagged(rPaths, c.pathPatternConfig());
      }
    }
    boolean hosts = lHosts.isEmpty() || (!rHosts.isEmpty() && lHosts.containsAll(rHosts));
    boolean paths =
        lPaths.isEmpty() || lPaths.contains("v:/*") || (!rPaths.isEmpty() && lPaths.containsAll(rPaths));
    return hosts && paths;
  }

  /** Values as {@code v:<value>}, regex values as {@code r:<regex>}: the two never match. */
  private static void addTagged(Set<String> s, RuleCondition.ValuesConfig c) {
    if (c.values() != null) {
      c.values().forEach(v -> s.add("v:" + v));
    }
    if (c.regexValues() != null) {
      c.regexValues().forEach(v -> s.add("r:" + v));
    }
  }

  private static void addAll(Set<String> s, List<String> values) {
    if (values != null) {
      s.addAll(values);
    }
  }
}
