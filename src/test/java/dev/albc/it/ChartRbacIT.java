package dev.albc.it;

import static dev.albc.controller.KubeObjects.await;
import static dev.albc.controller.KubeObjects.ingress;
import static dev.albc.controller.KubeObjects.nodePortService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.albc.executor.LiveFixture;
import dev.albc.install.ChartController;
import dev.albc.install.ChartRelease;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Lease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * The chart's RBAC is enough: the chart installed into the test API server (RBAC on), then the
 * controller run with the chart's Deployment args and the chart's ServiceAccount's token through a
 * create/edit/delete cycle of an Ingress of the chart's IngressClass — every call allowed, no 403 in
 * its log, the leader Lease taken under the one name the Role grants. And the token is no admin's:
 * what the ClusterRole leaves out is refused (docs/installation.md "RBAC").
 */
@IntegrationTest
class ChartRbacIT {
  static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void theControllerRunsAsTheChartsServiceAccountWithoutA403(ItContext it, @TempDir Path tmp) throws Exception {
    String ns = it.namespace();
    NetworkingV1Api net = new NetworkingV1Api(it.kube());
    CoreV1Api core = new CoreV1Api(it.kube());
    core.createNamespacedService(ns, nodePortService("web")).execute();
    core.createNamespacedService(ns, nodePortService("api")).execute();
    it.onCleanup(() -> ControllerIT.dropFinalizers(it, ns));

    try (LiveFixture f = new LiveFixture(it)) {
      // the Fargate variant: region and VPC from the values; one namespace watched
      // the webhook configurations call the controller below on loopback (it serves them as the chart's
      // ServiceAccount too: its informers for the pod and binding webhooks must be allowed)
      int webhookPort = ChartController.webhookPortFor();
      Map<String, Object> sets = new java.util.LinkedHashMap<>(ChartRelease.webhookSets(webhookPort));
      sets.putAll(Map.of("region", it.settings().region(), "vpcId", f.network().vpcId(), "watchNamespace", ns));
      ChartRelease r = ChartRelease.install(it, sets);

      ApiClient sa = r.serviceAccountClient(tmp);
      assertThatThrownBy(() -> new CoreV1Api(sa).listNamespacedSecret(ns).execute())
          .as("the ServiceAccount reads no Secret").isInstanceOfSatisfying(ApiException.class,
              e -> assertThat(e.getCode()).isEqualTo(403));
      assertThatThrownBy(() -> new CoordinationV1Api(sa).readNamespacedLease("another-lease", ns).execute())
          .as("only the reference's Lease").isInstanceOfSatisfying(ApiException.class,
              e -> assertThat(e.getCode()).isEqualTo(403));

      try (ChartController c = ChartController.start(it, r, tmp, webhookPort)) {
        assertThat(c.args).contains("--cluster-name=" + it.clusterName(), "--ingress-class=" + r.ingressClass(),
            "--aws-region=" + it.settings().region(), "--aws-vpc-id=" + f.network().vpcId(), "--watch-namespace=" + ns);
        await(WAIT, c::log, () -> ControllerIT.get(c.healthPort, "/readyz").statusCode() == 200 ? true : null);

        // create
        Map<String, String> a = Map.of("alb.ingress.kubernetes.io/scheme", "internet-facing");
        net.createNamespacedIngress(ns, ingress("shop", r.ingressClass(), a, "shop.example.com", "/=web")).execute();
        V1Ingress shop = await(WAIT, c::log,
            () -> ControllerIT.withHostname(net.readNamespacedIngress("shop", ns).execute()));
        assertThat(shop.getMetadata().getFinalizers()).containsExactly("ingress.k8s.aws/resources");
        assertThat(ClusterApplyIT.tgbs(it, ns)).hasSize(1);
        LoadBalancer alb = f.loadBalancers().get(0);
        await(WAIT, c::log, () -> ControllerIT.events(it, ns, "shop").contains("SuccessfullyReconciled") ? true : null);
        V1Lease lease = new CoordinationV1Api(it.kube()).readNamespacedLease("aws-load-balancer-controller-leader", ns)
            .execute();
        assertThat(lease.getSpec().getHolderIdentity()).startsWith(r.name());

        // edit
        ControllerIT.replace(net, ns, ingress("shop", r.ingressClass(), a, "shop.example.com", "/api=api", "/=web"));
        await(WAIT, c::log, () -> ControllerIT.rules(f, alb).size() == 2 && ClusterApplyIT.tgbs(it, ns).size() == 2
            ? true : null);

        // delete
        net.deleteNamespacedIngress("shop", ns).execute();
        await(WAIT, c::log, () -> net.listNamespacedIngress(ns).execute().getItems().isEmpty()
            && f.loadBalancers().isEmpty() && f.targetGroups().isEmpty() ? true : null);
        assertThat(ClusterApplyIT.tgbs(it, ns)).isEmpty();

        assertThat(c.alive()).as(c.log()).isTrue();
        // a 403 from the API server reads "Forbidden"; the bare number is matched as a word (the leader identity
        // is a UUID whose hex may hold "403")
        assertThat(c.log()).as("the controller's log").doesNotContain("Forbidden", "forbidden")
            .doesNotContainPattern("(?<![0-9a-f-])403(?![0-9a-f-])");
      }
    }
  }
}
