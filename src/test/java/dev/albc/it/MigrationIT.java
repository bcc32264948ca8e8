package dev.albc.it;

import static dev.albc.controller.KubeObjects.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.albc.aws.AwsCallAudit;
import dev.albc.aws.CallCounter;
import dev.albc.install.ChartController;
import dev.albc.install.ChartRelease;
import dev.albc.testinfra.AwsSeed;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressLoadBalancerIngress;
import io.kubernetes.client.openapi.models.V1IngressLoadBalancerStatus;
import io.kubernetes.client.openapi.models.V1IngressPortStatus;
import io.kubernetes.client.openapi.models.V1IngressStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration from the Go controller, the one tested sequence of docs/installation.md "Migrating from
 * the Go controller": a stack exactly as the reference v3.5 leaves it (src/test/resources/
 * reference-stacks/quickstart.json: its AWS resources in the emulator; in the API server the
 * example's Services, the Ingress with the reference's finalizer and status, the reference's
 * TargetGroupBindings with theirs), the reference's release gone (its IngressClass with it; the CRDs
 * and the users' objects stay), then {@code helm install} of deploy/helm/albc and the controller run
 * as the chart's Deployment runs it, with the chart's ServiceAccount's token. It reconciles the
 * group and makes no AWS write (counted from its own {@code aws_api_calls_total} and its AWS call
 * log), adopts the bindings (same UIDs, same target groups), keeps the Ingress's hostname.
 */
@IntegrationTest
class MigrationIT {
  static final Duration WAIT = Duration.ofSeconds(180);
  static final String NS = "demo";

