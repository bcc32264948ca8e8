package dev.albc.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.targets.Binding;
import dev.albc.targets.TargetsItFixture;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeCondition;
import io.kubernetes.client.openapi.models.V1Taint;
import io.kubernetes.client.util.PatchUtils;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Instance mode end to end (docs/targets.md), driven by {@code albc controller} as a process: Nodes of
 * emulated EC2 instances join and leave a target group made outside albc, on the Service's NodePort,
 * as they turn Ready, NotReady, tainted for deletion or deleted, and as the NodePort changes; the
 * binding's spec.networking rule appears on the nodes' cluster-tagged security group; deleting the
 * binding deregisters all, revokes the rule and drops the finalizer.
 */
@IntegrationTest
class TargetsInstanceIT {

  @Test
  void nodesFollowReadinessTaintsDeletionAndNodePort(ItContext it) throws Exception {
    TargetsItFixture f = new TargetsItFixture(it);
    CoreV1Api core = new CoreV1Api(it.kube());
    // the load balancer's backend group, the nodes' group (tagged for the cluster) and another one
    String backend = f.securityGroup("backend", Map.of());
    String nodes = f.securityGroup("nodes", Map.of("kubernetes.io/cluster/" + it.clusterName(), "owned"));
    String other = f.securityGroup("other", Map.of());
    Instance i1 = f.instance(f.network().privateSubnets().get(0), nodes);
    Instance i2 = f.instance(f.network().privateSubnets().get(1), nodes, other);
    Instance i3 = f.instance(f.network().privateSubnets().get(0), nodes);
    V1Node n1 = it.seedKube().nodeFor(i1);
    V1Node n2 = it.seedKube().nodeFor(i2);
    V1Node n3 = it.seedKube().node(i3.instanceId() + "-node", "aws:///" + i3.placement().availabilityZone() + "/"
        + i3.instanceId(), i3.placement().availabilityZone(), i3.privateIpAddress(), false, Map.of());
    it.seedKube().node("fargate-" + it.namespace(), "aws:///zone/i-0fa0fa0fa0fa0fa0f", "zone", "10.0.9.9", true,
        Map.of("eks.amazonaws.com/compute-type", "fargate"));

    f.service("web", "NodePort", Map.of("app", "web"));
    int port = f.nodePort("web");
    String arn = f.targetGroup("k8s-user-made-tg", TargetTypeEnum.INSTANCE, 80);
    f.binding("web", arn, "instance", "web", Map.of("networking", Map.of("ingress", List.of(Map.of(
        "from", List.of(Map.of("securityGroup", Map.of("groupID", backend))),
        "ports", List.of(Map.of("protocol", "TCP", "port", port)))))));
    f.startControllerProcess();

    // Ready nodes are registered on the NodePort; the NotReady one and the Fargate one are not
    f.awaitTargets(arn, Set.of(i1.instanceId() + ":" + port, i2.instanceId() + ":" + port));
    // the backend group may reach the NodePort on the nodes' group (of i2's two, the cluster-tagged one)
    f.awaitWithLog(() -> f.managedRules(nodes), Set.of("tcp " + port + "-" + port + " " + backend),
        "rules of the nodes' security group");
    assertThat(f.managedRules(other)).isEmpty();
    f.awaitWithLog(() -> {
      try {
        Binding b = f.readBinding("web");
        return b.hasFinalizer() && b.checkpoint() != null && b.observedGeneration() == b.generation();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, true, "finalizer, checkpoint and observedGeneration of the binding");

    // the NotReady node turns Ready; the second goes NotReady
    setReady(core, n3.getMetadata().getName(), "True");
    setReady(core, n2.getMetadata().getName(), "False");
    f.awaitTargets(arn, Set.of(i1.instanceId() + ":" + port, i3.instanceId() + ":" + port));

    // tainted for deletion by the cluster autoscaler
    V1Node fresh = core.readNode(n1.getMetadata().getName()).execute();
    fresh.getSpec().setTaints(List.of(new V1Taint().key("ToBeDeletedByClusterAutoscaler").value("1")
        .effect("NoSchedule")));
    core.replaceNode(fresh.getMetadata().getName(), fresh).execute();
    f.awaitTargets(arn, Set.of(i3.instanceId() + ":" + port));

    // the second comes back, the third is deleted
    setReady(core, n2.getMetadata().getName(), "True");
    core.deleteNode(n3.getMetadata().getName()).execute();
    f.awaitTargets(arn, Set.of(i2.instanceId() + ":" + port));

    // the NodePort changes: the targets follow (new port registered, old one deregistered)
    int newPort = port == 31999 ? 31998 : 31999;
    String patch = "[{\"op\":\"replace\",\"path\":\"/spec/ports/0/nodePort\",\"value\":" + newPort + "}]";
    PatchUtils.patch(Object.class, () -> core.patchNamespacedService("web", it.namespace(), new V1Patch(patch))
        .buildCall(null), V1Patch.PATCH_FORMAT_JSON_PATCH, it.kube());
    f.awaitTargets(arn, Set.of(i2.instanceId() + ":" + newPort));

    // deleting the binding deregisters everything and revokes its rules, then the finalizer goes
    f.deleteBinding("web");
    f.awaitTargets(arn, Set.of());
    f.awaitWithLog(() -> f.managedRules(nodes), Set.of(), "rules of the nodes' security group");
    f.awaitWithLog(() -> {
      try {
        return f.readBinding("web") == null;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, true, "the binding is gone");
    assertThat(f.registered(arn)).isEmpty();
  }

  static void setReady(CoreV1Api core, String node, String status) throws Exception {
    V1Node n = core.readNode(node).execute();
    for (V1NodeCondition c : n.getStatus().getConditions()) {
      if ("Ready".equals(c.getType())) {
        c.setStatus(status);
        c.setReason("True".equals(status) ? "KubeletReady" : "KubeletNotReady");
      }
    }
    core.replaceNodeStatus(node, n).execute();
  }
}
