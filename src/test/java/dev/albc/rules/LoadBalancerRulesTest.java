package dev.albc.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.facts.ControllerSettings;
import dev.albc.facts.IngressClassFact;
import dev.albc.facts.IngressFact;
import dev.albc.facts.IngressFact.BackendFact;
import dev.albc.facts.IngressFact.PathFact;
import dev.albc.facts.IngressFact.RuleFact;
import dev.albc.facts.ServiceFact;
import dev.albc.facts.SubnetFact;
import dev.albc.intents.ListenerIntent;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.intents.SecurityGroupIntent;
import dev.albc.desired.DesiredStateBuilder;
import dev.albc.desired.DesiredState;
import dev.albc.desired.DesiredJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** classify, groups, load-balancer, subnets, security-groups and listeners DRL, end to end on facts. */
class LoadBalancerRulesTest {
  static final DesiredStateBuilder PLANNER = new DesiredStateBuilder(new RuleRunner(RuleCompiler.loadBuiltin()));

  static ControllerSettings settings() {
    return new ControllerSettings("cluster-dummy", "vpc-dummy", "us-west-2", null, null, null, null, null,
        null, true, null, true, true);
  }

  static IngressFact ingress(String ns, String name, Map<String, String> annotations) {
    return new IngressFact(ns, name, "uid-" + name, "alb", annotations, Map.of(), null,
        List.of(new RuleFact("app.example.com", List.of(new PathFact("/", "Prefix", new BackendFact("svc-1", "http", null, null))))),
        List.of(), List.of(), false);
  }

  static List<Object> world(IngressFact... ingresses) {
    List<Object> f = new ArrayList<>(List.of(ingresses));
    f.add(new IngressClassFact("alb", IngressClassFact.ALB_CONTROLLER, false, null, null, null));
    f.add(new ServiceFact("ns-1", "svc-1", "", "NodePort", Map.of(),
        List.of(new ServiceFact.PortFact("http", 80, "TCP", "8080", 32768)), List.of(), Map.of()));
    f.add(subnet("subnet-a", "us-west-2a", Map.of("kubernetes.io/role/internal-elb", "1")));
    f.add(subnet("subnet-b", "us-west-2b", Map.of("kubernetes.io/role/internal-elb", "")));
    f.add(subnet("subnet-c", "us-west-2c", Map.of("kubernetes.io/role/elb", "1")));
    f.add(subnet("subnet-d", "us-west-2a", Map.of("kubernetes.io/role/elb", "1")));
    f.add(subnet("subnet-e", "us-west-2a", Map.of("kubernetes.io/role/internal-elb", "1", "kubernetes.io/cluster/other", "owned")));
    return f;
  }

  static SubnetFact subnet(String id, String az, Map<String, String> tags) {
    return new SubnetFact(id, "vpc-dummy", az, null, tags, 100, List.of(), null);
  }

  @Test
  void internalByDefaultWithReferenceNames() {
    var r = PLANNER.plan(settings(), world(ingress("ns-1", "ing-1", Map.of())), true);
    DesiredState p = r.plan();
    System.out.println(DesiredJson.json(p));
    assertThat(p.groups()).hasSize(1);
    var g = p.groups().get(0);
    assertThat(g.diagnostics()).isEmpty();
    LoadBalancerIntent lb = (LoadBalancerIntent) g.resources().stream().filter(i -> i instanceof LoadBalancerIntent).findFirst().orElseThrow();
    assertThat(lb.name()).isEqualTo("k8s-ns1-ing1-b7e914000d");
    assertThat(lb.scheme()).isEqualTo("internal");
    assertThat(lb.subnets()).containsExactly("subnet-a", "subnet-b");
    SecurityGroupIntent sg = (SecurityGroupIntent) g.resources().stream()
        .filter(i -> i.resourceId().equals("ManagedLBSecurityGroup")).findFirst().orElseThrow();
    assertThat(sg.groupName()).isEqualTo("k8s-ns1-ing1-bd83176788");
    ListenerIntent l = (ListenerIntent) g.resources().stream().filter(i -> i instanceof ListenerIntent).findFirst().orElseThrow();
    assertThat(l.port()).isEqualTo(80);
    assertThat(l.protocol()).isEqualTo("HTTP");
  }

  @Test
  void internetFacingSchemeAnnotation() {
    var r = PLANNER.plan(settings(), world(ingress("ns-1", "ing-1", Map.of("alb.ingress.kubernetes.io/scheme", "internet-facing"))), false);
    var g = r.plan().groups().get(0);
    assertThat(g.diagnostics()).isEmpty();
    LoadBalancerIntent lb = (LoadBalancerIntent) g.resources().stream().filter(i -> i instanceof LoadBalancerIntent).findFirst().orElseThrow();
    assertThat(lb.name()).isEqualTo("k8s-ns1-ing1-159dd7a143");
    assertThat(lb.subnets()).containsExactly("subnet-c", "subnet-d");
  }

  @Test
  void badSchemeIsAnErrorAndBlocksTheGroup() {
    var r = PLANNER.plan(settings(), world(ingress("ns-1", "ing-1", Map.of("alb.ingress.kubernetes.io/scheme", "public"))), false);
    var g = r.plan().groups().get(0);
    assertThat(g.resources()).isEmpty();
    assertThat(g.diagnostics()).anySatisfy(d -> {
      assertThat(d.severity()).isEqualTo("error");
      assertThat(d.object()).isEqualTo("Ingress ns-1/ing-1");
      assertThat(d.field()).isEqualTo("alb.ingress.kubernetes.io/scheme");
      assertThat(d.hint()).contains("internal, internet-facing");
    });
  }

  @Test
  void unsupportedAnnotationIsAnError() {
    var r = PLANNER.plan(settings(), world(ingress("ns-1", "ing-1", Map.of("alb.ingress.kubernetes.io/waf-acl-id", "web-acl-id"))), false);
    var g = r.plan().groups().get(0);
    assertThat(g.resources()).isEmpty();
    assertThat(g.diagnostics()).anySatisfy(d -> {
      assertThat(d.field()).isEqualTo("alb.ingress.kubernetes.io/waf-acl-id");
      assertThat(d.message()).contains("not supported").contains("wafv2-acl-arn");
    });
  }

  @Test
  void ingressOfAnotherClassIsIgnored() {
    IngressFact other = new IngressFact("ns-1", "nginx", "", "nginx", Map.of(), Map.of(), null, List.of(), List.of(), List.of(), false);
    List<Object> w = world();
    w.add(other);
    w.add(new IngressClassFact("nginx", "k8s.io/ingress-nginx", false, null, null, null));
    var r = PLANNER.plan(settings(), w, false);
    assertThat(r.plan().groups()).isEmpty();
  }
}
