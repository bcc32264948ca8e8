package dev.albc.rules.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A group's effective settings gathered once (derive phase), so assemble rules read them without
 * each collecting every Effective of the session: every group, ingress (of its members), listener
 * and target-group scope of the group, and its members in group order.
 */
public record GroupSettings(String groupId, List<String> members, Map<String, Effective> values) {

  static String key(String scope, String name) {
    return scope + "\u0000" + name;
  }

  /** The effective setting, or null. */
  public Effective effective(String scope, String name) {
    return values.get(key(scope, name));
  }

  /** The effective value, or null. */
  public Object value(String scope, String name) {
    Effective e = values.get(key(scope, name));
    return e == null ? null : e.value();
  }

  /** Values of the settings of one scope whose names start with a prefix, by the rest of the name. */
  public Map<String, String> byPrefix(String scope, String prefix) {
    Map<String, String> out = new TreeMap<>();
    String start = scope + "\u0000" + prefix;
    for (var e : values.entrySet()) {
      if (e.getKey().startsWith(start)) {
        out.put(e.getKey().substring(start.length()), e.getValue().stringValue());
      }
    }
    return out;
  }

  /** Every effective setting of the group, sorted by scope and name. */
  public List<Effective> all() {
    List<Effective> out = new ArrayList<>(new TreeMap<>(values).values());
    return out;
  }

  /** A member's group.order (0 when unset). */
  public int order(String ingressKey) {
    Object v = value(Scopes.ingress(ingressKey), "group.order");
    return v == null ? 0 : ((Number) v).intValue();
  }

  /** Builds the settings of every group from all members and effective settings. */
  public static List<GroupSettings> build(Collection<?> members, Collection<?> effective) {
    Map<String, String> groupOfIngress = new HashMap<>();
    Map<String, List<String>> membersOf = new TreeMap<>();
    for (Object o : members) {
      Member m = (Member) o;
      groupOfIngress.put(Scopes.ingress(m.key()), m.groupId());
      membersOf.computeIfAbsent(m.groupId(), k -> new ArrayList<>()).add(m.key());
    }
    Map<String, Map<String, Effective>> values = new HashMap<>();
    for (Object o : effective) {
      Effective e = (Effective) o;
      String g = e.scope().startsWith("ingress:") ? groupOfIngress.get(e.scope()) : Scopes.groupOf(e.scope());
      if (g != null) {
        values.computeIfAbsent(g, k -> new HashMap<>()).put(key(e.scope(), e.name()), e);
      }
    }
    List<GroupSettings> out = new ArrayList<>();
    for (var e : membersOf.entrySet()) {
      Map<String, Effective> v = values.getOrDefault(e.getKey(), Map.of());
      GroupSettings tmp = new GroupSettings(e.getKey(), List.of(), v);
      List<String> keys = new ArrayList<>(e.getValue());
      keys.sort(Comparator.comparingInt(tmp::order).thenComparing(k -> k));
      out.add(new GroupSettings(e.getKey(), List.copyOf(keys), Map.copyOf(v)));
    }
    return out;
  }
}
