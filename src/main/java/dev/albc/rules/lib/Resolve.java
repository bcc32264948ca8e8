package dev.albc.rules.lib;

import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Effective;
import dev.albc.rules.api.Setting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The resolve phase: among the settings of one (scope, name), the highest precedence wins. */
public final class Resolve {
  private Resolve() {}

  /**
   * Resolves every (scope, name): an {@link Effective} per key, or, when the settings of the
   * highest precedence disagree, a {@link dev.albc.rules.api.ResolveConflict} and an error
   * diagnostic. Output order is stable (sorted by scope and name).
   */
  public static List<Object> all(List<?> settings, String rule) {
    Map<String, List<Setting>> top = new java.util.TreeMap<>();
    for (Object o : settings) {
      Setting s = (Setting) o;
      String key = s.scope() + "\u0000" + s.name();
      List<Setting> cur = top.get(key);
      if (cur == null || cur.get(0).precedence() < s.precedence()) {
        cur = new ArrayList<>();
        cur.add(s);
        top.put(key, cur);
      } else if (cur.get(0).precedence() == s.precedence()) {
        cur.add(s);
      }
    }
    List<Object> out = new ArrayList<>(top.size());
    for (List<Setting> t : top.values()) {
      Effective e = winner(t);
      if (e != null) {
        out.add(e);
      } else {
        Setting s0 = t.get(0);
        out.add(new dev.albc.rules.api.ResolveConflict(s0.scope(), s0.name()));
        out.add(conflict(dev.albc.rules.api.Scopes.groupOf(s0.scope()), t, rule));
      }
    }
    return out;
  }

  /**
   * The winner among settings that share scope, name and the highest precedence: their common value;
   * when their values differ, null (see {@link #conflict}).
   */
  public static Effective winner(List<Setting> top) {
    List<Setting> sorted = new ArrayList<>(top);
    sorted.sort(Comparator.comparing(Setting::origin, Comparator.nullsFirst(Comparator.naturalOrder())));
    Setting first = sorted.get(0);
    for (Setting s : sorted) {
      if (!Values.sameValue(s.value(), first.value())) {
        return null;
      }
    }
    return new Effective(first.scope(), first.name(), first.value(), first);
  }

  /** The error for settings of equal precedence that disagree. */
  public static Diagnostic conflict(String groupId, List<Setting> top, String rule) {
    Map<String, List<String>> byValue = new LinkedHashMap<>();
    List<Setting> sorted = new ArrayList<>(top);
    sorted.sort(Comparator.comparing(Setting::origin, Comparator.nullsFirst(Comparator.naturalOrder())));
    for (Setting s : sorted) {
      byValue.computeIfAbsent(Values.render(s.value()), k -> new ArrayList<>()).add(s.origin());
    }
    StringBuilder msg = new StringBuilder("conflicting values for " + top.get(0).name() + ": ");
    boolean firstEntry = true;
    for (var e : byValue.entrySet()) {
      if (!firstEntry) {
        msg.append("; ");
      }
      firstEntry = false;
      msg.append(String.join(", ", e.getValue())).append(" → ").append(e.getKey());
    }
    Setting s0 = sorted.get(0);
    return Diagnostic.error(
        groupId,
        Origins.object(s0.origin()),
        Origins.field(s0.origin(), s0.name()),
        msg.toString(),
        "every Ingress of the group that sets " + s0.name() + " must set the same value",
        rule);
  }
}
