package dev.albc.it;

import static dev.albc.controller.KubeObjects.ingress;
import static dev.albc.controller.KubeObjects.nodePortService;
import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.executor.LiveFixture;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.models.V1IngressClass;
import io.kubernetes.client.openapi.models.V1IngressClassSpec;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1LeaseSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.io.ByteArrayOutputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code albc apply} and {@code albc delete} with {@code --kubeconfig} refuse while a controller holds
 * the leader Lease (docs/controller.md "A controller owns the cluster"), naming the holder; {@code
 * --force} runs anyway; an expired Lease does not refuse.
 */
@IntegrationTest
class ApplyLeaseIT {

  @Test
  void applyAndDeleteRefuseWhileALiveLeaseIsHeld(ItContext it) throws Exception {
    String ns = it.namespace();
    String cls = ControllerIT.ingressClass(it);
    String lease = "lease-" + ns;
    NetworkingV1Api net = new NetworkingV1Api(it.kube());
    new CoreV1Api(it.kube()).createNamespacedService(ns, nodePortService("web")).execute();
    net.createNamespacedIngress(ns, ingress("shop", cls, Map.of("alb.ingress.kubernetes.io/scheme", "internal"),
        "shop.example.com", "/=web")).execute();
    CoordinationV1Api coordination = new CoordinationV1Api(it.kube());
    coordination.createNamespacedLease(ns, new V1Lease().metadata(new V1ObjectMeta().name(lease))
        .spec(new V1LeaseSpec().holderIdentity("albc-elsewhere_42").leaseDurationSeconds(300)
            .acquireTime(OffsetDateTime.now()).renewTime(OffsetDateTime.now()))).execute();

    try (LiveFixture f = new LiveFixture(it)) {
      List<String> common = List.of("--cluster-name", it.clusterName(), "--aws-vpc-id", f.network().vpcId(),
          "--aws-region", it.settings().region(), "--aws-endpoint-url",
          it.settings().awsEndpoint().orElseThrow().toString(), "--kubeconfig",
          it.settings().kubeconfig().orElseThrow().toString(), "--watch-namespace", ns,
          "--leader-election-id", lease, "--leader-election-namespace", ns);

      Run apply = run("apply", common);
      assertThat(apply.code).as(apply.all()).isEqualTo(2);
      assertThat(apply.err).contains("albc apply: refused").contains("holder albc-elsewhere_42")
          .contains(ns + "/" + lease).contains("--force");
      assertThat(f.loadBalancers()).as("nothing written").isEmpty();

      Run delete = run("delete", common, ns + "/shop");
      assertThat(delete.code).as(delete.all()).isEqualTo(2);
      assertThat(delete.err).contains("albc delete: refused").contains("holder albc-elsewhere_42");

      // the default Lease (kube-system/aws-load-balancer-controller-leader) is not held in this cluster
      List<String> defaults = new ArrayList<>(common.subList(0, common.size() - 4));
      Run forced = run("apply", common, "--force");
      assertThat(forced.code).as(forced.all()).isZero();
      assertThat(f.loadBalancers()).hasSize(1);
      Run noLease = run("apply", defaults);
      assertThat(noLease.code).as(noLease.all()).isZero();
      assertThat(noLease.out).contains("Applied 0 change(s)");

      // an expired Lease (renewTime + leaseDurationSeconds in the past) does not refuse
      V1Lease l = coordination.readNamespacedLease(lease, ns).execute();
      l.getSpec().renewTime(OffsetDateTime.now().minusSeconds(600)).leaseDurationSeconds(15);
      coordination.replaceNamespacedLease(lease, ns, l).execute();
      Run deleted = run("delete", common, ns + "/shop");
      assertThat(deleted.code).as(deleted.all()).isZero();
      assertThat(f.loadBalancers()).isEmpty();
    }
  }

  record Run(int code, String out, String err) {
    String all() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  static Run run(String cmd, List<String> common, String... more) {
    List<String> args = new ArrayList<>(List.of(cmd));
    args.addAll(common);
    args.addAll(List.of(more));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = DropInIT.runCli(out, err, args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }
}
