package dev.albc.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeCondition;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1NodeStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Taint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Node eligibility, the target diff and its batches (docs/targets.md). */
class TargetSelectionTest {

  static V1Node node(String id, String ready, Map<String, String> labels, V1Taint... taints) {
    return new V1Node().metadata(new V1ObjectMeta().name(id).labels(labels))
        .spec(new V1NodeSpec().providerID("aws:///us-west-2a/" + id).taints(List.of(taints)))
        .status(new V1NodeStatus().conditions(List.of(new V1NodeCondition().type("Ready").status(ready))));
  }

  @Test
  void eligibleNodesAreReadyUnlabelledUntaintedAndSelected() {
    List<V1Node> nodes = List.of(
        node("i-1", "True", Map.of("pool", "a")),
        node("i-2", "False", Map.of("pool", "a")),
        node("i-3", "True", Map.of("pool", "a", "node.kubernetes.io/exclude-from-external-load-balancers", "")),
        node("i-4", "True", Map.of("pool", "a", "eks.amazonaws.com/compute-type", "fargate")),
        node("i-5", "True", Map.of("pool", "a"), new V1Taint().key("ToBeDeletedByClusterAutoscaler").effect("NoSchedule")),
        node("i-6", "True", Map.of("pool", "a"), new V1Taint().key("karpenter.sh/disrupted").effect("NoSchedule")),
        node("i-7", "True", Map.of("pool", "a"), new V1Taint().key("karpenter.sh/disrupted").effect("PreferNoSchedule")),
        node("i-8", "True", Map.of("pool", "b")),
        node("i-9", "True", Map.of("pool", "a", "node-role.kubernetes.io/master", "")));
    LabelSelector pool = new LabelSelector(Map.of("pool", "a"), List.of());
    assertThat(NodeEligibility.targets(nodes, pool, true, 31000))
        .containsExactly(new Target("i-1", 31000), new Target("i-7", 31000));
    assertThat(NodeEligibility.targets(nodes, null, true, 31000)).extracting(Target::id)
        .containsExactly("i-1", "i-7", "i-8");
  }

  @Test
  void unknownNodesServeOnlyWhenNoneIsReadyAndFailOpenIsOn() {
    List<V1Node> nodes = List.of(node("i-1", "Unknown", Map.of()), node("i-2", "False", Map.of()));
    assertThat(NodeEligibility.targets(nodes, null, true, 1)).containsExactly(new Target("i-1", 1));
    assertThat(NodeEligibility.targets(nodes, null, false, 1)).isEmpty();
    List<V1Node> withReady = List.of(node("i-1", "Unknown", Map.of()), node("i-3", "True", Map.of()));
    assertThat(NodeEligibility.targets(withReady, null, true, 1)).containsExactly(new Target("i-3", 1));
  }

  @Test
  void instanceIdComesFromTheProviderId() {
    V1Node hybrid = new V1Node().spec(new V1NodeSpec().providerID("eks-hybrid:///us-west-2/my-cluster/mi-0abc"));
    V1Node other = new V1Node().spec(new V1NodeSpec().providerID("kind://docker/kind/kind-worker"));
    assertThat(NodeEligibility.instanceId(hybrid)).contains("mi-0abc");
    assertThat(NodeEligibility.instanceId(other)).isEmpty();
  }

  @Test
  void diffIgnoresDrainingAndUnusedAndMatchesByIdAndPort() {
    List<TargetHealth> observed = List.of(
        new TargetHealth(new Target("i-1", 30000), "healthy", null, null),
        new TargetHealth(new Target("i-1", 30001), "healthy", null, null),
        new TargetHealth(new Target("i-2", 30000), "draining", "Target.DeregistrationInProgress", null),
        new TargetHealth(new Target("i-3", 30000), "unused", "Target.NotRegistered", null));
    TargetDiff d = TargetDiff.of(List.of(new Target("i-1", 30000), new Target("i-2", 30000),
        new Target("i-3", 30000)), observed);
    assertThat(d.register()).containsExactly(new Target("i-2", 30000), new Target("i-3", 30000));
    assertThat(d.deregister()).containsExactly(new Target("i-1", 30001));
  }

  @Test
  void registrationsGoInBatchesOf200() {
    List<Integer> items = new ArrayList<>();
    for (int i = 0; i < 450; i++) {
      items.add(i);
    }
    assertThat(TargetDiff.batches(items, TargetDiff.BATCH)).extracting(List::size).containsExactly(200, 200, 50);
  }

  @Test
  void cidrMembershipIsForLiteralsOnly() {
    Cidr c = Cidr.parse("10.0.0.0/16");
    assertThat(c.contains("10.0.200.1")).isTrue();
    assertThat(c.contains("10.1.0.1")).isFalse();
    assertThat(c.contains("example.com")).isFalse();
    assertThat(Cidr.parse("2600:1f14::/56").contains("2600:1f14::5")).isTrue();
  }
}
