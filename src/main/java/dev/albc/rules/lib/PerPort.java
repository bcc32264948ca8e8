package dev.albc.rules.lib;

import dev.albc.rules.api.Ann;
import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Effective;
import dev.albc.rules.api.GroupSettings;
import dev.albc.rules.api.ListenPort;
import dev.albc.rules.api.Scopes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Listener settings that members sharing a port must agree on (ssl-policy, inbound-cidrs, …). */
public final class PerPort {
  private PerPort() {}

  /** One error per port where two members (in group order) set different values. */
  public static List<Diagnostic> conflicts(GroupSettings gs, Collection<?> ports, String name, String rule) {
    Map<Integer, List<String>> byPort = new TreeMap<>();
    for (Object o : ports) {
      ListenPort lp = (ListenPort) o;
      List<String> keys = byPort.computeIfAbsent(lp.port(), k -> new ArrayList<>());
      if (!keys.contains(lp.ingressKey())) {
        keys.add(lp.ingressKey());
      }
    }
    List<Diagnostic> out = new ArrayList<>();
    for (var e : byPort.entrySet()) {
      Effective first = null;
      String firstKey = null;
      for (String k : gs.members()) {
        if (!e.getValue().contains(k)) {
          continue;
        }
        Effective v = gs.effective(Scopes.ingress(k), name);
        if (v == null) {
          continue;
        }
        if (first == null) {
          first = v;
          firstKey = k;
        } else if (!Values.sameValue(first.value(), v.value())) {
          out.add(Diagnostic.error(gs.groupId(), "Ingress " + k, Ann.alb(name),
              "conflicting " + name + " on port " + e.getKey() + ": " + firstKey + " → " + Values.render(first.value())
                  + ", " + k + " → " + Values.render(v.value()),
              "Ingresses of a group that share a listener port must set the same " + name, rule));
          break;
        }
      }
    }
    return out;
  }
}
