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

  static final String ARN = "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/tg/1";

  final List<V1Node> nodes = new ArrayList<>(List.of(
      TargetSelectionTest.node("i-1", "True", Map.of()), TargetSelectionTest.node("i-2", "True", Map.of())));
  final Map<Target, TargetHealth> aws = new LinkedHashMap<>();
  final List<String> calls = new ArrayList<>();
  final FakeWrites writes = new FakeWrites();

  BindingReconciler reconciler() {
    ClusterView cluster = new ClusterView() {
      @Override
      public V1Service service(String namespace, String name) {
        return new V1Service().metadata(new V1ObjectMeta().namespace(namespace).name(name))
            .spec(new V1ServiceSpec().type("NodePort").ports(List.of(new V1ServicePort().name("http").port(80)
                .nodePort(31000))));
      }

      @Override
      public Collection<V1Node> nodes() {
        return nodes;
      }

      @Override
      public V1Node node(String name) {
        return null;
      }

      @Override
      public List<V1EndpointSlice> endpointSlices(String namespace, String service) {
        return List.of();
      }

      @Override
      public V1Pod pod(String namespace, String name) {
        return null;
      }

      @Override
      public List<Binding> bindings() {
        return List.of();
      }
    };
    TargetGroups groups = new TargetGroups() {
      @Override
      public Optional<List<TargetHealth>> health(String arn) {
        calls.add("DescribeTargetHealth");
        return Optional.of(List.copyOf(aws.values()));
      }

      @Override
      public void register(String arn, List<Target> targets) {
        calls.add("RegisterTargets " + targets.size());
        targets.forEach(t -> aws.put(t.key(), new TargetHealth(t.key(), "initial", null, null)));
      }

      @Override
      public void deregister(String arn, List<Target> targets) {
        calls.add("DeregisterTargets " + targets.size());
        targets.forEach(aws::remove);
      }

      @Override
      public Optional<Info> byArn(String arn) {
        return Optional.empty();
      }

      @Override
      public Optional<Info> byName(String name) {
        return Optional.empty();
      }

      @Override
      public List<String> vpcCidrs(String vpcId) {
        return List.of();
      }
    };
    return new BindingReconciler(cluster, groups, writes, TargetsSettings.defaults(), new TargetsMetrics(),
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
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

  static final class FakeWrites implements BindingWrites {
    final List<String> log = new ArrayList<>();
    String checkpoint;
    Set<String> tracked;

    @Override
    public void addFinalizer(Binding b) {
      log.add("addFinalizer");
    }

    @Override
    public void removeFinalizer(Binding b) {
      log.add("removeFinalizer");
    }

    @Override
    public void checkpoint(Binding b, String c) {
      checkpoint = c;
    }

    @Override
    public void status(Binding b, long g, String s, String reason, String message) {
      log.add("status " + g);
    }

    @Override
    public void podCondition(String namespace, String pod, ReadinessGates.Wanted condition) {
      log.add("pod " + pod + " " + condition.status());
    }

    @Override
    public Optional<Set<String>> trackedTargets(Binding b) {
      return Optional.ofNullable(tracked);
    }

    @Override
    public void trackTargets(Binding b, Set<String> identifiers) {
      tracked = new TreeSet<>(identifiers);
    }

    @Override
    public void untrackTargets(Binding b) {
      tracked = null;
      log.add("untrack");
    }
  }
}
