package dev.albc.rules;

import dev.albc.intents.ListenerIntent;
import dev.albc.intents.ListenerRuleIntent;
import dev.albc.rules.Explanation.Line;
import dev.albc.rules.api.ChosenSecurityGroups;
import dev.albc.rules.api.ChosenSubnets;
import dev.albc.rules.api.Effective;
import dev.albc.rules.api.GroupSettings;
import dev.albc.rules.api.ListenPort;
import dev.albc.rules.api.Scopes;
import dev.albc.rules.lib.Backends;
import dev.albc.rules.lib.ListenerRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reasons of the fields an {@link Explanation} cannot give from settings alone: a listener
 * rule's priority (group order) and route (the Ingress path), the load balancer's subnets and
 * security groups, a listener's ports, certificates and default actions — each read from the facts
 * the rules inserted ({@link ExplanationBuilder} holds the run's record).
 */
final class FieldReasons {
  private final ExplanationBuilder b;

  FieldReasons(ExplanationBuilder b) {
    this.b = b;
  }

  // --- listener-rule priority ----------------------------------------------------------------

  List<Line> priority(ListenerRuleIntent r, Firing f, GroupSettings gs) {
    List<Line> out = new ArrayList<>();
    if (f == null) {
      return out;
    }
    List<ListenerRuleIntent> siblings = new ArrayList<>();
    for (Object o : f.inserted()) {
      if (o instanceof ListenerRuleIntent x && x.port() == r.port() && x.groupId().equals(r.groupId())) {
        siblings.add(x);
      }
    }
    siblings.sort(Comparator.comparingInt(ListenerRuleIntent::priority));
    List<String> order = gs == null ? new ArrayList<>() : new ArrayList<>(gs.members());
    for (ListenerRuleIntent x : siblings) {
      if (!order.contains(x.ingressKey())) {
        order.add(x.ingressKey());
      }
    }
    Map<String, List<Integer>> prioritiesOf = new LinkedHashMap<>();
    for (String k : order) {
      List<Integer> ps = siblings.stream().filter(x -> x.ingressKey().equals(k)).map(ListenerRuleIntent::priority).toList();
      if (!ps.isEmpty()) {
        prioritiesOf.put(k, ps);
      }
    }
    List<String> onListener = new ArrayList<>(prioritiesOf.keySet());
    int pos = onListener.indexOf(r.ingressKey());
    int order0 = orderOf(gs, r.ingressKey());
    String who = "Ingress " + r.ingressKey();
    StringBuilder head = new StringBuilder("rule " + r.resourceId() + " priority " + r.priority() + ": " + who
        + " has group.order " + order0);
    if (pos > 0) {
      String prev = onListener.get(pos - 1);
      int prevOrder = orderOf(gs, prev);
      head.append(prevOrder == order0
          ? " and sorts after " + prev + " (same order " + prevOrder + ", then by namespace/name)"
          : " and sorts after " + prev + " (order " + prevOrder + ")");
    } else if (onListener.size() > 1) {
      head.append(" and sorts first on listener ").append(r.port());
    }
    List<Integer> mine = prioritiesOf.getOrDefault(r.ingressKey(), List.of());
    int nth = mine.indexOf(r.priority()) + 1;
    if (mine.size() > 1) {
      head.append("; it is rule ").append(nth).append(" of ").append(mine.size()).append(" of ").append(r.ingressKey())
          .append(" on this listener (paths in spec order)");
    }
    out.add(new Line(0, head.toString()));
    out.add(new Line(1, "listener " + r.port() + " in group order (" + b.ruleRef(f) + "):"));
    for (String k : onListener) {
      Effective e = gs == null ? null : gs.effective(Scopes.ingress(k), "group.order");
      String origin = e == null ? "default" : e.origin();
      List<Integer> ps = prioritiesOf.get(k);
      out.add(new Line(2, (k.equals(r.ingressKey()) ? "> " : "  ") + k + "  group.order " + orderOf(gs, k)
          + " (" + origin + ")  → priorit" + (ps.size() == 1 ? "y " : "ies ") + ranges(ps)));
    }
    Effective mineOrder = gs == null ? null : gs.effective(Scopes.ingress(r.ingressKey()), "group.order");
    if (mineOrder != null) {
      out.addAll(b.setting(mineOrder, 1));
    }
    return out;
  }

  static int orderOf(GroupSettings gs, String key) {
    return gs == null ? 0 : gs.order(key);
  }

  static String ranges(List<Integer> ps) {
    if (ps.isEmpty()) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    int start = ps.get(0);
    int prev = start;
    for (int k = 1; k <= ps.size(); k++) {
      if (k < ps.size() && ps.get(k) == prev + 1) {
        prev = ps.get(k);
        continue;
      }
      parts.add(start == prev ? String.valueOf(start) : start + "-" + prev);
      if (k < ps.size()) {
        start = ps.get(k);
        prev = start;
      }
    }
    return String.join(", ", parts);
  }

  /** The Ingress path a listener rule comes from: the Route the rule matched, and its source. */
  List<Line> route(ListenerRuleIntent r, Firing f) {
    List<Line> out = new ArrayList<>();
    if (f == null) {
      return out;
    }
    for (Object o : f.facts()) {
      if (o instanceof Collection<?> c) {
        for (Object x : c) {
          if (x instanceof ListenerRules.Route route && route.ingressKey().equals(r.ingressKey())
              && route.conditions().equals(r.conditions())) {
            Firing by = b.insertedBy.get(route);
            Backends.Use use = null;
            if (by != null) {
              for (Object m : by.facts()) {
                if (m instanceof Backends.Use u) {
                  use = u;
                }
              }
            }
            String what = use == null ? "a path of Ingress " + r.ingressKey()
                : "Ingress " + r.ingressKey() + " " + use.field().replaceAll("\\.backend$", "")
                    + (use.host() == null ? "" : " host " + use.host())
                    + (use.path() == null ? "" : " path " + use.path())
                    + (use.pathType() == null ? "" : " (" + use.pathType() + ")")
                    + (use.backend() == null || use.backend().serviceName() == null ? ""
                        : " → Service " + use.backend().serviceName() + ":" + use.backend().portKey());
            out.add(new Line(0, "from " + what + (by == null ? "" : ", by " + b.ruleRef(by))));
            return out;
          }
        }
      }
    }
    return out;
  }

  // --- subnets, security groups, listen ports -----------------------------------------------

  List<Line> subnets(String gid) {
    List<Line> out = new ArrayList<>();
    for (Map.Entry<Object, Firing> en : b.inserted(ChosenSubnets.class)) {
      Firing x = en.getValue();
      Object o = en.getKey();
      if (o instanceof ChosenSubnets cs && cs.groupId().equals(gid)) {
        out.add(new Line(0, "chosen by " + cs.how() + ": " + String.join(", ", cs.subnetIds()) + " — " + b.ruleRef(x)));
        for (String ex : cs.excluded()) {
          int colon = ex.indexOf(": ");
          out.add(new Line(1, colon > 0 ? ex.substring(0, colon) + " left out: " + ex.substring(colon + 2)
              : "left out: " + ex));
        }
      }
    }
    return out;
  }

  List<Line> securityGroups(String gid) {
    List<Line> out = new ArrayList<>();
    for (Map.Entry<Object, Firing> en : b.inserted(ChosenSecurityGroups.class)) {
      Firing x = en.getValue();
      Object o = en.getKey();
      if (o instanceof ChosenSecurityGroups c && c.groupId().equals(gid)) {
        out.add(new Line(0, (c.managed() ? "managed by albc" : "given") + ": "
            + c.securityGroups().stream().map(Explanation::refText).toList()
            + " — " + b.ruleRef(x)));
      }
    }
    return out;
  }

  List<Line> certificates(ListenerIntent l) {
    List<Line> out = new ArrayList<>();
    for (Map.Entry<Object, Firing> en : b.inserted(dev.albc.rules.api.ListenerCertificates.class)) {
      Firing x = en.getValue();
      Object o = en.getKey();
      if (o instanceof dev.albc.rules.api.ListenerCertificates c && c.groupId().equals(l.groupId())
          && c.port() == l.port()) {
        out.add(new Line(0, "Ingress " + c.ingressKey() + " brings " + String.join(", ", c.arns()) + " ("
            + c.how() + ") — " + b.ruleRef(x) + b.matchedSummary(x)));
      }
    }
    return out;
  }

  List<Line> defaultActions(ListenerIntent l) {
    List<Line> out = new ArrayList<>();
    for (Map.Entry<Object, Firing> en : b.inserted(dev.albc.rules.api.ListenerDefaultAction.class)) {
      Firing x = en.getValue();
      Object o = en.getKey();
      if (o instanceof dev.albc.rules.api.ListenerDefaultAction a && a.groupId().equals(l.groupId())
          && a.port() == l.port()) {
        out.add(new Line(0, "Ingress " + a.ingressKey() + " asks for " + a.action().type() + " — " + b.ruleRef(x)));
      }
    }
    boolean sslRedirect = b.effective.containsKey(ExplanationBuilder.key(Scopes.group(l.groupId()), "ssl-redirect"));
    if (out.isEmpty() && !("HTTP".equals(l.protocol()) && sslRedirect)) {
      out.add(new Line(0, "no member asks for a default action on port " + l.port()
          + " (no ListenerDefaultAction fact); value from the rule that built the listener"));
    }
    return out;
  }

  List<Line> listenPorts(ListenerIntent l) {
    List<Line> out = new ArrayList<>();
    for (Map.Entry<Object, Firing> en : b.inserted(ListenPort.class)) {
      Firing x = en.getValue();
      Object o = en.getKey();
      if (o instanceof ListenPort lp && lp.groupId().equals(l.groupId()) && lp.port() == l.port()) {
        out.add(new Line(0, "Ingress " + lp.ingressKey() + " listens on " + lp.protocol() + ":" + lp.port()
            + " — " + b.ruleRef(x)));
      }
    }
    return out;
  }
}
