package dev.albc.it;

import static dev.albc.controller.KubeObjects.await;
import static dev.albc.controller.KubeObjects.ingress;
import static dev.albc.controller.KubeObjects.nodePortService;
import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.controller.ControllerProcess;
import dev.albc.executor.LiveFixture;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.models.V1IngressClass;
import io.kubernetes.client.openapi.models.V1IngressClassSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two {@code albc controller} processes on one Lease: only the holder writes; after it is killed
 * with {@code kill -9} the other takes the lease and carries on (bound 60 s; the time is printed).
 */
@IntegrationTest
class ControllerLeaderIT {
  static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void onlyTheLeaderWritesAndTheOtherTakesOverAfterKillNine(ItContext it) throws Exception {
    String ns = it.namespace();
    String cls = ControllerIT.ingressClass(it);
    String lease = "lease-" + ns;
    NetworkingV1Api net = new NetworkingV1Api(it.kube());
    new CoreV1Api(it.kube()).createNamespacedService(ns, nodePortService("web")).execute();
    new CoreV1Api(it.kube()).createNamespacedService(ns, nodePortService("api")).execute();
    it.onCleanup(() -> ControllerIT.dropFinalizers(it, ns));
    CoordinationV1Api coordination = new CoordinationV1Api(it.kube());

    try (LiveFixture f = new LiveFixture(it);
        ControllerProcess a = ControllerProcess.start(it, f.network().vpcId(), "albc-a", lease)) {
      await(WAIT, a::log, () -> holder(coordination, lease, ns).startsWith("albc-a_") ? true : null);
      try (ControllerProcess b = ControllerProcess.start(it, f.network().vpcId(), "albc-b", lease)) {
        await(WAIT, b::log, () -> ControllerIT.get(b.healthPort, "/readyz").statusCode() == 200 ? true : null);
        Map<String, String> ann = Map.of("alb.ingress.kubernetes.io/scheme", "internet-facing");
        net.createNamespacedIngress(ns, ingress("shop", cls, ann, "shop.example.com", "/=web")).execute();
        await(WAIT, a::log, () -> ControllerIT.withHostname(net.readNamespacedIngress("shop", ns).execute()));
        assertThat(b.log()).as("the replica without the lease wrote nothing").doesNotContain("reconciled")
            .doesNotContain("became leader");
        assertThat(holder(coordination, lease, ns)).startsWith("albc-a_");

        // kill -9 the leader; the other takes the lease and applies the next edit
        a.kill();
        long killed = System.nanoTime();
        ControllerIT.replace(net, ns, ingress("shop", cls, ann, "shop.example.com", "/api=api", "/=web"));
        var alb = f.loadBalancers().get(0);
        await(Duration.ofSeconds(60), b::log, () -> ControllerIT.rules(f, alb).size() == 2 ? true : null);
        double seconds = (System.nanoTime() - killed) / 1e9;
        System.out.printf("ControllerLeaderIT: takeover after kill -9: edit applied by the new leader %.1f s after the"
            + " kill (lease 6 s)%n", seconds);
        assertThat(holder(coordination, lease, ns)).startsWith("albc-b_");
        assertThat(b.log()).contains("became leader");
        assertThat(f.loadBalancers()).as("no duplicate").hasSize(1);
        assertThat(f.targetGroups()).hasSize(2);

        net.deleteNamespacedIngress("shop", ns).execute();
        await(WAIT, b::log, () -> net.listNamespacedIngress(ns).execute().getItems().isEmpty()
            && f.loadBalancers().isEmpty() ? true : null);
      }
    }
  }

  static String holder(CoordinationV1Api api, String name, String ns) {
    try {
      var spec = api.readNamespacedLease(name, ns).execute().getSpec();
      return spec == null || spec.getHolderIdentity() == null ? "" : spec.getHolderIdentity();
    } catch (io.kubernetes.client.openapi.ApiException e) {
      return "";
    }
  }
}
