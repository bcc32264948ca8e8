package dev.albc.rules.lib;

import dev.albc.facts.ControllerSettings;
import dev.albc.intents.Action;
import dev.albc.intents.ListenerRuleIntent;
import dev.albc.intents.Ref;
import dev.albc.intents.RuleCondition;
import dev.albc.intents.RuleTransform;
import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Effective;
import dev.albc.rules.api.ListenPort;
import dev.albc.rules.api.ListenPortSpec;
import dev.albc.rules.api.ListenerDefaultAction;
import dev.albc.rules.api.Member;
import dev.albc.rules.api.Scopes;
import dev.albc.rules.api.Tags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Listener rules (pkg/ingress/model_build_listener_rules.go): each routed path of each member
 * becomes a rule on every listener port the member listens on; a listener's rules are ordered by
 * member (group.order, then namespace/name) and path, optimized, and numbered from priority 1.
 */
public final class ListenerRules {
  public static final String WEIGHTED_TARGET_GROUPS = "WeightedTargetGroups";
  public static final String LISTENER_RULES_TAGGING = "ListenerRulesTagging";

  private ListenerRules() {}

  /**
   * The listener ports of a member ({@code listen-ports}), and those of them that carry its rules
   * and default backend (all but HTTP ports when the group has {@code ssl-redirect}).
   */
  public record MemberPorts(
      String groupId, String ingressKey, List<ListenPortSpec> ports, List<ListenPortSpec> rulePorts) {
    public MemberPorts {
      ports = List.copyOf(ports);
      rulePorts = List.copyOf(rulePorts);
    }

    public boolean routes() {
      return !rulePorts.isEmpty();
    }
  }

  /** One listener of a group that gets rules. */
  public record Listener(String groupId, int port, String protocol) {}

  /** A member's path turned into a rule (conditions and backend action), before priorities. */
  public record Route(
      String groupId, String ingressKey, int seq, List<RuleCondition> conditions, List<Action> actions,
      List<RuleTransform> transforms)
      implements Ordering.Candidate {
    public Route {
      conditions = List.copyOf(conditions);
      actions = List.copyOf(actions);
      transforms = transforms == null ? List.of() : List.copyOf(transforms);
    }

    /** A route without transforms. */
    public Route(String groupId, String ingressKey, int seq, List<RuleCondition> conditions, List<Action> actions) {
      this(groupId, ingressKey, seq, conditions, actions, List.of());
    }
  }

  /** The first {@code transforms.<name>} effective value of a collected list (0 or 1 element). */
  @SuppressWarnings("unchecked")
  public static List<RuleTransform> annotationTransforms(Collection<?> effective) {
    for (Object o : effective) {
      if (o instanceof Effective e && e.value() instanceof List<?> l) {
        return (List<RuleTransform>) l;
      }
    }
    return List.of();
  }

  /** False only for HTTP listeners of a group with ssl-redirect (they only redirect). */
  public static boolean getsRules(String protocol, boolean sslRedirect) {
    return !(sslRedirect && "HTTP".equals(protocol));
  }

