package dev.albc.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.facts.IngressClassParamsFact;
import dev.albc.facts.IngressFact;
import dev.albc.facts.ServiceFact;
import dev.albc.intents.Ref;
import dev.albc.intents.TargetGroupBindingIntent;
import dev.albc.intents.TargetGroupIntent;
import dev.albc.rules.ListenerRulesRulesTest.F;
import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Member;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * target-groups.drl: target groups and TargetGroupBindings. Literal names, ports and health checks
 * come from the reference controller's tests (model_builder_test.go "Ingress - vanilla internal",
 * model_build_target_group_test.go).
 */
class TargetGroupsRulesTest {

  static TargetGroupIntent tg(Translation t, String id) {
    return F.intents(t, TargetGroupIntent.class).stream().filter(x -> x.resourceId().equals(id)).findFirst().orElseThrow();
  }

  static TargetGroupBindingIntent tgb(Translation t, String id) {
    return F.intents(t, TargetGroupBindingIntent.class).stream().filter(x -> x.resourceId().equals(id)).findFirst()
        .orElseThrow();
  }

  static IngressFact single(Map<String, String> annotations, String svc, String port) {
    return F.ingress("ns-1", "ing-1", annotations, null, F.rule("", F.path("/", "Prefix", F.backend(svc, port))));
  }

  static Map<String, Object> sgRule(Object port) {
    return Map.of("from", List.of(Map.of("securityGroup", Map.of("groupID", Ref.to("BackendSecurityGroup")))),
        "ports", List.of(Map.of("protocol", "TCP", "port", port)));
  }

  @Test
  void vanillaIngressTargetGroupsMatchTheReference() {
    Translation t = F.run(F.settings(), F.member(F.vanilla()), F.svc1(), F.svc2(), F.svc3());
    assertThat(F.errors(t)).isEmpty();
    assertThat(F.intents(t, TargetGroupIntent.class)).hasSize(3);

    TargetGroupIntent tg1 = tg(t, "ns-1/ing-1-svc-1:http");
    assertThat(tg1.name()).isEqualTo("k8s-ns1-svc1-9889425938");
    assertThat(tg1.targetType()).isEqualTo("instance");
    assertThat(tg1.ipAddressType()).isEqualTo("ipv4");
    assertThat(tg1.port()).isEqualTo(32768);
    assertThat(tg1.protocol()).isEqualTo("HTTP");
    assertThat(tg1.protocolVersion()).isEqualTo("HTTP1");
    assertThat(tg1.vpcId()).isEqualTo("vpc-dummy");
    assertThat(tg1.healthCheckPort()).isEqualTo("traffic-port");
    assertThat(tg1.healthCheckProtocol()).isEqualTo("HTTP");
    assertThat(tg1.healthCheckPath()).isEqualTo("/");
    assertThat(tg1.matcher()).isEqualTo(Map.of("HttpCode", "200"));
    assertThat(List.of(tg1.healthCheckIntervalSeconds(), tg1.healthCheckTimeoutSeconds(), tg1.healthyThresholdCount(),
        tg1.unhealthyThresholdCount())).containsExactly(15, 5, 2, 2);
    assertThat(tg1.tags()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "elbv2.k8s.aws/cluster", "cluster-dummy",
        "ingress.k8s.aws/stack", "ns-1/ing-1",
        "ingress.k8s.aws/resource", "ns-1/ing-1-svc-1:http"));

    // svc-2 sets every annotation to its default value: the same target group as svc-1's
    // (the name hash does not include the Service name).
    TargetGroupIntent tg2 = tg(t, "ns-1/ing-1-svc-2:http");
    assertThat(tg2.name()).isEqualTo("k8s-ns1-svc2-9889425938");
    assertThat(tg2.port()).isEqualTo(32768);

