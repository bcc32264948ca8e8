package dev.albc.rules.lib;

import dev.albc.facts.ControllerSettings;
import dev.albc.facts.IngressClassParamsFact;
import dev.albc.facts.ServiceFact;
import dev.albc.intents.Ref;
import dev.albc.intents.SecurityGroupIntent;
import dev.albc.intents.TargetGroupBindingIntent;
import dev.albc.intents.TargetGroupIntent;
import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Effective;
import dev.albc.rules.api.Member;
import dev.albc.rules.api.Names;
import dev.albc.rules.api.Precedence;
import dev.albc.rules.api.Scopes;
import dev.albc.rules.api.Setting;
import dev.albc.rules.api.Source;
import dev.albc.rules.api.Tags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Target groups (pkg/ingress/model_build_target_group.go): one per (Ingress, Service, port as
 * written), their settings from the Ingress and Service annotations (the Service wins key by key),
 * IngressClassParams and flags, and the TargetGroup and TargetGroupBinding intents.
 */
public final class TargetGroups {
  public static final String TRAFFIC_PORT = "traffic-port";
  public static final String INSTANCE = "instance";
  public static final String IP = "ip";
  public static final String GRPC = "GRPC";
  public static final String DEFAULT_HEALTH_CHECK_PATH = "/";
  public static final String DEFAULT_HEALTH_CHECK_PATH_GRPC = "/AWS.ALB/healthcheck";

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

  // ---- annotation settings --------------------------------------------------------------------

  /** How a backend annotation's value is parsed. */
  enum Kind {
    STRING,
    INT,
    MAP,
    ONE_OF
  }

  private record Spec(Kind kind, String... allowed) {}

  /** The backend annotations (suffixes) read for target groups, with their parsers. */
  private static final Map<String, Spec> ANNOTATIONS = annotationTable();

  private static Map<String, Spec> annotationTable() {
    Map<String, Spec> m = new LinkedHashMap<>();
    m.put("target-type", new Spec(Kind.ONE_OF, INSTANCE, IP));
    m.put("backend-protocol", new Spec(Kind.ONE_OF, "HTTP", "HTTPS"));
    m.put("backend-protocol-version", new Spec(Kind.ONE_OF, "HTTP1", "HTTP2", GRPC));
    m.put("healthcheck-port", new Spec(Kind.STRING));
    m.put("healthcheck-protocol", new Spec(Kind.ONE_OF, "HTTP", "HTTPS"));
    m.put("healthcheck-path", new Spec(Kind.STRING));
    m.put("healthcheck-interval-seconds", new Spec(Kind.INT));
    m.put("healthcheck-timeout-seconds", new Spec(Kind.INT));
    m.put("healthy-threshold-count", new Spec(Kind.INT));
    m.put("unhealthy-threshold-count", new Spec(Kind.INT));
    m.put("success-codes", new Spec(Kind.STRING));
    m.put("target-group-attributes", new Spec(Kind.MAP));
    m.put("tags", new Spec(Kind.MAP));
    return Map.copyOf(m);
  }

  static Values.Result parse(String suffix, String raw) {
    Spec s = ANNOTATIONS.get(suffix);
    if (s == null) {
      throw new IllegalArgumentException("not a target group annotation: " + suffix);
    }
    return switch (s.kind()) {
      case STRING -> new Values.Result(raw, null, null);
      case INT -> Values.int32(raw);
      case MAP -> Values.stringMap(raw);
      case ONE_OF -> Values.oneOf(raw, s.allowed());
    };
  }