  @Test
  void helmInstallOverAReferenceStackWritesNothingAndAdoptsItsBindings(ItContext it, @TempDir Path tmp)
      throws Exception {
    NetworkingV1Api net = new NetworkingV1Api(it.kube());
    // 1. the stack as the reference left it
    JsonNode stack = ReferenceStackSeed.load("quickstart");
    ReferenceStackSeed seed = new ReferenceStackSeed(stack);
    AwsSeed.EksNetwork network = it.seedAws().eksNetwork(ReferenceStacksIT.CLUSTER, 2);
    ReferenceStacksIT.seedKube(it, "quickstart", stack, seed);
    seed.seedAws(it, network);
    ReferenceStacksIT.seedBindings(it, stack, seed);
    String albArn = seed.ids.get(stack.path("loadBalancers").path(0).path("LoadBalancerName").asText());
    String dns = it.aws().elbv2().describeLoadBalancers(r -> r.loadBalancerArns(albArn)).loadBalancers().get(0)
        .dnsName().toLowerCase(Locale.ROOT);
    setStatus(net, "shop", dns, 80);
    V1Ingress before = net.readNamespacedIngress("shop", NS).execute();
    Map<String, String> bindingsBefore = bindings(it);
    assertThat(bindingsBefore).hasSize(2);

    // 2. helm uninstall of the reference's release: its IngressClass goes with it (CRDs, Ingresses and
    //    TargetGroupBindings stay, finalizers included)
    net.deleteIngressClass("alb").execute();

    // 3. helm install of albc with the same cluster name and IngressClass (Fargate variant: region and
    //    VPC from the values); the controller as the chart's Deployment runs it
    // the chart's webhook configurations call the controller below on loopback (as ChartRbacIT)
    int webhookPort = ChartController.webhookPortFor();
    Map<String, Object> sets = new java.util.LinkedHashMap<>(ChartRelease.webhookSets(webhookPort));
    sets.putAll(Map.of("clusterName", ReferenceStacksIT.CLUSTER, "ingressClass", "alb",
        "region", it.settings().region(), "vpcId", network.vpcId(), "watchNamespace", NS));
    ChartRelease r = ChartRelease.install(it, sets);
    assertThat(net.readIngressClass("alb").execute().getSpec().getController()).isEqualTo("ingress.k8s.aws/alb");
    try (ChartController c = ChartController.start(it, r, tmp, webhookPort)) {
      assertThat(c.args).contains("--cluster-name=" + ReferenceStacksIT.CLUSTER, "--ingress-class=alb");
      // 4. the controller takes the reference's lease and reconciles the group once, successfully
      await(WAIT, c::log, () -> ControllerScrape.metrics(c.metricsPort).reconciledOk() >= 1
          && !succeeded(it, before).isEmpty() ? true : null);
      ControllerScrape m = ControllerScrape.metrics(c.metricsPort);
      System.out.println("[migration] controller's AWS calls: " + m.awsCalls() + ", reconciles " + m.reconciles());
      assertThat(m.reconciles()).as("reconciles, all successful").isEqualTo(m.reconciledOk());
      assertThat(new CoordinationV1Api(it.kube()).readNamespacedLease("aws-load-balancer-controller-leader",
          r.namespace()).execute().getSpec().getHolderIdentity()).startsWith(r.name());

      // 5. zero AWS writes: by the controller's metrics, and by its own call log (AwsCallAudit)
      assertThat(m.awsCalls()).as("the controller read the stack").isNotEmpty();
      assertThat(m.awsWrites()).as("AWS writes of the first reconcile after the migration").isEmpty();
      if (AwsCallAudit.enabled()) {
        List<String> logged = ControllerScrape.callLog(AwsCallAudit.logFile().getParent(), c.pid());
        assertThat(logged).as("the controller's AWS call log").isNotEmpty()
            .allSatisfy(op -> assertThat(CallCounter.isWrite(op)).as(op).isFalse());
      }

      // 6. the bindings adopted, not recreated; the Ingress's hostname and finalizer kept
      assertThat(bindings(it)).as("TargetGroupBindings: name → uid and target group").isEqualTo(bindingsBefore);
      V1Ingress after = net.readNamespacedIngress("shop", NS).execute();
      assertThat(after.getStatus().getLoadBalancer().getIngress()).extracting(V1IngressLoadBalancerIngress::getHostname)
          .containsExactly(dns);
      assertThat(after.getMetadata().getFinalizers()).isEqualTo(before.getMetadata().getFinalizers());
      assertThat(after.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
      assertThat(c.alive()).as(c.log()).isTrue();
      assertThat(c.log()).doesNotContain("Forbidden");
    }
  }

  /** The reference's status: lower-cased DNS name and the listener's port (aws-lbc-controller.md §4). */
  static void setStatus(NetworkingV1Api net, String name, String hostname, int port) throws ApiException {
    V1Ingress i = net.readNamespacedIngress(name, NS).execute();
    i.setStatus(new V1IngressStatus().loadBalancer(new V1IngressLoadBalancerStatus().ingress(List.of(
        new V1IngressLoadBalancerIngress().hostname(hostname)
            .ports(List.of(new V1IngressPortStatus().port(port).protocol("TCP")))))));
    net.replaceNamespacedIngressStatus(name, NS, i).execute();
  }

  /** The namespace's TargetGroupBindings: name → "uid targetGroupARN". */
  @SuppressWarnings("unchecked")
  static Map<String, String> bindings(ItContext it) throws ApiException {
    Map<String, String> out = new TreeMap<>();
    for (Map<String, Object> b : ClusterApplyIT.tgbs(it, NS)) {
      Map<String, Object> meta = (Map<String, Object>) b.get("metadata");
      Map<String, Object> spec = (Map<String, Object>) b.get("spec");
      out.put((String) meta.get("name"), meta.get("uid") + " " + spec.get("targetGroupARN"));
    }
    return out;
  }

  /** albc's SuccessfullyReconciled events on this very Ingress (by UID: "demo" outlives tests). */
  static List<String> succeeded(ItContext it, V1Ingress ing) throws ApiException {
    return new CoreV1Api(it.kube()).listNamespacedEvent(NS).execute().getItems().stream()
        .filter(e -> ing.getMetadata().getUid().equals(e.getInvolvedObject().getUid()))
        .filter(e -> "SuccessfullyReconciled".equals(e.getReason()))
        .map(CoreV1Event::getMessage).toList();
  }
}