    TargetGroupIntent tg3 = tg(t, "ns-1/ing-1-svc-3:https");
    assertThat(tg3.name()).isEqualTo("k8s-ns1-svc3-bf42870fba");
    assertThat(tg3.targetType()).isEqualTo("ip");
    assertThat(tg3.port()).isEqualTo(8443);
    assertThat(tg3.protocol()).isEqualTo("HTTPS");
    assertThat(tg3.healthCheckPort()).isEqualTo("9090");
    assertThat(tg3.healthCheckProtocol()).isEqualTo("HTTPS");
    assertThat(tg3.healthCheckPath()).isEqualTo("/health-check");
    assertThat(tg3.matcher()).isEqualTo(Map.of("HttpCode", "200-300"));
    assertThat(List.of(tg3.healthCheckIntervalSeconds(), tg3.healthCheckTimeoutSeconds(), tg3.healthyThresholdCount(),
        tg3.unhealthyThresholdCount())).containsExactly(20, 10, 7, 5);

    TargetGroupBindingIntent b1 = tgb(t, "ns-1/ing-1-svc-1:http");
    assertThat(b1.name()).isEqualTo("k8s-ns1-svc1-9889425938");
    assertThat(b1.namespace()).isEqualTo("ns-1");
    assertThat(b1.labels()).isEqualTo(Map.of("ingress.k8s.aws/stack-namespace", "ns-1", "ingress.k8s.aws/stack-name", "ing-1"));
    assertThat(b1.spec()).containsEntry("targetGroupARN", Ref.to("ns-1/ing-1-svc-1:http"))
        .containsEntry("targetType", "instance")
        .containsEntry("vpcID", "vpc-dummy")
        .containsEntry("ipAddressType", "ipv4")
        .containsEntry("serviceRef", Map.of("name", "svc-1", "port", "http"))
        .containsEntry("networking", Map.of("ingress", List.of(sgRule(32768))));

