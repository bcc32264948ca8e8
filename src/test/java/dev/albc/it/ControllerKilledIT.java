package dev.albc.it;

import static dev.albc.controller.KubeObjects.await;
import static dev.albc.controller.KubeObjects.ingress;
import static dev.albc.controller.KubeObjects.nodePortService;
import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.controller.Controller;
import dev.albc.controller.ControllerProcess;
import dev.albc.executor.LiveFixture;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressClass;
import io.kubernetes.client.openapi.models.V1IngressClassSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * A controller killed in the middle of a reconcile (the test-only switch ALBC_TEST_EXIT_AFTER_WRITES
 * halts it after its Nth AWS write, docs/controller.md "Test-only switch") and started again
 * converges: one ALB, its listener, rules and target groups, no orphan target group or security
 * group, the finalizer and the hostname on the Ingress.
 */
@IntegrationTest
class ControllerKilledIT {
  static final Duration WAIT = Duration.ofSeconds(120);
  /** Writes before each halt: the first halt falls after the security groups, the second part way on. */
  static final int WRITES = 3;

  @Test
  void aControllerKilledMidCreateConvergesWhenStartedAgain(ItContext it) throws Exception {
    String ns = it.namespace();
    String cls = ControllerIT.ingressClass(it);
    String lease = "lease-" + ns;
    NetworkingV1Api net = new NetworkingV1Api(it.kube());
    new CoreV1Api(it.kube()).createNamespacedService(ns, nodePortService("web")).execute();
    new CoreV1Api(it.kube()).createNamespacedService(ns, nodePortService("api")).execute();
    it.onCleanup(() -> ControllerIT.dropFinalizers(it, ns));

    try (LiveFixture f = new LiveFixture(it)) {
      Map<String, String> ann = Map.of("alb.ingress.kubernetes.io/scheme", "internet-facing");
      net.createNamespacedIngress(ns, ingress("shop", cls, ann, "shop.example.com", "/api=api", "/=web")).execute();
      // killed twice: after the first writes (security groups), then part way through the rest
      halt(it, f, lease, "albc-killed-1", WRITES);
      halt(it, f, lease, "albc-killed-2", WRITES);
      assertThat(f.targetGroups().size() + f.loadBalancers().size()).as("the second kill is past the security groups")
          .isPositive();
      V1Ingress half = net.readNamespacedIngress("shop", ns).execute();
      assertThat(half.getMetadata().getFinalizers()).as("the finalizer comes before any AWS write")
          .containsExactly("ingress.k8s.aws/resources");
      assertThat(ControllerIT.withHostname(half)).as("not reconciled to the end").isNull();

      try (ControllerProcess b = ControllerProcess.start(it, f.network().vpcId(), "albc-again", lease)) {
        V1Ingress done = await(WAIT, b::log, () -> ControllerIT.withHostname(net.readNamespacedIngress("shop", ns)
            .execute()));
        assertThat(f.loadBalancers()).as("no duplicate load balancer").hasSize(1);
        LoadBalancer alb = f.loadBalancers().get(0);
        assertThat(done.getStatus().getLoadBalancer().getIngress().get(0).getHostname())
            .isEqualTo(alb.dnsName().toLowerCase(java.util.Locale.ROOT));
        assertThat(done.getMetadata().getFinalizers()).containsExactly("ingress.k8s.aws/resources");
        assertThat(f.listeners(alb)).hasSize(1);
        assertThat(ControllerIT.rules(f, alb)).hasSize(2);

        // no orphan: every target group is one the listener forwards to, every security group the ALB's
        Set<String> forwarded = new TreeSet<>();
        var listener = f.listeners(alb).get(0);
        listener.defaultActions().forEach(a -> forwarded.addAll(targets(a)));
        ControllerIT.rules(f, alb).forEach(r -> r.actions().forEach(a -> forwarded.addAll(targets(a))));
        Set<String> tgs = new TreeSet<>();
        f.targetGroups().forEach(tg -> tgs.add(tg.targetGroupArn()));
        assertThat(tgs).hasSize(2).isEqualTo(forwarded);
        Set<String> sgs = new TreeSet<>();
        f.securityGroups().forEach(g -> sgs.add(g.groupId()));
        assertThat(sgs).as("security groups in the VPC vs the ALB's").isEqualTo(new TreeSet<>(alb.securityGroups()));
        f.securityGroups().forEach(g -> assertThat(g.tags()).as(g.groupId())
            .anyMatch(t -> t.key().equals("elbv2.k8s.aws/cluster") && t.value().equals(it.clusterName())));
        assertThat(b.log()).doesNotContain("halting before");

        net.deleteNamespacedIngress("shop", ns).execute();
        await(WAIT, b::log, () -> net.listNamespacedIngress(ns).execute().getItems().isEmpty()
            && f.loadBalancers().isEmpty() ? true : null);
        assertThat(f.targetGroups()).isEmpty();
      }
    }
  }

  /** Starts a controller with the switch and waits for it to halt after {@code writes} AWS writes. */
  private static void halt(ItContext it, LiveFixture f, String lease, String name, int writes) throws Exception {
    try (ControllerProcess a = ControllerProcess.start(it, f.network().vpcId(), name, lease,
        Map.of("ALBC_TEST_EXIT_AFTER_WRITES", String.valueOf(writes)))) {
      Integer status = a.awaitExit(WAIT);
      assertThat(status).as("the switch halts the process: %s", a.log()).isEqualTo(Controller.TEST_EXIT_STATUS);
      assertThat(a.log()).contains("halting before").contains("after " + writes + " write(s)");
      System.out.printf("ControllerKilledIT: %s halted after %d writes; AWS holds %d load balancer(s), %d target"
          + " group(s), %d security group(s)%n", name, writes, f.loadBalancers().size(), f.targetGroups().size(),
          f.securityGroups().size());
    }
  }

  private static Set<String> targets(Action a) {
    Set<String> out = new TreeSet<>();
    if (a.targetGroupArn() != null) {
      out.add(a.targetGroupArn());
    }
    if (a.forwardConfig() != null && a.forwardConfig().targetGroups() != null) {
      a.forwardConfig().targetGroups().forEach(t -> out.add(t.targetGroupArn()));
    }
    return out;
  }
}
