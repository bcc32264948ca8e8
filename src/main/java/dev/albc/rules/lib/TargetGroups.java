package dev.albc.rules.lib;

import dev.albc.facts.ServiceFact;
import dev.albc.rules.api.Effective;
import dev.albc.rules.api.Member;
import dev.albc.rules.api.Scopes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Target groups (docs/rules.md): one per (Ingress, Service, port as written) that a member routes
 * to, and how their ports and health-check ports resolve against the Service. Their settings are
 * read by {@link TargetGroupSettings}; their intents built by {@link TargetGroupIntents}.
 */
public final class TargetGroups {
  public static final String TRAFFIC_PORT = "traffic-port";
  public static final String INSTANCE = "instance";
  public static final String IP = "ip";

  /**
   * The port an offline plan uses for an instance target group whose NodePort/LoadBalancer Service
   * manifest carries no {@code nodePort} (the cluster assigns it). Deterministic and recognisable.
   */
  public static final int PLACEHOLDER_NODE_PORT = 30000;

  private TargetGroups() {}

  /** A Service port a member routes to, as written in the Ingress (name or number). */
  public record ServicePortRef(String serviceName, String port) {}

  /**
   * A target group of the plan: the (Ingress, Service, port as written) it is built for, with the
   * Service port it resolves to.
   */
  public record Backend(
      String groupId,
      Member member,
      ServiceFact service,
      ServiceFact.PortFact servicePort,
      String port,
      String resourceId) {

    /** {@code tg:<group>:<resource id>}, the scope of its settings. */
    public String scope() {
      return Scopes.targetGroup(groupId, resourceId);
    }

    public String ingressKey() {
      return member.key();
    }

    public String serviceObject() {
      return "Service " + service.key();
    }

    /** {@code spec.ports[<index>]}: the Service port's place in the Service (Kubernetes' field path). */
    public String servicePortField() {
      return "spec.ports[" + service.ports().indexOf(servicePort) + "]";
    }
  }

  /** Marks a target group that a routed backend forwards to (only those are created). */
  public record Used(String groupId, String resourceId) {}

  /** Marks a target group that a validation error stops. */
  public record Blocked(String scope) {}

  /** The Service ports a backend use needs target groups for. */
  public static List<ServicePortRef> refs(Backends.Use u) {
    if (!u.hasService()) {
      return List.of();
    }
    if (!u.usesAnnotation()) {
      return List.of(new ServicePortRef(u.serviceName(), u.port()));
    }
    String raw = u.member().ingress().annotation(u.actionKey());
    if (raw == null) {
      return List.of();
    }
    ActionsJson.Parsed<ActionsJson.ActionSpec> p = ActionsJson.action(raw);
    if (!p.ok() || p.value().forward() == null) {
      return List.of();
    }
    List<ServicePortRef> out = new ArrayList<>();
    for (ActionsJson.Tuple t : p.value().forward().targetGroups()) {
      if (t.serviceName() != null && t.servicePort() != null) {
        out.add(new ServicePortRef(t.serviceName(), t.servicePort()));
      }
    }
    return out;
  }

  /** The target groups a backend use needs on the given Service (those whose port exists). */
  public static List<Backend> candidates(Backends.Use u, ServiceFact s) {
    List<Backend> out = new ArrayList<>();
    for (ServicePortRef r : refs(u)) {
      if (!r.serviceName().equals(s.name()) || !s.namespace().equals(u.namespace())) {
        continue;
      }
      s.port(r.port())
          .ifPresent(
              p -> {
                Backend b =
                    new Backend(
                        u.groupId(), u.member(), s, p, r.port(), Backends.targetGroupId(u, s.name(), r.port()));
                if (out.stream().noneMatch(x -> x.resourceId().equals(b.resourceId()))) {
                  out.add(b);
                }
              });
    }
    return out;
  }

  // ---- resolution -----------------------------------------------------------------------------

