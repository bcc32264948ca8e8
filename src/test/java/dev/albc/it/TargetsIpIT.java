package dev.albc.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.targets.TargetsItFixture;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.DiscoveryV1Api;
import io.kubernetes.client.openapi.models.DiscoveryV1EndpointPort;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Endpoint;
import io.kubernetes.client.openapi.models.V1EndpointConditions;
import io.kubernetes.client.openapi.models.V1EndpointSlice;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
import io.kubernetes.client.openapi.models.V1PodReadinessGate;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * IP mode end to end (docs/targets.md): the targets follow the Service's EndpointSlices (written by
 * the test: there is no kube-controller-manager); a not-ready endpoint of a readiness-gated pod whose
 * containers are ready is registered, and its gate condition turns True once the emulator reports
 * the target healthy (it reports {@code initial} first); an IP outside the VPC gets AvailabilityZone
 * {@code all}.
 */
@IntegrationTest
class TargetsIpIT {
  static final String GATE = "target-health.elbv2.k8s.aws/web";

  @Test
  void podsFollowEndpointSlicesAndGatesTurnTrue(ItContext it) throws Exception {
    TargetsItFixture f = new TargetsItFixture(it);
    String node = "ip-node-" + it.namespace();
    it.seedKube().node(node, "aws:///us-west-2a/i-0123456789abcdef0", "us-west-2a", "10.0.128.5", true, Map.of());
    f.service("web", "ClusterIP", Map.of("app", "web"));
    pod(it, "a", node, "10.0.128.10", true);
    pod(it, "b", node, "10.0.129.11", false);
    slice(it, List.of(endpoint("10.0.128.10", false, "a", node), endpoint("10.0.129.11", true, "b", node),
        endpoint("192.168.5.5", true, null, null)));
    String arn = f.targetGroup("k8s-ip-tg", TargetTypeEnum.IP, 80);
    f.binding("web", arn, "ip", "web", Map.of());
    f.startController();

    f.awaitTargets(arn, Set.of("10.0.128.10:8080", "10.0.129.11:8080", "192.168.5.5:8080"));
    assertThat(f.aws().elbv2().describeTargetHealth(r -> r.targetGroupArn(arn)).targetHealthDescriptions())
        .filteredOn(d -> d.target().id().equals("192.168.5.5")).singleElement()
        .satisfies(d -> assertThat(d.target().availabilityZone()).isEqualTo("all"));

    // the gated pod's condition turns True once the target is healthy (it is "initial" first)
    TargetsItFixture.await(() -> gateStatus(it, "a"), "True", "readiness gate of pod a");

    // b leaves the slice: deregistered
    slice(it, List.of(endpoint("10.0.128.10", true, "a", node), endpoint("192.168.5.5", true, null, null)));
    f.awaitTargets(arn, Set.of("10.0.128.10:8080", "192.168.5.5:8080"));

    f.deleteBinding("web");
    f.awaitTargets(arn, Set.of());
  }

  static String gateStatus(ItContext it, String pod) {
    try {
      V1Pod p = new CoreV1Api(it.kube()).readNamespacedPod(pod, it.namespace()).execute();
      if (p.getStatus() == null || p.getStatus().getConditions() == null) {
        return null;
      }
      return p.getStatus().getConditions().stream().filter(c -> GATE.equals(c.getType()))
          .map(V1PodCondition::getStatus).findFirst().orElse(null);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A pod on the node with the IP, containers ready; with the gate it is not Ready yet. */
  static V1Pod pod(ItContext it, String name, String node, String ip, boolean gated) throws Exception {
    CoreV1Api core = new CoreV1Api(it.kube());
    V1PodSpec spec = new V1PodSpec().nodeName(node)
        .containers(List.of(new V1Container().name("app").image("nginx")));
    spec.setOverhead(null); // the model's empty map would read as a Pod Overhead without a RuntimeClass
    if (gated) {
      spec.readinessGates(List.of(new V1PodReadinessGate().conditionType(GATE)));
    }
    V1Pod p = core.createNamespacedPod(it.namespace(), new V1Pod()
        .metadata(new V1ObjectMeta().name(name).namespace(it.namespace()).labels(Map.of("app", "web")))
        .spec(spec)).execute();
    OffsetDateTime now = OffsetDateTime.now().withNano(0);
    List<V1PodCondition> conditions = new ArrayList<>();
    conditions.add(new V1PodCondition().type("ContainersReady").status("True").lastTransitionTime(now));
    conditions.add(new V1PodCondition().type("Ready").status(gated ? "False" : "True").lastTransitionTime(now));
    p.status(new V1PodStatus().phase("Running").podIP(ip).hostIP("10.0.128.5").conditions(conditions));
    return core.replaceNamespacedPodStatus(name, it.namespace(), p).execute();
  }

  static V1Endpoint endpoint(String ip, boolean ready, String pod, String node) {
    V1Endpoint e = new V1Endpoint().addresses(List.of(ip))
        .conditions(new V1EndpointConditions().ready(ready).serving(ready).terminating(false)).nodeName(node);
    if (pod != null) {
      e.targetRef(new V1ObjectReference().kind("Pod").name(pod));
    }
    return e;
  }

  /** Creates or replaces the Service's one EndpointSlice. */
  static void slice(ItContext it, List<V1Endpoint> endpoints) throws Exception {
    ApiClient kube = it.kube();
    DiscoveryV1Api discovery = new DiscoveryV1Api(kube);
    V1EndpointSlice s = new V1EndpointSlice().addressType("IPv4")
        .metadata(new V1ObjectMeta().name("web-1").namespace(it.namespace())
            .labels(Map.of("kubernetes.io/service-name", "web")))
        .ports(List.of(new DiscoveryV1EndpointPort().name("http").port(8080).protocol("TCP")))
        .endpoints(endpoints);
    try {
      V1EndpointSlice current = discovery.readNamespacedEndpointSlice("web-1", it.namespace()).execute();
      s.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
      discovery.replaceNamespacedEndpointSlice("web-1", it.namespace(), s).execute();
    } catch (io.kubernetes.client.openapi.ApiException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      discovery.createNamespacedEndpointSlice(it.namespace(), s).execute();
    }
  }
}
