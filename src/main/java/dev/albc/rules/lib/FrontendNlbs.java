package dev.albc.rules.lib;

import dev.albc.facts.ControllerSettings;
import dev.albc.intents.Action;
import dev.albc.intents.Intent;
import dev.albc.intents.ListenerIntent;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.intents.Ref;
import dev.albc.intents.TargetGroupIntent;
import dev.albc.rules.api.Ann;
import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Effective;
import dev.albc.rules.api.Group;
import dev.albc.rules.api.GroupSettings;
import dev.albc.rules.api.ListenPort;
import dev.albc.rules.api.Names;
import dev.albc.rules.api.Scopes;
import dev.albc.rules.api.Source;
import dev.albc.rules.api.Tags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Helpers for frontend-nlb.drl: the Network Load Balancer the reference controller puts in front of
 * a group's ALB ({@code enable-frontend-nlb}), with one TCP listener and one target group of type
 * {@code alb} per NLB port (reference: pkg/ingress/model_build_frontend_nlb.go; docs/annotations.md,
 * "Frontend NLB").
 */
public final class FrontendNlbs {
  private FrontendNlbs() {}

  /** The NLB's ResourceId (and {@code ingress.k8s.aws/resource} tag). */
  public static final String NLB = "FrontendNlb";

  /** The health-check settings of a member, by the name of their field in the reference's messages. */
  static final Map<String, String> HEALTH_CHECK = healthCheckFields();

  private static Map<String, String> healthCheckFields() {
    Map<String, String> m = new LinkedHashMap<>();
    // the reference's merge order: its first conflict is the one reported
    m.put("IntervalSeconds", "frontend-nlb-healthcheck-interval-seconds");
    m.put("TimeoutSeconds", "frontend-nlb-healthcheck-timeout-seconds");
    m.put("HealthyThresholdCount", "frontend-nlb-healthcheck-healthy-threshold-count");
    m.put("UnhealthyThresholdCount", "frontend-nlb-healthcheck-unhealthy-threshold-count");
    m.put("Protocol", "frontend-nlb-healthcheck-protocol");
    m.put("Path", "frontend-nlb-healthcheck-path");
    m.put("Matcher", "frontend-nlb-healthcheck-success-codes");
    m.put("Port", "frontend-nlb-healthcheck-port");
    return m;
  }

  /** The NLB's subnets (derive phase), sorted. */
  public record Subnets(String groupId, List<String> subnetIds) {}

  /**
   * One NLB listener port (derive phase): the ALB listener port it forwards to and the health check
   * of its target group, merged over the members that ask for it.
   */
  public record Port(String groupId, int port, int targetPort, Map<String, Object> healthCheck) {}

  // ---- parse ------------------------------------------------------------------------------------

  /** frontend-nlb-attributes: k=v pairs; {@code dns_record.client_routing_policy} checked. */
  public static Values.Result attributes(String raw) {
    Values.Result r = Values.stringMap(raw);
    if (!r.ok()) {
      return r;
    }
    @SuppressWarnings("unchecked")
    Map<String, String> m = (Map<String, String>) r.value();
    String policy = m.get("dns_record.client_routing_policy");
    if (policy != null) {
      Values.Result p = Values.oneOf(policy, "any_availability_zone", "partial_availability_zone_affinity",
          "availability_zone_affinity");
      if (!p.ok()) {
        return new Values.Result(null, "invalid dns_record.client_routing_policy: got '" + policy + "'",
            "dns_record.client_routing_policy one of any_availability_zone, partial_availability_zone_affinity, "
                + "availability_zone_affinity");
      }
    }
    return Settings.ok(new TreeMap<>(m));
  }

  /** frontend-nlb-eip-allocations: a non-empty list of allocation ids, in the order given. */
  public static Values.Result eipAllocations(String raw) {
    List<String> l = Values.stringList(raw);
    return l.isEmpty() ? new Values.Result(null, "no allocation listed", "Elastic IP allocation ids, comma separated")
        : Settings.ok(l);
  }