  /**
   * The settings of one backend annotation for a target group: the Ingress's value (precedence
   * ANNOTATION) and the Service's (SERVICE_ANNOTATION, so it wins); malformed values give none
   * (their errors are reported once per object, see {@link #annotationErrors}). {@code tags}
   * becomes {@code tag:<key>} settings (the Service's only: the Ingress's tags reach its target
   * groups through its own {@code tag:*} settings).
   */
  public static List<Setting> annotationSettings(Backend b, String suffix) {
    List<Setting> out = new ArrayList<>();
    String key = Backends.ALB + suffix;
    String ingRaw = b.member().ingress().annotation(key);
    if (ingRaw != null && !suffix.equals("tags")) {
      add(out, b, suffix, parse(suffix, ingRaw), Source.ANNOTATION, Precedence.ANNOTATION,
          Origins.annotation(b.member().object(), key));
    }
    String svcRaw = b.service().annotations().get(key);
    if (svcRaw != null) {
      add(out, b, suffix, parse(suffix, svcRaw), Source.SERVICE_ANNOTATION, Precedence.SERVICE_ANNOTATION,
          Origins.annotation(b.serviceObject(), key));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void add(
      List<Setting> out, Backend b, String suffix, Values.Result r, Source src, int prec, String origin) {
    if (!r.ok()) {
      return;
    }
    if (suffix.equals("tags")) {
      for (var e : ((Map<String, String>) r.value()).entrySet()) {
        out.add(Setting.of(b.scope(), Tags.setting(e.getKey()), e.getValue(), src, prec, origin));
      }
    } else {
      out.add(Setting.of(b.scope(), suffix, r.value(), src, prec, origin));
    }
  }

  /**
   * Errors for malformed backend annotations on one object (an Ingress or a Service): one per
   * annotation, whatever the number of target groups that read it.
   */
  public static List<Diagnostic> annotationErrors(
      String groupId, String object, Map<String, String> annotations, boolean includeTags, String rule) {
    List<Diagnostic> out = new ArrayList<>();
    for (String suffix : new java.util.TreeSet<>(ANNOTATIONS.keySet())) {
      if (suffix.equals("tags") && !includeTags) {
        continue;
      }
      String raw = annotations.get(Backends.ALB + suffix);
      if (raw == null) {
        continue;
      }
      Values.Result r = parse(suffix, raw);
      if (!r.ok()) {
        out.add(Diagnostic.error(groupId, object, Backends.ALB + suffix, r.error(), "expected " + r.expected(), rule));
      }
    }
    return out;
  }

  /** Malformed backend annotations of a member Ingress ({@code tags} is the Ingress tags' owner's). */
  public static List<Diagnostic> ingressAnnotationErrors(Member m, String rule) {
    return annotationErrors(m.groupId(), m.object(), m.ingress().annotations(), false, rule);
  }

  /** Malformed backend annotations of a Service. */
  public static List<Diagnostic> serviceAnnotationErrors(String groupId, ServiceFact s, String rule) {
    return annotationErrors(groupId, "Service " + s.key(), s.annotations(), true, rule);
  }

  /**
   * The Ingress's own {@code tag:*} settings, re-scoped to one of its target groups (same value,
   * source, precedence and origin), so the Service's tags (SERVICE_ANNOTATION) beat them key by key
   * while IngressClassParams and {@code --default-tags} still beat both.
   */
  public static Setting rescope(Setting s, Backend b) {
    return Setting.of(b.scope(), s.name(), s.value(), s.source(), s.precedence(), s.origin());
  }

  /** A built-in default for a target group setting. */
  public static Setting byDefault(Backend b, String name, Object value) {
    return Setting.of(b.scope(), name, value, Source.DEFAULT, Precedence.DEFAULT, Origins.DEFAULT);
  }

  /** {@code --default-target-type}. */
  public static Setting defaultTargetType(Backend b, ControllerSettings cs) {
    return Setting.of(
        b.scope(), "target-type", cs.defaultTargetType(), Source.FLAG, Precedence.FLAG,
        Origins.flag("--default-target-type"));
  }

  /** IngressClassParams {@code spec.targetType}: beats both annotations (null when not instance or ip). */
  public static Setting paramsTargetType(Backend b, IngressClassParamsFact p) {
    Values.Result r = Values.oneOf(p.targetType(), INSTANCE, IP);
    if (!r.ok()) {
      return null;
    }
    return Setting.of(
        b.scope(), "target-type", r.value(), Source.INGRESS_CLASS_PARAMS, Precedence.INGRESS_CLASS_PARAMS,
        Origins.ofField("IngressClassParams " + p.name(), "spec.targetType"));
  }

  /** The error for an IngressClassParams {@code spec.targetType} that is not instance or ip, or null. */
  public static Diagnostic paramsTargetTypeError(String groupId, IngressClassParamsFact p, String rule) {
    Values.Result r = Values.oneOf(p.targetType(), INSTANCE, IP);
    if (r.ok()) {
      return null;
    }
    return Diagnostic.error(
        groupId, "IngressClassParams " + p.name(), "spec.targetType", r.error(), "expected " + r.expected(), rule);
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
    try {
      return Integer.parseInt(n);
    } catch (NumberFormatException e) {
      return s;
    }
  }

  /**
   * The TargetGroup and TargetGroupBinding intents of a target group, from its effective settings.
   * Health-check protocol, path and success codes default from the protocol and protocol version.
   */
  @SuppressWarnings("unchecked")
  public static List<Object> build(
      Backend b, Collection<?> tgEffective, Collection<?> groupEffective, ControllerSettings cs) {
    Map<String, Object> e = byName(tgEffective);
    Map<String, Object> g = byName(groupEffective);
    String targetType = (String) e.get("target-type");
    String protocol = (String) e.getOrDefault("backend-protocol", "HTTP");
    String version = (String) e.getOrDefault("backend-protocol-version", "HTTP1");
    if (targetType == null) {
      return List.of();
    }
    boolean grpc = GRPC.equals(version);
    int port = port(b, targetType);
    String hcPort = healthCheckPort(b, (String) e.get("healthcheck-port"), targetType);
    if (hcPort == null) {
      return List.of();
    }
    String hcProtocol = (String) e.getOrDefault("healthcheck-protocol", protocol);
    String hcPath =
        (String) e.getOrDefault("healthcheck-path", grpc ? DEFAULT_HEALTH_CHECK_PATH_GRPC : DEFAULT_HEALTH_CHECK_PATH);
    String codes = (String) e.getOrDefault("success-codes", grpc ? "12" : "200");
    Map<String, String> matcher = Map.of(grpc ? "GrpcCode" : "HttpCode", codes);
    Map<String, String> attributes =
        e.get("target-group-attributes") == null
            ? Map.of()
            : new TreeMap<>((Map<String, String>) e.get("target-group-attributes"));
    String ipType = ipAddressType(b.service());
    String name =
        Names.targetGroup(
            cs.clusterName(), b.groupId(), b.member().namespace(), b.member().name(), b.service().namespace(),
            b.service().name(), b.service().uid(), b.port(), port, targetType, protocol, version);
    Map<String, String> tags =
        Tags.of(
            tgEffective.stream().filter(Effective.class::isInstance).map(Effective.class::cast).toList(),
            b.scope(), cs.clusterName(), b.groupId(), b.resourceId());
    TargetGroupIntent tg =
        new TargetGroupIntent(
            b.groupId(), b.resourceId(), b.service().namespace(), b.service().name(), b.port(), name, protocol,
            version, port, targetType, ipType, cs.vpcId(), hcProtocol, hcPort, hcPath,
            intOf(e, "healthcheck-interval-seconds", 15), intOf(e, "healthcheck-timeout-seconds", 5),
            intOf(e, "healthy-threshold-count", 2), intOf(e, "unhealthy-threshold-count", 2), matcher,
            attributes, tags);

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
          INSTANCE.equals(targetType)
              ? (Object) port
              : (numericTargetPort(b.servicePort()) != null
                  ? (Object) numericTargetPort(b.servicePort())
                  : b.servicePort().targetPort());
      spec.put("networking", networking(sg, trafficPort, hcPort));
    }
    spec.put("ipAddressType", ipType);
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
    List<Object> ports = new ArrayList<>();
    ports.add(trafficPort);
    if (healthCheckPort != null && !healthCheckPort.equals(TRAFFIC_PORT)) {
      ports.add(intOrString(healthCheckPort));
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

  private static int intOf(Map<String, Object> e, String name, int dflt) {
    Object v = e.get(name);
    return v instanceof Number n ? n.intValue() : dflt;
  }
}
