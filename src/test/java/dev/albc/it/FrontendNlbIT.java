package dev.albc.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.changes.LiveChanges;
import dev.albc.executor.LiveFixture;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * The frontend NLB against the emulator: enable-frontend-nlb creates an NLB, its TCP listener and a
 * target group of type alb in which the ALB is registered on its listener port; a second apply
 * writes nothing; a port mapping moves the target; removing the annotation deletes the NLB and its
 * target group and leaves the ALB; deleting the group removes everything.
 */
@IntegrationTest
class FrontendNlbIT {
  static final String QUICKSTART = LiveFixture.example("quickstart");
  static final String ON = ApplyIT.withAnnotation(QUICKSTART, "alb.ingress.kubernetes.io/enable-frontend-nlb: \"true\"");

  static LoadBalancer byType(LiveFixture f, String type) {
    return f.loadBalancers().stream().filter(lb -> lb.typeAsString().equals(type)).findFirst().orElseThrow();
  }

  /** The registered targets, those being deregistered (draining, as AWS lists them a while) left out. */
  static List<TargetDescription> targets(ItContext it, TargetGroup tg) {
    return it.aws().elbv2().describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn())).targetHealthDescriptions()
        .stream().filter(d -> !"draining".equals(d.targetHealth().stateAsString()))
        .map(TargetHealthDescription::target).toList();
  }

  @Test
  void theNlbForwardsToTheAlbRegisteredInAnAlbTargetGroupAndGoesWhenTheAnnotationDoes(ItContext it) {
    try (LiveFixture f = new LiveFixture(it)) {
      LiveChanges first = f.apply(ON).changes();
      assertThat(LiveFixture.calls(first)).containsSubsequence("elbv2:CreateLoadBalancer", "elbv2:CreateListener",
          "elbv2:CreateLoadBalancer", "elbv2:CreateListener", "elbv2:RegisterTargets");

      LoadBalancer alb = byType(f, "application");
      LoadBalancer nlb = byType(f, "network");
      assertThat(nlb.loadBalancerName()).isEqualTo(alb.loadBalancerName() + "-nlb");
      assertThat(nlb.schemeAsString()).as("--default-load-balancer-scheme, not the ALB's").isEqualTo("internal");
      assertThat(f.tags(nlb.loadBalancerArn())).containsEntry("ingress.k8s.aws/resource", "FrontendNlb")
          .containsEntry("ingress.k8s.aws/stack", "demo/shop").containsEntry("team", "storefront");

      TargetGroup tg = f.targetGroups().stream().filter(t -> t.targetTypeAsString().equals("alb")).findFirst()
          .orElseThrow();
      assertThat(tg.protocolAsString()).isEqualTo("TCP");
      assertThat(tg.port()).isEqualTo(80);
      assertThat(tg.healthCheckProtocolAsString()).isEqualTo("HTTP");
      assertThat(tg.healthCheckPath()).isEqualTo("/");
      assertThat(f.tags(tg.targetGroupArn())).containsEntry("ingress.k8s.aws/resource", "FrontendNlb-tg-TCP-80");
      assertThat(targets(it, tg)).singleElement().satisfies(t -> {
        assertThat(t.id()).isEqualTo(alb.loadBalancerArn());
        assertThat(t.port()).isEqualTo(80);
      });

      List<Listener> nlbListeners = f.listeners(nlb);
      assertThat(nlbListeners).singleElement().satisfies(l -> {
        assertThat(l.port()).isEqualTo(80);
        assertThat(l.protocolAsString()).isEqualTo("TCP");
        assertThat(l.defaultActions().get(0).forwardConfig().targetGroups().get(0).targetGroupArn())
            .isEqualTo(tg.targetGroupArn());
      });
      assertThat(f.listeners(alb)).singleElement().satisfies(l -> assertThat(l.port()).isEqualTo(80));
      ApplyIT.assertNoChange(f, ON);

      // the NLB's port 80 now goes to a second ALB listener, 8080: the target moves
      String mapped = ApplyIT.withAnnotation(QUICKSTART, "alb.ingress.kubernetes.io/enable-frontend-nlb: \"true\"\n"
          + "    alb.ingress.kubernetes.io/listen-ports: '[{\"HTTP\":80},{\"HTTP\":8080}]'\n"
          + "    alb.ingress.kubernetes.io/frontend-nlb-listener-port-mapping: 80=8080");
      assertThat(mapped).contains("80=8080");
      LiveChanges moved = f.apply(mapped).changes();
      assertThat(LiveFixture.calls(moved)).containsSubsequence("elbv2:CreateListener", "elbv2:DeregisterTargets",
          "elbv2:RegisterTargets");
      assertThat(targets(it, tg)).singleElement().satisfies(t -> {
        assertThat(t.id()).isEqualTo(alb.loadBalancerArn());
        assertThat(t.port()).isEqualTo(8080);
      });
      ApplyIT.assertNoChange(f, mapped);

      // the annotation removed: the NLB and its target group go, the ALB stays
      LiveChanges off = f.apply(QUICKSTART).changes();
      assertThat(LiveFixture.calls(off)).contains("elbv2:DeregisterTargets", "elbv2:DeleteLoadBalancer",
          "elbv2:DeleteTargetGroup");
      assertThat(f.loadBalancers()).singleElement()
          .satisfies(lb -> assertThat(lb.loadBalancerArn()).isEqualTo(alb.loadBalancerArn()));
      assertThat(f.targetGroups()).noneMatch(t -> t.targetTypeAsString().equals("alb"));
      ApplyIT.assertNoChange(f, QUICKSTART);

      // on again, then the group deleted: nothing of it is left
      f.apply(ON);
      assertThat(f.loadBalancers()).hasSize(2);
      f.delete("demo/shop");
      assertThat(f.loadBalancers()).isEmpty();
      assertThat(f.targetGroups()).isEmpty();
    }
  }
}