  /** frontend-nlb-listener-port-mapping: {@code nlbPort=albPort,…} as integers, by NLB port. */
  public static Values.Result portMapping(String raw) {
    Values.Result r = Values.stringMap(raw);
    if (!r.ok()) {
      return r;
    }
    Map<Integer, Integer> out = new TreeMap<>();
    @SuppressWarnings("unchecked")
    Map<String, String> m = (Map<String, String>) r.value();
    for (var e : m.entrySet()) {
      Values.Result nlb = Values.int32(e.getKey());
      if (!nlb.ok()) {
        return new Values.Result(null, "invalid NLB listener port: " + e.getKey(), "nlbPort=albPort pairs of integers");
      }
      Values.Result alb = Values.int32(e.getValue());
      if (!alb.ok()) {
        return new Values.Result(null, "invalid ALB listener port: " + e.getValue(), "nlbPort=albPort pairs of integers");
      }
      out.put((Integer) nlb.value(), (Integer) alb.value());
    }
    return Settings.ok(out);
  }

  /** frontend-nlb-healthcheck-port: {@code traffic-port} or a port number (kept as text). */
  public static Values.Result healthCheckPort(String raw) {
    if ("traffic-port".equals(raw)) {
      return Settings.ok(raw);
    }
    Values.Result r = Values.int32(raw);
    if (!r.ok()) {
      return new Values.Result(null, "failed to resolve healthCheckPort: \"" + raw + "\"", "traffic-port or a port number");
    }
    return Settings.ok(String.valueOf(r.value()));
  }

  // ---- derive -----------------------------------------------------------------------------------

  /** The NLB's subnets, or an error on frontend-nlb-subnets (explicit) or the group's first member. */
  public static Object subnets(String groupId, SubnetDiscovery.Outcome o, Collection<?> members, String rule) {
    if (o.ok()) {
      return new Subnets(groupId, o.subnetIds());
    }
    return Diagnostic.error(groupId, dev.albc.rules.lib.Subnets.firstMember(members, groupId),
        Ann.alb("frontend-nlb-subnets"), "frontend NLB: " + o.error(), o.hint(), rule);
  }

  /**
   * The reference reads frontend-nlb-attributes member by member in group order and requires each
   * to equal the first one read: a member without them after one with them is a conflict (one
   * without them before is not). Null when there is no such conflict. (Two members with different
   * values are resolve.drl's conflict.)
   */
  public static Diagnostic attributesOrderConflict(GroupSettings gs, String rule) {
    Object chosen = null;
    for (String k : gs.members()) {
      Object attrs = gs.value(Scopes.ingress(k), "frontend-nlb-attributes");
      if (chosen == null) {
        chosen = attrs;
      } else if (attrs == null) {
        return Diagnostic.error(gs.groupId(), "Ingress " + k, Ann.alb("frontend-nlb-attributes"),
            "conflicting frontend NLB attributes: " + Values.render(chosen) + " | {}",
            "every Ingress of the group after the first that sets frontend-nlb-attributes must set the same", rule);
      }
    }
    return null;
  }

  /**
   * The NLB's listener ports: per member, its frontend-nlb-listener-port-mapping ({@code nlb=alb},
   * only ALB ports the member listens on) or else each of its ALB ports on the same NLB port; merged
   * per NLB port over the members in group order: an explicit health-check value must agree with an
   * earlier explicit one, and every member must forward the port to the same ALB port.
   */
  public static List<Object> ports(GroupSettings gs, Collection<?> listenPorts, String rule) {
    Map<Integer, List<String>> membersByPort = new TreeMap<>();
    Map<String, Map<Integer, Integer>> targetsByMember = new LinkedHashMap<>();
    for (String k : gs.members()) {
      List<Integer> albPorts = new ArrayList<>();
      for (Object o : listenPorts) {
        ListenPort lp = (ListenPort) o;
        if (lp.ingressKey().equals(k) && !albPorts.contains(lp.port())) {
          albPorts.add(lp.port());
        }
      }
      @SuppressWarnings("unchecked")
      Map<Integer, Integer> mapping = (Map<Integer, Integer>) gs.value(Scopes.ingress(k), "frontend-nlb-listener-port-mapping");
      Map<Integer, Integer> targets = new TreeMap<>();
      if (mapping != null && !mapping.isEmpty()) {
        mapping.forEach((nlb, alb) -> {
          if (albPorts.contains(alb)) { // an ALB port the member does not listen on is skipped, as the reference
            targets.put(nlb, alb);
          }
        });
      } else {
        albPorts.forEach(p -> targets.put(p, p));
      }
      targetsByMember.put(k, targets);
      targets.keySet().forEach(p -> membersByPort.computeIfAbsent(p, x -> new ArrayList<>()).add(k));
    }
    List<Object> out = new ArrayList<>();
    for (var e : membersByPort.entrySet()) {
      out.add(mergePort(gs, e.getKey(), e.getValue(), targetsByMember, rule));
    }
    return out;
  }