  /** Effective values by name. */
  public static Map<String, Object> byName(Collection<?> effective) {
    Map<String, Object> m = new TreeMap<>();
    for (Object o : effective) {
      if (o instanceof Effective e) {
        m.put(e.name(), e.value());
      }
    }
    return m;
  }

  /** The object a diagnostic about an effective setting names: where the setting came from. */
  public static String objectOf(Effective e, Backend b) {
    String origin = e.origin();
    if (origin != null && (origin.contains(" annotation ") || origin.contains(" field "))) {
      return Origins.object(origin);
    }
    return b.member().object();
  }

  public static String fieldOf(Effective e) {
    return Origins.field(e.origin(), e.name());
  }

  /** True when the target group's port is not in the manifest (instance targets, no nodePort). */
  public static boolean needsNodePort(Backend b) {
    return b.servicePort().nodePort() == null;
  }

  /** Service types whose ports have NodePorts. */
  public static boolean hasNodePorts(ServiceFact s) {
    return "NodePort".equals(s.type()) || "LoadBalancer".equals(s.type());
  }

  /** The target group port: NodePort (instance), numeric targetPort (ip; absent = the port), or 1. */
  public static int port(Backend b, String targetType) {
    ServiceFact.PortFact p = b.servicePort();
    if (INSTANCE.equals(targetType)) {
      return p.nodePort() == null ? PLACEHOLDER_NODE_PORT : p.nodePort();
    }
    Integer tp = numericTargetPort(p);
    if (tp != null) {
      return tp;
    }
    // A named targetPort: the reference uses 1, the port is not in the data path.
    return 1;
  }

  /** The targetPort as a number (absent = the Service port), or null when it is a name. */
  public static Integer numericTargetPort(ServiceFact.PortFact p) {
    if (p.targetPort() == null || p.targetPort().isEmpty()) {
      return p.port();
    }
    String n = ActionsJson.normalisePort(p.targetPort());
    if (!n.matches("[+-]?[0-9]{1,10}")) {
      return null; // a name (ASCII digits only are a number: docs/annotations.md, "Limits")
    }
    try {
      return Integer.parseInt(n);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The health-check port: {@code traffic-port}, a number, or a named Service port resolved to its
   * NodePort (instance) or numeric targetPort (ip). Null when it cannot be resolved (see {@link
   * #healthCheckPortError}).
   */
  public static String healthCheckPort(Backend b, String raw, String targetType) {
    if (raw == null || raw.equals(TRAFFIC_PORT)) {
      return TRAFFIC_PORT;
    }
    String n = ActionsJson.normalisePort(raw);
    if (n.matches("[+-]?\\d+")) {
      return n;
    }
    var sp = b.service().port(raw);
    if (sp.isEmpty()) {
      return null;
    }
    if (INSTANCE.equals(targetType)) {
      return String.valueOf(sp.get().nodePort() == null ? PLACEHOLDER_NODE_PORT : sp.get().nodePort());
    }
    Integer tp = numericTargetPort(sp.get());
    return tp == null ? null : String.valueOf(tp);
  }

  /** Why a named health-check port cannot be resolved, or null. */
  public static String healthCheckPortError(Backend b, String raw, String targetType) {
    if (healthCheckPort(b, raw, targetType) != null) {
      return null;
    }
    if (b.service().port(raw).isEmpty()) {
      return "failed to resolve healthCheckPort: " + Backends.portNotFound(raw, b.service());
    }
    return "cannot use named healthCheckPort for IP TargetType when service's targetPort is a named port";
  }

  /** {@code ipv6} when the Service's ipFamilies include IPv6, else {@code ipv4}. */
  public static String ipAddressType(ServiceFact s) {
    return s.ipFamilies().contains("IPv6") ? "ipv6" : "ipv4";
  }

  /** True for the load balancer IP address types that carry IPv6. */
  public static boolean dualstack(Object lbIpAddressType) {
    return "dualstack".equals(lbIpAddressType) || "dualstack-without-public-ipv4".equals(lbIpAddressType);
  }
}