    // ip targets: the numeric targetPort, then the health-check port, each its own rule.
    TargetGroupBindingIntent b3 = tgb(t, "ns-1/ing-1-svc-3:https");
    assertThat(b3.spec()).containsEntry("targetType", "ip")
        .containsEntry("serviceRef", Map.of("name", "svc-3", "port", "https"))
        .containsEntry("networking", Map.of("ingress", List.of(sgRule(8443), sgRule(9090))));
  }

  @Test
  void withoutTheBackendSecurityGroupTheManagedSecurityGroupIsTheSource() {
    // model_builder_test.go "Ingress - backend SG feature disabled"
    Translation t = F.run(F.settings(null, null, false, true, true), F.member(F.vanilla()), F.svc1(), F.svc2(), F.svc3());
    Map<String, Object> rule = Map.of("from", List.of(Map.of("securityGroup", Map.of("groupID", Ref.to("ManagedLBSecurityGroup")))),
        "ports", List.of(Map.of("protocol", "TCP", "port", 32768)));
    assertThat(tgb(t, "ns-1/ing-1-svc-1:http").spec()).containsEntry("networking", Map.of("ingress", List.of(rule)));
  }

  @Test
  void userSecurityGroupsWithoutManagedBackendRulesGiveNoNetworking() {
    IngressFact i = single(Map.of(F.A + "security-groups", "sg-0123456789abcdef0"), "svc-1", "http");
    Translation t = F.run(F.settings(), F.member(i), F.svc1());
    assertThat(tgb(t, "ns-1/ing-1-svc-1:http").spec()).doesNotContainKey("networking");
  }

  @Test
  void explicitGroupBindingsCarryTheStackLabel() {
    IngressFact i = single(Map.of(F.A + "group.name", "awesome-group"), "svc-1", "http");
    Translation t = F.run(F.settings(), F.member("awesome-group", i), F.svc1());
    TargetGroupBindingIntent b = tgb(t, "ns-1/ing-1-svc-1:http");
    assertThat(b.labels()).isEqualTo(Map.of("ingress.k8s.aws/stack", "awesome-group"));
    assertThat(tg(t, "ns-1/ing-1-svc-1:http").tags()).containsEntry("ingress.k8s.aws/stack", "awesome-group");
  }

  @Test
  void portByNameAndByNumberAreTwoTargetGroups() {
    IngressFact i = F.ingress("ns-1", "ing-1", Map.of(), null,
        F.rule("", F.path("/a", "Exact", F.backend("svc-1", "http")), F.path("/b", "Exact", F.backend("svc-1", 80))));
    Translation t = F.run(F.settings(), F.member(i), F.svc1());
    assertThat(F.intents(t, TargetGroupIntent.class)).extracting(TargetGroupIntent::resourceId)
        .containsExactlyInAnyOrder("ns-1/ing-1-svc-1:http", "ns-1/ing-1-svc-1:80");
    assertThat(tgb(t, "ns-1/ing-1-svc-1:80").spec()).containsEntry("serviceRef", Map.of("name", "svc-1", "port", 80));
  }

  @Test
  void ipTargetsWithANamedTargetPortUsePort1AndTheNameInNetworking() {
    ServiceFact svc = F.service("ns-1", "svc-named-targetport", null, Map.of(),
        new ServiceFact.PortFact("https", 443, "TCP", "target-port", 32768));
    IngressFact i = single(Map.of(F.A + "target-type", "ip"), "svc-named-targetport", "https");
    Translation t = F.run(F.settings(), F.member(i), svc);
    assertThat(F.errors(t)).isEmpty();
    TargetGroupIntent g = tg(t, "ns-1/ing-1-svc-named-targetport:https");
    assertThat(g.port()).isEqualTo(1);
    assertThat(tgb(t, g.resourceId()).spec()).containsEntry("networking", Map.of("ingress", List.of(sgRule("target-port"))));
  }

  @Test
  void ipTargetsWithoutTargetPortUseTheServicePort() {
    ServiceFact svc = F.service("ns-1", "web", "ClusterIP", Map.of(), new ServiceFact.PortFact("http", 80, "TCP", null, null));
    Translation t = F.run(F.settings(), F.member(single(Map.of(F.A + "target-type", "ip"), "web", "http")), svc);
    assertThat(F.errors(t)).isEmpty();
    assertThat(tg(t, "ns-1/ing-1-web:http").port()).isEqualTo(80);
  }

  @Test
  void ipTargetsNeedTheEnableIPTargetTypeGate() {
    IngressFact i = single(Map.of(F.A + "target-type", "ip"), "svc-1", "http");
    Translation t = F.run(F.settings(Map.of("EnableIPTargetType", false), null, true, true, true), F.member(i), F.svc1());
    assertThat(F.errors(t)).singleElement().satisfies(d -> {
      assertThat(d.message()).isEqualTo("unsupported targetType: ip when EnableIPTargetType is false");
      assertThat(d.object()).isEqualTo("Ingress ns-1/ing-1");
      assertThat(d.field()).isEqualTo(F.A + "target-type");
    });
    assertThat(F.intents(t, TargetGroupIntent.class)).isEmpty();
  }

  @Test
  void serviceAnnotationsBeatIngressAnnotationsKeyByKey() {
    IngressFact i = single(Map.of(F.A + "healthcheck-path", "/ingress", F.A + "healthcheck-interval-seconds", "30"),
        "web", "http");
    ServiceFact svc = F.service("ns-1", "web", "NodePort", Map.of(F.A + "healthcheck-path", "/service"),
        new ServiceFact.PortFact("http", 80, "TCP", "8080", 30080));
    Translation t = F.run(F.settings(), F.member(i), svc);
    TargetGroupIntent g = tg(t, "ns-1/ing-1-web:http");
    assertThat(g.healthCheckPath()).isEqualTo("/service");
    assertThat(g.healthCheckIntervalSeconds()).isEqualTo(30);
  }

  @Test
  void targetTypeIngressClassParamsBeatsServiceBeatsIngressBeatsFlag() {
    ServiceFact plain = F.service("ns-1", "web", "NodePort", Map.of(), new ServiceFact.PortFact("http", 80, "TCP", "8080", 30080));
    // flag
    Translation t1 = F.run(F.settings(null, "ip", true, true, true), F.member(single(Map.of(), "web", "http")), plain);
    assertThat(tg(t1, "ns-1/ing-1-web:http").targetType()).isEqualTo("ip");
    // Ingress annotation beats the flag
    Translation t2 = F.run(F.settings(null, "ip", true, true, true),
        F.member(single(Map.of(F.A + "target-type", "instance"), "web", "http")), plain);
    assertThat(tg(t2, "ns-1/ing-1-web:http").targetType()).isEqualTo("instance");
    // Service annotation beats the Ingress annotation
    ServiceFact ipSvc = F.service("ns-1", "web", "NodePort", Map.of(F.A + "target-type", "ip"),
        new ServiceFact.PortFact("http", 80, "TCP", "8080", 30080));
    Translation t3 = F.run(F.settings(), F.member(single(Map.of(F.A + "target-type", "instance"), "web", "http")), ipSvc);
    assertThat(tg(t3, "ns-1/ing-1-web:http").targetType()).isEqualTo("ip");
    // IngressClassParams targetType beats both
    IngressClassParamsFact icp = new IngressClassParamsFact("params", null, null, null, null, null, null, null, null,
        null, null, null, null, null, "instance", null, null, null, null);
    IngressFact i = single(Map.of(F.A + "target-type", "ip"), "web", "http");
    Translation t4 = F.run(F.settings(), new Member(i.key(), i, null, icp), ipSvc);
    assertThat(tg(t4, "ns-1/ing-1-web:http").targetType()).isEqualTo("instance");
  }

  @Test
  void malformedBackendAnnotationsAreErrorsOncePerObject() {
    IngressFact i = F.ingress("ns-1", "ing-1", Map.of(F.A + "backend-protocol", "TCP"), null,
        F.rule("", F.path("/a", "Exact", F.backend("web", "http")), F.path("/b", "Exact", F.backend("web", 80))));
    ServiceFact svc = F.service("ns-1", "web", "NodePort",
        Map.of(F.A + "healthcheck-interval-seconds", "often", F.A + "target-group-attributes", "a=1,b"),
        new ServiceFact.PortFact("http", 80, "TCP", "8080", 30080));
    Translation t = F.run(F.settings(), F.member(i), svc);
    assertThat(F.errors(t)).extracting(Diagnostic::object, Diagnostic::field).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("Ingress ns-1/ing-1", F.A + "backend-protocol"),
        org.assertj.core.groups.Tuple.tuple("Service ns-1/web", F.A + "healthcheck-interval-seconds"),
        org.assertj.core.groups.Tuple.tuple("Service ns-1/web", F.A + "target-group-attributes"));
    assertThat(F.errors(t)).filteredOn(d -> d.field().endsWith("backend-protocol")).singleElement()
        .satisfies(d -> assertThat(d.hint()).contains("HTTP, HTTPS"));
  }

  @Test
  void grpcDefaultsToTheAlbHealthCheckPathAndGrpcCode12() {
    Translation t = F.run(F.settings(), F.member(single(Map.of(F.A + "backend-protocol-version", "GRPC"), "svc-1", "http")),
        F.svc1());
    TargetGroupIntent g = tg(t, "ns-1/ing-1-svc-1:http");
    assertThat(g.protocolVersion()).isEqualTo("GRPC");
    assertThat(g.healthCheckPath()).isEqualTo("/AWS.ALB/healthcheck");
    assertThat(g.matcher()).isEqualTo(Map.of("GrpcCode", "12"));

    Translation t2 = F.run(F.settings(), F.member(single(Map.of(F.A + "backend-protocol-version", "GRPC",
        F.A + "success-codes", "0", F.A + "healthcheck-path", "/package.service/method"), "svc-1", "http")), F.svc1());
    assertThat(tg(t2, "ns-1/ing-1-svc-1:http").matcher()).isEqualTo(Map.of("GrpcCode", "0"));
    assertThat(tg(t2, "ns-1/ing-1-svc-1:http").healthCheckPath()).isEqualTo("/package.service/method");
  }

  @Test
  void healthCheckProtocolDefaultsToTheBackendProtocol() {
    Translation t = F.run(F.settings(), F.member(single(Map.of(F.A + "backend-protocol", "HTTPS"), "svc-1", "http")), F.svc1());
    assertThat(tg(t, "ns-1/ing-1-svc-1:http").healthCheckProtocol()).isEqualTo("HTTPS");
  }

  @Test
  void targetGroupAttributesAreAMap() {
    Translation t = F.run(F.settings(), F.member(single(Map.of(F.A + "target-group-attributes",
        "deregistration_delay.timeout_seconds=30,stickiness.enabled=true"), "svc-1", "http")), F.svc1());
    assertThat(tg(t, "ns-1/ing-1-svc-1:http").attributes()).isEqualTo(Map.of(
        "deregistration_delay.timeout_seconds", "30", "stickiness.enabled", "true"));
  }

  @Test
  void serviceTagsAnnotationReplacesTheIngressTagsAnnotation() {
    IngressFact i = single(Map.of(F.A + "tags", "k1=v1,k2=v2"), "web", "http");
    ServiceFact svc = F.service("ns-1", "web", "NodePort", Map.of(F.A + "tags", "k2=svc,k3=v3"),
        new ServiceFact.PortFact("http", 80, "TCP", "8080", 30080));
    Translation t = F.run(F.settings(), F.member(i), svc);
    // reference: the first annotation map (Service, then Ingress) that has the tags key wins whole
    assertThat(tg(t, "ns-1/ing-1-web:http").tags()).doesNotContainKey("k1").containsEntry("k2", "svc")
        .containsEntry("k3", "v3").containsEntry("ingress.k8s.aws/resource", "ns-1/ing-1-web:http");
  }

  @Test
  void namedHealthCheckPortIsTheNodePortForInstanceTargets() {
    ServiceFact svc = F.service("ns-1", "web", "NodePort", Map.of(F.A + "healthcheck-port", "health"),
        new ServiceFact.PortFact("http", 80, "TCP", "8080", 30080),
        new ServiceFact.PortFact("health", 9000, "TCP", "9090", 30090));
    Translation t = F.run(F.settings(), F.member(single(Map.of(), "web", "http")), svc);
    assertThat(tg(t, "ns-1/ing-1-web:http").healthCheckPort()).isEqualTo("30090");
    assertThat(tgb(t, "ns-1/ing-1-web:http").spec())
        .containsEntry("networking", Map.of("ingress", List.of(sgRule(30080), sgRule(30090))));
    Translation ip = F.run(F.settings(), F.member(single(Map.of(F.A + "target-type", "ip"), "web", "http")), svc);
    assertThat(tg(ip, "ns-1/ing-1-web:http").healthCheckPort()).isEqualTo("9090");
  }

  @Test
  void namedHealthCheckPortMustResolve() {
    ServiceFact svc = F.service("ns-1", "web", "NodePort", Map.of(F.A + "healthcheck-port", "health"),
        new ServiceFact.PortFact("http", 80, "TCP", "8080", 30080),
        new ServiceFact.PortFact("health", 9000, "TCP", "hc", 30090));
    Translation ip = F.run(F.settings(), F.member(single(Map.of(F.A + "target-type", "ip"), "web", "http")), svc);
    assertThat(F.errors(ip)).singleElement().satisfies(d -> {
      assertThat(d.message()).isEqualTo(
          "cannot use named healthCheckPort for IP TargetType when service's targetPort is a named port");
      assertThat(d.object()).isEqualTo("Service ns-1/web");
      assertThat(d.field()).isEqualTo(F.A + "healthcheck-port");
    });
    assertThat(F.intents(ip, TargetGroupIntent.class)).isEmpty();

    Translation missing = F.run(F.settings(), F.member(single(Map.of(F.A + "healthcheck-port", "nope"), "svc-1", "http")),
        F.svc1());
    assertThat(F.errors(missing)).singleElement().satisfies(d -> assertThat(d.message())
        .isEqualTo("failed to resolve healthCheckPort: unable to find port nope on service ns-1/svc-1"));
  }

  @Test
  void instanceTargetsOnAClusterIpServiceAreAnError() {
    ServiceFact svc = F.service("ns-1", "web", "ClusterIP", Map.of(), new ServiceFact.PortFact("http", 80, "TCP", "8080", null));
    Translation t = F.run(F.settings(), F.member(single(Map.of(), "web", "http")), svc);
    assertThat(F.errors(t)).singleElement().satisfies(d -> {
      assertThat(d.object()).isEqualTo("Service ns-1/web");
      assertThat(d.message()).contains("your service must be of type NodePort or LoadBalancer");
    });
    assertThat(F.intents(t, TargetGroupIntent.class)).isEmpty();
  }

  @Test
  void aNodePortServiceWithoutNodePortGetsThePlaceholderPortAndAWarning() {
    ServiceFact svc = F.service("ns-1", "web", "NodePort", Map.of(), new ServiceFact.PortFact("http", 80, "TCP", "8080", null));
    Translation t = F.run(F.settings(), F.member(single(Map.of(), "web", "http")), svc);
    assertThat(F.errors(t)).isEmpty();
    assertThat(F.warnings(t)).singleElement().satisfies(d -> {
      assertThat(d.object()).isEqualTo("Service ns-1/web");
      assertThat(d.message()).startsWith("nodePort is assigned by the cluster; the offline plan uses placeholder 30000");
    });
    assertThat(tg(t, "ns-1/ing-1-web:http").port()).isEqualTo(30000);
  }

  @Test
  void ipv6ServicesNeedADualstackLoadBalancer() {
    ServiceFact v6 = new ServiceFact("ns-1", "svc-ipv6", "", null, Map.of(),
        List.of(new ServiceFact.PortFact("https", 443, "TCP", "8443", 32768)), List.of("IPv6"), Map.of());
    Translation t = F.run(F.settings(), F.member(single(Map.of(), "svc-ipv6", "https")), v6);
    assertThat(F.errors(t)).singleElement().satisfies(d ->
        assertThat(d.message()).isEqualTo("unsupported IPv6 configuration, lb not dual-stack"));
    Translation ds = F.run(F.settings(),
        F.member(single(Map.of(F.A + "ip-address-type", "dualstack"), "svc-ipv6", "https")), v6);
    assertThat(F.errors(ds)).isEmpty();
    assertThat(tg(ds, "ns-1/ing-1-svc-ipv6:https").ipAddressType()).isEqualTo("ipv6");
    assertThat(tgb(ds, "ns-1/ing-1-svc-ipv6:https").spec()).containsEntry("ipAddressType", "ipv6");
  }

  @Test
  void unusedBackendsGetNoTargetGroup() {
    // With ssl-redirect, a member that only listens on HTTP routes nothing: no target group.
    IngressFact a = F.ingress("ns-1", "ing-a", Map.of(F.A + "group.name", "g", F.A + "ssl-redirect", "443",
            F.A + "listen-ports", "[{\"HTTPS\":443}]", F.A + "certificate-arn", "arn:aws:acm:us-west-2:1:certificate/x"),
        null, F.rule("a.example.com", F.path("/", "Prefix", F.backend("svc-1", "http"))));
    IngressFact b = F.ingress("ns-1", "ing-b", Map.of(F.A + "group.name", "g", F.A + "listen-ports", "[{\"HTTP\":80}]"),
        null, F.rule("b.example.com", F.path("/", "Prefix", F.backend("svc-1", "http"))));
    Translation t = F.run(F.settings(), F.member("g", a), F.member("g", b), F.svc1());
    assertThat(F.intents(t, TargetGroupIntent.class)).extracting(TargetGroupIntent::resourceId)
        .containsExactly("ns-1/ing-a-svc-1:http");
  }

  @Test
  void invalidIngressClassParamsTargetTypeIsOneError() {
    IngressClassParamsFact icp = new IngressClassParamsFact("params", null, null, null, null, null, null, null, null,
        null, null, null, null, null, "pod", null, null, null, null);
    IngressFact i = F.ingress("ns-1", "ing-1", Map.of(), null,
        F.rule("", F.path("/a", "Exact", F.backend("svc-1", "http")), F.path("/b", "Exact", F.backend("svc-1", 80))));
    Translation t = F.run(F.settings(), new Member(i.key(), i, null, icp), F.svc1());
    assertThat(F.errors(t)).singleElement().satisfies(d -> {
      assertThat(d.object()).isEqualTo("IngressClassParams params");
      assertThat(d.field()).isEqualTo("spec.targetType");
    });
  }
}
