package dev.albc.rules.lib;

import dev.albc.facts.ControllerSettings;
import dev.albc.intents.Ref;
import dev.albc.intents.SecurityGroupIntent;
import dev.albc.intents.TargetGroupBindingIntent;
import dev.albc.intents.TargetGroupIntent;
import dev.albc.rules.api.Effective;
import dev.albc.rules.api.Names;
import dev.albc.rules.api.Tags;
import dev.albc.rules.lib.TargetGroups.Backend;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The TargetGroup and TargetGroupBinding intents of a used target group, from its effective
 * settings (target-groups.drl sets every one of them, with its default, before this runs).
 */
public final class TargetGroupIntents {
  private TargetGroupIntents() {}

  /**
   * The health check of a target group whose {@code healthcheck-path} or {@code success-codes} is
   * not set: it follows {@code backend-protocol-version} (target-groups.drl gives one for GRPC and
   * one for the others).
   */
  public record HealthCheckDefaults(String path, String successCodes) {}

  /**
   * The security group the TargetGroupBinding lets traffic from (the reference's backend SG token):
   * with the group's own managed security group (no {@code security-groups}), the shared backend
   * security group — the literal id of {@code --backend-security-group}, else the plan's {@code
   * BackendSecurityGroup} — or, with {@code --enable-backend-security-group=false}, the managed
   * {@code ManagedLBSecurityGroup} itself; with {@code security-groups}, the backend security group
   * only when {@code manage-backend-security-group-rules} is true (and the feature is on), else none.
   */
  public static Object backendSecurityGroup(ControllerSettings cs, Map<String, Object> groupEffective) {
    Object sgs = groupEffective.get("security-groups");
    boolean userGroups = sgs != null && !(sgs instanceof java.util.Collection<?> c && c.isEmpty());
    if (userGroups) {
      if (!Boolean.TRUE.equals(groupEffective.get("manage-backend-security-group-rules"))
          || !cs.enableBackendSecurityGroup()) {
        return null;
      }
    } else if (!cs.enableBackendSecurityGroup()) {
      return Ref.to(SecurityGroupIntent.MANAGED);
    }
    if (!cs.backendSecurityGroup().isEmpty()) {
      return cs.backendSecurityGroup();
    }
    return Ref.to(SecurityGroupIntent.BACKEND);
  }

  /** The TargetGroupBinding labels of a group's stack (the reference's tracking provider). */
  public static Map<String, String> stackLabels(String groupId) {
    Map<String, String> m = new TreeMap<>();
    // Implicit groups are named <namespace>/<name>; explicit group names cannot contain '/'.
    int slash = groupId.indexOf('/');
    if (slash >= 0) {
      m.put("ingress.k8s.aws/stack-namespace", groupId.substring(0, slash));
      m.put("ingress.k8s.aws/stack-name", groupId.substring(slash + 1));
    } else {
      m.put(Tags.STACK, groupId);
    }
    return m;
  }

  private static Object intOrString(String s) {
    String n = ActionsJson.normalisePort(s);
    if (n == null || !n.matches("[+-]?[0-9]{1,10}")) {
      return s;
    }
    try {
      return Integer.parseInt(n);
    } catch (NumberFormatException e) {
      return s;
    }
  }