  private static Object mergePort(GroupSettings gs, int port, List<String> members,
      Map<String, Map<Integer, Integer>> targetsByMember, String rule) {
    Map<String, Object> merged = new LinkedHashMap<>();
    Map<String, Boolean> explicit = new TreeMap<>();
    int targetPort = targetsByMember.get(members.get(0)).get(port);
    for (int i = 0; i < members.size(); i++) {
      String k = members.get(i);
      for (var f : HEALTH_CHECK.entrySet()) {
        Effective eff = gs.effective(Scopes.ingress(k), f.getValue());
        boolean isExplicit = eff.from().source() != Source.DEFAULT;
        if (isExplicit && Boolean.TRUE.equals(explicit.get(f.getKey()))) {
          if (!Values.sameValue(merged.get(f.getKey()), eff.value())) {
            return portConflict(gs, port, k, f.getValue(), "conflicting " + f.getKey() + ", config " + (i + 1) + ": "
                + eff.value() + ", previous: " + merged.get(f.getKey()), rule);
          }
        } else if (isExplicit || !Boolean.TRUE.equals(explicit.get(f.getKey()))) {
          merged.put(f.getKey(), eff.value());
          explicit.put(f.getKey(), isExplicit || Boolean.TRUE.equals(explicit.get(f.getKey())));
        }
      }
      int t = targetsByMember.get(k).get(port);
      if (t != targetPort) {
        return portConflict(gs, port, k, "frontend-nlb-listener-port-mapping", "conflicting Target Port, config "
            + (i + 1) + ": " + t + ", previous: " + targetPort, rule);
      }
    }
    return new Port(gs.groupId(), port, targetPort, merged);
  }

  private static Diagnostic portConflict(GroupSettings gs, int port, String member, String suffix, String why,
      String rule) {
    return Diagnostic.error(gs.groupId(), "Ingress " + member, Ann.alb(suffix),
        "failed to merge NLB listenPort config for port: " + port + ": " + why,
        "the Ingresses of the group that put the frontend NLB's port " + port
            + " on the ALB must agree on its ALB port and on the health-check values they set", rule);
  }

  // ---- assemble -----------------------------------------------------------------------------------

