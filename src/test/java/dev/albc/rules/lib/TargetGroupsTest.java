package dev.albc.rules.lib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.facts.ControllerSettings;
import dev.albc.facts.IngressFact;
import dev.albc.facts.ServiceFact;
import dev.albc.intents.Ref;
import dev.albc.rules.api.Member;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Target-group helpers; cases from the reference's model_build_target_group_test.go. */
class TargetGroupsTest {

  static TargetGroups.Backend backend(ServiceFact.PortFact p, ServiceFact.PortFact... more) {
    List<ServiceFact.PortFact> ports = new java.util.ArrayList<>(List.of(p));
    ports.addAll(List.of(more));
    ServiceFact s = new ServiceFact("ns-1", "svc", "", "NodePort", Map.of(), ports, List.of(), Map.of());
    IngressFact i = new IngressFact("ns-1", "ing", "", null, Map.of(), Map.of(), null, List.of(), List.of(), List.of(), false);
    return new TargetGroups.Backend("ns-1/ing", new Member("ns-1/ing", i, null, null), s, p, p.name(), "ns-1/ing-svc:" + p.name());
  }

  @Test
  void targetGroupPort() {
    TargetGroups.Backend numeric = backend(new ServiceFact.PortFact("http", 80, "TCP", "8080", 32768));
    assertThat(TargetGroups.port(numeric, "instance")).isEqualTo(32768);
    assertThat(TargetGroups.port(numeric, "ip")).isEqualTo(8080);
    assertThat(TargetGroups.port(backend(new ServiceFact.PortFact("http", 80, "TCP", "http", 32768)), "ip")).isEqualTo(1);
    assertThat(TargetGroups.port(backend(new ServiceFact.PortFact("http", 80, "TCP", null, 32768)), "ip")).isEqualTo(80);
    assertThat(TargetGroups.port(backend(new ServiceFact.PortFact("http", 80, "TCP", "8080", null)), "instance"))
        .isEqualTo(TargetGroups.PLACEHOLDER_NODE_PORT);
  }

  @Test
  void healthCheckPort() {
    TargetGroups.Backend b = backend(new ServiceFact.PortFact("http", 80, "TCP", "8080", 32768),
        new ServiceFact.PortFact("hc", 9000, "TCP", "9090", 32000),
        new ServiceFact.PortFact("named", 9001, "TCP", "metrics", 32001));
    assertThat(TargetGroups.healthCheckPort(b, null, "instance")).isEqualTo("traffic-port");
    assertThat(TargetGroups.healthCheckPort(b, "traffic-port", "ip")).isEqualTo("traffic-port");
    assertThat(TargetGroups.healthCheckPort(b, "8443", "ip")).isEqualTo("8443");
    assertThat(TargetGroups.healthCheckPort(b, "hc", "instance")).isEqualTo("32000");
    assertThat(TargetGroups.healthCheckPort(b, "hc", "ip")).isEqualTo("9090");
    assertThat(TargetGroups.healthCheckPort(b, "named", "ip")).isNull();
    assertThat(TargetGroups.healthCheckPortError(b, "named", "ip"))
        .isEqualTo("cannot use named healthCheckPort for IP TargetType when service's targetPort is a named port");
    assertThat(TargetGroups.healthCheckPortError(b, "missing", "ip"))
        .isEqualTo("failed to resolve healthCheckPort: unable to find port missing on service ns-1/svc");
    assertThat(TargetGroups.healthCheckPortError(b, "hc", "ip")).isNull();
  }

  @Test
  void stackLabels() {
    assertThat(TargetGroupIntents.stackLabels("awesome-group")).isEqualTo(Map.of("ingress.k8s.aws/stack", "awesome-group"));
    assertThat(TargetGroupIntents.stackLabels("namespace/ingressName"))
        .isEqualTo(Map.of("ingress.k8s.aws/stack-namespace", "namespace", "ingress.k8s.aws/stack-name", "ingressName"));
  }

  @Test
  void networkingOneRulePerPort() {
    Map<String, Object> n = TargetGroupIntents.networking("sg-backend", 80, "8080");
    assertThat(n).isEqualTo(Map.of("ingress", List.of(
        Map.of("from", List.of(Map.of("securityGroup", Map.of("groupID", "sg-backend"))),
            "ports", List.of(Map.of("protocol", "TCP", "port", 80))),
        Map.of("from", List.of(Map.of("securityGroup", Map.of("groupID", "sg-backend"))),
            "ports", List.of(Map.of("protocol", "TCP", "port", 8080))))));
    assertThat(TargetGroupIntents.networking("sg-backend", 80, "traffic-port")).isEqualTo(Map.of("ingress", List.of(
        Map.of("from", List.of(Map.of("securityGroup", Map.of("groupID", "sg-backend"))),
            "ports", List.of(Map.of("protocol", "TCP", "port", 80))))));
  }

  @Test
  void backendSecurityGroup() {
    ControllerSettings on = ControllerSettings.defaults("c");
    assertThat(TargetGroupIntents.backendSecurityGroup(on, Map.of())).isEqualTo(Ref.to("BackendSecurityGroup"));
    assertThat(TargetGroupIntents.backendSecurityGroup(on, Map.of("security-groups", List.of("sg-1")))).isNull();
    assertThat(TargetGroupIntents.backendSecurityGroup(on,
        Map.of("security-groups", List.of("sg-1"), "manage-backend-security-group-rules", true))).isEqualTo(Ref.to("BackendSecurityGroup"));
    ControllerSettings literal = new ControllerSettings("c", "v", "r", null, null, null, null, null, null, true, "sg-0123", true, true);
    assertThat(TargetGroupIntents.backendSecurityGroup(literal, Map.of())).isEqualTo("sg-0123");
    ControllerSettings off = new ControllerSettings("c", "v", "r", null, null, null, null, null, null, false, null, true, true);
    assertThat(TargetGroupIntents.backendSecurityGroup(off, Map.of())).isEqualTo(Ref.to("ManagedLBSecurityGroup"));
    assertThat(TargetGroupIntents.backendSecurityGroup(off,
        Map.of("security-groups", List.of("sg-1"), "manage-backend-security-group-rules", true))).isNull();
  }

  @Test
  void ipAddressTypes() {
    assertThat(TargetGroups.dualstack("dualstack")).isTrue();
    assertThat(TargetGroups.dualstack("dualstack-without-public-ipv4")).isTrue();
    assertThat(TargetGroups.dualstack("ipv4")).isFalse();
  }
}