  /**
   * The TargetGroup and TargetGroupBinding intents of a target group, from its effective settings;
   * none when a setting has no effective value (settings that conflict have none, and their error
   * blocks the group). {@code healthcheck-protocol} defaults to {@code backend-protocol}; path and
   * success codes to {@code grpc} for protocol version GRPC (a gRPC matcher), else to {@code http}.
   * The binding gets {@code nodeSelector.matchLabels} from {@code target-node-labels} (instance mode
   * only, as the reference) and {@code multiClusterTargetGroup: true} when {@code
   * multi-cluster-target-group} is true.
   */
  @SuppressWarnings("unchecked")
  public static List<Object> build(
      Backend b, Collection<?> tgEffective, Collection<?> groupEffective, ControllerSettings cs,
      HealthCheckDefaults grpc, HealthCheckDefaults http) {
    Map<String, Object> e = TargetGroups.byName(tgEffective);
    Map<String, Object> g = TargetGroups.byName(groupEffective);
    String targetType = (String) e.get("target-type");
    String protocol = (String) e.get("backend-protocol");
    String version = (String) e.get("backend-protocol-version");
    Number interval = (Number) e.get("healthcheck-interval-seconds");
    Number timeout = (Number) e.get("healthcheck-timeout-seconds");
    Number healthy = (Number) e.get("healthy-threshold-count");
    Number unhealthy = (Number) e.get("unhealthy-threshold-count");
    if (targetType == null || protocol == null || version == null || interval == null || timeout == null
        || healthy == null || unhealthy == null || !e.containsKey("healthcheck-port")) {
      return List.of();
    }
    boolean isGrpc = "GRPC".equals(version);
    HealthCheckDefaults hc = isGrpc ? grpc : http;
    int port = TargetGroups.port(b, targetType);
    String hcPort = TargetGroups.healthCheckPort(b, (String) e.get("healthcheck-port"), targetType);
    if (hcPort == null) {
      return List.of();
    }
    String hcProtocol = (String) e.getOrDefault("healthcheck-protocol", protocol);
    String hcPath = (String) e.getOrDefault("healthcheck-path", hc.path());
    String codes = (String) e.getOrDefault("success-codes", hc.successCodes());
    Map<String, String> matcher = Map.of(isGrpc ? "GrpcCode" : "HttpCode", codes);
    Map<String, String> attributes =
        e.get("target-group-attributes") == null
            ? Map.of()
            : new TreeMap<>((Map<String, String>) e.get("target-group-attributes"));
    String ipType = TargetGroups.ipAddressType(b.service());
    Integer controlPort = (Integer) e.get("target-control-port");
    String name =
        Names.targetGroup(
            cs.clusterName(), b.groupId(), b.member().namespace(), b.member().name(), b.service().namespace(),
            b.service().name(), b.service().uid(), b.port(), port, targetType, protocol, version, controlPort);
    Map<String, String> tags =
        Tags.of(
            tgEffective.stream().filter(Effective.class::isInstance).map(Effective.class::cast).toList(),
            b.scope(), cs.clusterName(), b.groupId(), b.resourceId());
    TargetGroupIntent tg =
        new TargetGroupIntent(
            b.groupId(), b.resourceId(), b.service().namespace(), b.service().name(), b.port(), name, protocol,
            version, port, targetType, ipType, cs.vpcId(), hcProtocol, hcPort, hcPath,
            interval.intValue(), timeout.intValue(), healthy.intValue(), unhealthy.intValue(), matcher,
            controlPort, attributes, tags, null);

    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("targetGroupARN", Ref.to(b.resourceId()));
    spec.put("targetType", targetType);
    if (!cs.vpcId().isEmpty()) {
      spec.put("vpcID", cs.vpcId());
    }
    spec.put("serviceRef", serviceRef(b));
    Object sg = backendSecurityGroup(cs, g);
    if (sg != null) {
      Object trafficPort =
          TargetGroups.INSTANCE.equals(targetType)
              ? (Object) port
              : (TargetGroups.numericTargetPort(b.servicePort()) != null
                  ? (Object) TargetGroups.numericTargetPort(b.servicePort())
                  : b.servicePort().targetPort());
      spec.put("networking", cs.disableRestrictedSgRules() ? allTcp(sg) : networking(sg, trafficPort, hcPort, controlPort));
    }
    Object nodeLabels = e.get("target-node-labels");
    if (TargetGroups.INSTANCE.equals(targetType) && nodeLabels instanceof Map<?, ?> m && !m.isEmpty()) {
      spec.put("nodeSelector", Map.of("matchLabels", new TreeMap<>((Map<String, String>) m)));
    }
    spec.put("ipAddressType", ipType);
    if (Boolean.TRUE.equals(e.get("multi-cluster-target-group"))) {
      spec.put("multiClusterTargetGroup", true);
    }
    // the reference writes the target group's protocol into the binding (docs/differences.md)
    spec.put("targetGroupProtocol", protocol);
    TargetGroupBindingIntent tgb =
        new TargetGroupBindingIntent(
            b.groupId(), b.resourceId(), name, b.service().namespace(), stackLabels(b.groupId()), spec);
    return List.of(tg, tgb);
  }

  private static Map<String, Object> serviceRef(Backend b) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("name", b.service().name());
    ref.put("port", intOrString(b.port()));
    return ref;
  }

  /**
   * TargetGroupBinding networking: one ingress rule from the backend security group per port (the
   * traffic port, then the health-check port when it is not the traffic port), protocol TCP.
   */
  public static Map<String, Object> networking(Object securityGroup, Object trafficPort, String healthCheckPort) {
    return networking(securityGroup, trafficPort, healthCheckPort, null);
  }

  /** The same, then the target control port (ALB target optimizer) when there is one. */
  public static Map<String, Object> networking(
      Object securityGroup, Object trafficPort, String healthCheckPort, Integer targetControlPort) {
    List<Object> ports = new ArrayList<>();
    ports.add(trafficPort);
    if (healthCheckPort != null && !healthCheckPort.equals(TargetGroups.TRAFFIC_PORT)) {
      ports.add(intOrString(healthCheckPort));
    }
    if (targetControlPort != null) {
      ports.add(targetControlPort);
    }
    List<Object> rules = new ArrayList<>();
    for (Object p : ports) {
      Map<String, Object> port = new LinkedHashMap<>();
      port.put("protocol", "TCP");
      port.put("port", p);
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("from", List.of(Map.of("securityGroup", Map.of("groupID", securityGroup))));
      rule.put("ports", List.of(port));
      rules.add(rule);
    }
    return Map.of("ingress", List.copyOf(rules));
  }

  /**
   * TargetGroupBinding networking with {@code --disable-restricted-sg-rules}: one rule from the
   * backend security group to every TCP port (a port entry with protocol TCP and no port).
   */
  public static Map<String, Object> allTcp(Object securityGroup) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("from", List.of(Map.of("securityGroup", Map.of("groupID", securityGroup))));
    rule.put("ports", List.of(Map.of("protocol", "TCP")));
    return Map.of("ingress", List.of(rule));
  }
}