  /**
   * The NLB in front of {@code alb}: named after it, of its IP address type; its own scheme and
   * subnets; the security groups of frontend-nlb-security-groups (ids or Name tags) or else the
   * ALB's; Elastic IPs by subnet (internet-facing only, one per subnet); its attributes and tags.
   */
  public static Object loadBalancer(ControllerSettings cfg, Group g, LoadBalancerIntent alb, String scheme,
      Subnets subnets, GroupSettings gs, Collection<?> securityGroupFacts, String rule) {
    String scope = g.scope();
    String object = gs.members().isEmpty() ? "IngressGroup " + g.id() : "Ingress " + gs.members().get(0);
    List<Object> sgs = alb.securityGroups();
    @SuppressWarnings("unchecked")
    List<String> sgItems = (List<String>) gs.value(scope, "frontend-nlb-security-groups");
    if (sgItems != null) {
      List<String> missing = new ArrayList<>();
      List<String> ids = SecurityGroups.byIdOrName(sgItems, securityGroupFacts, missing);
      if (!missing.isEmpty()) {
        return Diagnostic.error(g.id(), object, Ann.alb("frontend-nlb-security-groups"),
            "security groups not found by Name tag: " + String.join(", ", missing),
            "give sg-… ids, or Name tags of security groups in the VPC (pass them with --aws-facts)", rule);
      }
      sgs = List.copyOf(ids);
    }
    @SuppressWarnings("unchecked")
    List<String> eips = (List<String>) gs.value(scope, "frontend-nlb-eip-allocations");
    List<Map<String, String>> mappings = null;
    if (eips != null) {
      String field = Ann.alb("frontend-nlb-eip-allocations");
      if (!"internet-facing".equals(scheme)) {
        return Diagnostic.error(g.id(), object, field, "EIP allocations can only be set for internet facing load balancers",
            "set frontend-nlb-scheme: internet-facing, or drop frontend-nlb-eip-allocations", rule);
      }
      if (eips.size() != subnets.subnetIds().size()) {
        return Diagnostic.error(g.id(), object, field, "count of EIP allocations (" + eips.size() + ") and subnets ("
                + subnets.subnetIds().size() + ") must match",
            "give one Elastic IP allocation per subnet of the frontend NLB (frontend-nlb-subnets)", rule);
      }
      mappings = new ArrayList<>();
      for (int i = 0; i < eips.size(); i++) {
        Map<String, String> m = new TreeMap<>();
        m.put("SubnetId", subnets.subnetIds().get(i));
        m.put("AllocationId", eips.get(i));
        mappings.add(m);
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, String> attributes = (Map<String, String>) gs.value(scope, "frontend-nlb-attributes");
    return new LoadBalancerIntent(g.id(), NLB, Names.frontendNlb(alb.name()), "network", scheme, alb.ipAddressType(),
        mappings == null ? subnets.subnetIds() : null, mappings == null ? null : List.copyOf(mappings), sgs, null,
        attributes == null || attributes.isEmpty() ? null : attributes, tags(cfg, g, gs, NLB));
  }

  /**
   * The target group of one NLB port (TCP, target type {@code alb}, the ALB registered on its
   * listener port) and the NLB's TCP listener forwarding to it.
   */
  public static List<Intent> listenerAndTargetGroup(ControllerSettings cfg, Group g, GroupSettings gs, Port p) {
    Map<String, Object> hc = p.healthCheck();
    String hcPort = (String) hc.get("Port");
    String hcProtocol = (String) hc.get("Protocol");
    String tgId = NLB + "-tg-TCP-" + p.port();
    TargetGroupIntent tg = new TargetGroupIntent(g.id(), tgId, null, null, null,
        Names.frontendNlbTargetGroup(cfg.clusterName(), g, p.port(), hcPort, hcProtocol), "TCP", null, p.port(), "alb",
        "ipv4", cfg.vpcId(), hcProtocol, hcPort, (String) hc.get("Path"), ((Number) hc.get("IntervalSeconds")).intValue(),
        ((Number) hc.get("TimeoutSeconds")).intValue(), ((Number) hc.get("HealthyThresholdCount")).intValue(),
        ((Number) hc.get("UnhealthyThresholdCount")).intValue(), Map.of("HttpCode", (String) hc.get("Matcher")), null, null,
        tags(cfg, g, gs, tgId), List.of(new TargetGroupIntent.Target(Ref.to(LoadBalancerIntent.RESOURCE_ID), p.targetPort())));
    String lsId = NLB + "-ls-TCP-" + p.port();
    Action forward = Action.forward(List.of(new Action.TargetGroupTuple(Ref.to(tgId), null)), null).withOrder(1);
    // listener tags as the ALB's listeners: only with the ListenerRulesTagging gate (the reference's)
    Map<String, String> lsTags = cfg.gate("ListenerRulesTagging") ? tags(cfg, g, gs, lsId) : null;
    ListenerIntent ls = new ListenerIntent(g.id(), lsId, Ref.to(NLB), p.port(), "TCP", null, null, null,
        List.of(forward), null, null, lsTags);
    return List.of(tg, ls);
  }

  /**
   * The NLB's tags: frontend-nlb-tags when set (alone: not merged with the ALB's, as the
   * reference), else the ALB's user tags; the tracking tags on top.
   */
  static Map<String, String> tags(ControllerSettings cfg, Group g, GroupSettings gs, String resourceId) {
    @SuppressWarnings("unchecked")
    Map<String, String> own = (Map<String, String>) gs.value(g.scope(), "frontend-nlb-tags");
    Map<String, String> t = new TreeMap<>(own != null ? own : gs.byPrefix(g.scope(), Tags.SETTING_PREFIX));
    t.putAll(Tags.tracking(cfg.clusterName(), g.id(), resourceId));
    return t;
  }

  /** True when the value says the frontend NLB is on. */
  public static boolean on(Object enabled) {
    return Objects.equals(enabled, Boolean.TRUE);
  }
}