  @SuppressWarnings("unchecked")
  public static MemberPorts memberPorts(Member m, Object listenPorts, boolean sslRedirect) {
    List<ListenPortSpec> ports = new ArrayList<>();
    if (listenPorts instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof ListenPortSpec s) {
          ports.add(s);
        }
      }
    }
    List<ListenPortSpec> rulePorts = ports.stream().filter(p -> getsRules(p.protocol(), sslRedirect)).toList();
    return new MemberPorts(m.groupId(), m.key(), ports, rulePorts);
  }

  /** The listener default actions a member's {@code spec.defaultBackend} asks for, one per port. */
  public static List<ListenerDefaultAction> defaultActions(
      MemberPorts mp, Backends.Resolved r, ControllerSettings cs) {
    List<ListenerDefaultAction> out = new ArrayList<>();
    Action a = unweighted(r.action(), cs);
    if (a == null) {
      return out;
    }
    for (ListenPortSpec p : mp.rulePorts()) {
      out.add(new ListenerDefaultAction(mp.groupId(), p.port(), mp.ingressKey(), a));
    }
    return out;
  }

  /** Conditions of one rule, or why they cannot be built. */
  public record Conditions(List<RuleCondition> conditions, String error) {
    public boolean ok() {
      return error == null;
    }
  }

  /**
   * The conditions of a path's rule: the {@code conditions.<service>} annotation conditions other
   * than host and path (in their order), then one host-header condition (the rule's host plus the
   * annotation's hosts), then one path-pattern condition (the path's patterns plus the
   * annotation's paths, {@code ["/*"]} for the Prefix path {@code /} even beside a host);
   * {@code path-pattern ["/*"]} when there is nothing. Values and regex values cannot
   * mix within host or within path.
   */
  public static Conditions conditions(
      String host, String path, String pathType, boolean useRegex, List<ConditionsJson.ConditionSpec> annotation) {
    List<String> hostValues = new ArrayList<>();
    List<String> hostRegex = new ArrayList<>();
    List<String> pathValues = new ArrayList<>();
    List<String> pathRegex = new ArrayList<>();
    if (host != null && !host.isEmpty()) {
      hostValues.add(host);
    }
    if (path != null && !path.isEmpty()) {
      Paths.Patterns p = Paths.patterns(path, pathType, useRegex);
      if (!p.ok()) {
        return new Conditions(List.of(), p.error());
      }
      pathValues.addAll(p.values());
      pathRegex.addAll(p.regexValues());
    }
    List<RuleCondition> out = new ArrayList<>();
    for (ConditionsJson.ConditionSpec c : annotation == null ? List.<ConditionsJson.ConditionSpec>of() : annotation) {
      switch (c.field()) {
        case ConditionsJson.HOST_HEADER -> {
          hostValues.addAll(c.values());
          hostRegex.addAll(c.regexValues());
        }
        case ConditionsJson.PATH_PATTERN -> {
          pathValues.addAll(c.values());
          pathRegex.addAll(c.regexValues());
        }
        case ConditionsJson.HTTP_HEADER -> out.add(RuleCondition.httpHeader(c.httpHeaderName(), c.values(), c.regexValues()));
        case ConditionsJson.HTTP_REQUEST_METHOD -> out.add(RuleCondition.httpRequestMethod(c.values()));
        case ConditionsJson.QUERY_STRING -> {
          List<Map<String, String>> pairs = new ArrayList<>();
          for (ConditionsJson.QueryPair qp : c.queryValues()) {
            Map<String, String> m = new LinkedHashMap<>();
            if (qp.key() != null) {
              m.put("Key", qp.key());
            }
            m.put("Value", qp.value());
            pairs.add(m);
          }
          out.add(RuleCondition.queryString(pairs));
        }
        case ConditionsJson.SOURCE_IP -> out.add(RuleCondition.sourceIp(c.values()));
        default -> {
          // unknown fields are ignored, as the reference does
        }
      }
    }
    if (!hostValues.isEmpty() && !hostRegex.isEmpty()) {
      return new Conditions(List.of(),
          "host condition must specify exactly one of Values and RegexValues, got both Values "
              + goList(hostValues) + " and RegexValues " + goList(hostRegex));
    }
    if (!pathValues.isEmpty() && !pathRegex.isEmpty()) {
      return new Conditions(List.of(),
          "path condition must specify exactly one of Values and RegexValues, got both Values "
              + goList(pathValues) + " and RegexValues " + goList(pathRegex));
    }
    if (!hostValues.isEmpty()) {
      out.add(RuleCondition.hostHeader(hostValues, null));
    }
    if (!hostRegex.isEmpty()) {
      out.add(RuleCondition.hostHeader(null, hostRegex));
    }
    // A catch-all ("/*") is kept beside other conditions, as the reference sends it (a rule
    // without it would be rewritten at migration: docs/differences.md).
    if (!pathValues.isEmpty()) {
      out.add(RuleCondition.pathPattern(pathValues, null));
    }
    if (!pathRegex.isEmpty()) {
      out.add(RuleCondition.pathPattern(null, pathRegex));
    }
    if (out.isEmpty()) {
      out.add(RuleCondition.pathPattern(List.of("/*"), null));
    }
    return new Conditions(List.copyOf(out), null);
  }

  /** The first {@code conditions.<name>} effective value of a collected list (0 or 1 element). */
  @SuppressWarnings("unchecked")
  public static List<ConditionsJson.ConditionSpec> annotationConditions(Collection<?> effective) {
    for (Object o : effective) {
      if (o instanceof Effective e && e.value() instanceof List<?> l) {
        return (List<ConditionsJson.ConditionSpec>) l;
      }
    }
    return List.of();
  }

  /**
   * The action as the API gets it: with gate WeightedTargetGroups off, a forward to one target
   * group becomes a plain {@code TargetGroupArn} forward (null: more than one, refused).
   */
  public static Action unweighted(Action a, ControllerSettings cs) {
    if (cs.gate(WEIGHTED_TARGET_GROUPS) || !"forward".equals(a.type()) || a.forwardConfig() == null) {
      return a;
    }
    List<Action.TargetGroupTuple> tgs = a.forwardConfig().targetGroups();
    if (tgs.size() != 1) {
      return null;
    }
    return new Action("forward", a.order(), tgs.get(0).targetGroupArn(), null, null, null);
  }

  /**
   * The rules of one listener: the routes of the members that listen on its port, members by
   * group.order then namespace/name, each member's routes in order; the optimizer drops looping
   * or shadowed redirect rules; survivors get priorities 1, 2, 3… Actions get {@code Order}
   * index+1. Tags (gate ListenerRulesTagging): the member's {@code tag:*} settings and the
   * tracking tags with resource id {@code <port>:<priority>}. On HTTPS listeners a route's
   * authentication or JWT validation action ({@link Auth.PreActions}) goes before its own action.
   */
  public static List<Object> assemble(
      Listener l, Collection<?> listenPorts, Collection<?> routes, Collection<?> ingressEffective,
      Collection<?> preActions, ControllerSettings cs, String rule) {
    TreeSet<String> keys = new TreeSet<>();
    for (Object o : listenPorts) {
      if (o instanceof ListenPort lp && lp.groupId().equals(l.groupId()) && lp.port() == l.port()) {
        keys.add(lp.ingressKey());
      }
    }
    Map<String, Integer> orders = new LinkedHashMap<>();
    List<Effective> effective = new ArrayList<>();
    for (Object o : ingressEffective) {
      if (o instanceof Effective e) {
        effective.add(e);
        if (e.name().equals("group.order") && e.value() instanceof Number n && e.scope().startsWith("ingress:")) {
          orders.put(e.scope().substring("ingress:".length()), n.intValue());
        }
      }
    }
    List<Route> ordered = new ArrayList<>();
    for (String key : Ordering.members(keys, orders)) {
      List<Route> mine = new ArrayList<>();
      for (Object o : routes) {
        if (o instanceof Route r && r.groupId().equals(l.groupId()) && r.ingressKey().equals(key)) {
          mine.add(r);
        }
      }
      mine.sort(Comparator.comparingInt(Route::seq));
      ordered.addAll(mine);
    }
    List<Route> kept = Ordering.optimize(l.port(), l.protocol(), ordered);
    List<Object> out = new ArrayList<>();
    int priority = 1;
    for (Route r : kept) {
      List<Action> actions = new ArrayList<>();
      boolean refused = false;
      List<Action> all = new ArrayList<>();
      Auth.PreActions pre = "HTTPS".equals(l.protocol()) ? Auth.of(preActions, r.ingressKey(), r.seq()) : null;
      if (pre != null && pre.problem() == null) {
        all.addAll(pre.actions());
      }
      all.addAll(r.actions());
      for (int i = 0; i < all.size(); i++) {
        Action a = unweighted(all.get(i), cs);
        if (a == null) {
          refused = true;
          break;
        }
        actions.add(a.withOrder(i + 1));
      }
      if (refused) {
        out.add(Diagnostic.error(l.groupId(), "Ingress " + r.ingressKey(), "spec.rules",
            "weighted target groups feature is disabled",
            "enable the WeightedTargetGroups feature gate, or forward to a single target group", rule));
        continue;
      }
      Map<String, String> tags =
          cs.gate(LISTENER_RULES_TAGGING)
              ? Tags.of(effective, Scopes.ingress(r.ingressKey()), cs.clusterName(), l.groupId(), l.port() + ":" + priority)
              : Map.of();
      out.add(new ListenerRuleIntent(l.groupId(), l.port(), r.ingressKey(), Ref.to(String.valueOf(l.port())),
          priority, r.conditions(), List.copyOf(actions), r.transforms(), tags));
      priority++;
    }
    return out;
  }

  /** Go's %v of a []string: {@code [a b c]}. */
  static String goList(List<String> l) {
    return "[" + String.join(" ", l) + "]";
  }
}
