package dev.albc.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.openapi.models.V1EndpointSlice;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The reconcile's steps against fakes of the cluster, AWS and the writes (docs/targets.md). */
class BindingReconcilerTest {

  static final String ARN = TargetsFakes.ARN;

  final TargetsFakes.Cluster cluster = new TargetsFakes.Cluster();
  final TargetsFakes.Groups groups = new TargetsFakes.Groups(false);
  final Map<Target, TargetHealth> aws = groups.targets;
  final List<String> calls = groups.calls;
  final TargetsFakes.Writes writes = new TargetsFakes.Writes();
  final TargetsFakes.SecurityGroups securityGroups = new TargetsFakes.SecurityGroups();
  final List<V1Node> nodes = cluster.nodes;

  BindingReconcilerTest() {
    nodes.addAll(List.of(TargetSelectionTest.node("i-1", "True", Map.of()), TargetSelectionTest.node("i-2", "True",
        Map.of())));
    cluster.services = (namespace, name) -> new V1Service().metadata(new V1ObjectMeta().namespace(namespace).name(name))
        .spec(new V1ServiceSpec().type("NodePort").ports(List.of(new V1ServicePort().name("http").port(80)
            .nodePort(31000))));
  }

  BindingReconciler reconciler() {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    return new BindingReconciler(cluster, groups, writes, TargetsSettings.defaults("c1", "vpc-1"),
        new TargetsMetrics(), new BindingNetworking(securityGroups, "c1", "vpc-1", clock), clock);
  }

  static Binding binding(boolean multiCluster, boolean deleting, String checkpoint) {
    String json = "{\"metadata\":{\"namespace\":\"ns\",\"name\":\"b\",\"generation\":2,"
        + (deleting ? "\"deletionTimestamp\":\"2026-01-01T00:00:00Z\",\"finalizers\":[\"elbv2.k8s.aws/resources\"]," : "")
        + (checkpoint == null ? "" : "\"annotations\":{\"elbv2.k8s.aws/checkpoint\":\"" + checkpoint + "\"},")
        + "\"resourceVersion\":\"7\"},\"spec\":{\"targetGroupARN\":\"" + ARN + "\",\"targetType\":\"instance\","
        + "\"multiClusterTargetGroup\":" + multiCluster + ",\"serviceRef\":{\"name\":\"web\",\"port\":80}}}";
    return Binding.of(json);
  }

  @Test
  void registersEligibleNodesThenAnUnchangedBindingMakesNoAwsCall() {
    BindingReconciler r = reconciler();
    aws.put(new Target("i-9", 31000), new TargetHealth(new Target("i-9", 31000), "healthy", null, null));
    var out = r.reconcile(binding(false, false, null));
    assertThat(out.registered()).isEqualTo(2);
    assertThat(out.deregistered()).isEqualTo(1);
    assertThat(aws.keySet()).containsExactly(new Target("i-1", 31000), new Target("i-2", 31000));
    assertThat(writes.log).contains("addFinalizer", "status 2");
    calls.clear();
    var again = r.reconcile(binding(false, false, writes.checkpoint));
    assertThat(again.skipped()).isTrue();
    assertThat(calls).isEmpty();
    nodes.remove(1); // a node leaves: the checkpoint changes, the target is deregistered
    r.reconcile(binding(false, false, writes.checkpoint));
    assertThat(calls).containsExactly("DescribeTargetHealth", "DeregisterTargets 1");
  }

  @Test
  void multiClusterDeregistersOnlyWhatItRecorded() {
    BindingReconciler r = reconciler();
    aws.put(new Target("i-other", 31000), new TargetHealth(new Target("i-other", 31000), "healthy", null, null));
    r.reconcile(binding(true, false, null));
    assertThat(aws.keySet()).contains(new Target("i-other", 31000)); // nothing recorded yet: no deregistration
    assertThat(writes.tracked).containsExactly("i-1:31000", "i-2:31000");
    nodes.remove(0);
    r.reconcile(binding(true, false, null));
    assertThat(aws.keySet()).containsExactlyInAnyOrder(new Target("i-other", 31000), new Target("i-2", 31000));
    r.reconcile(binding(true, true, null));
    assertThat(aws.keySet()).containsExactly(new Target("i-other", 31000));
    assertThat(writes.log).contains("untrack", "removeFinalizer");
  }

  @Test
  void deletionDeregistersAllThenDropsTheFinalizer() {
    BindingReconciler r = reconciler();
    r.reconcile(binding(false, false, null));
    writes.log.clear();
    var out = r.reconcile(binding(false, true, null));
    assertThat(out.deregistered()).isEqualTo(2);
    assertThat(aws).isEmpty();
    assertThat(writes.log).containsExactly("removeFinalizer");
  }

  @Test
  void aServiceWithoutNodePortIsRefusedLoudly() {
    Binding b = Binding.of("{\"metadata\":{\"namespace\":\"ns\",\"name\":\"b\"},\"spec\":{\"targetGroupARN\":\""
        + ARN + "\",\"targetType\":\"instance\",\"serviceRef\":{\"name\":\"web\",\"port\":81}}}");
    assertThatThrownBy(() -> reconciler().reconcile(b)).isInstanceOf(BindingException.class)
        .hasMessageContaining("has no port 81");
  }
}
