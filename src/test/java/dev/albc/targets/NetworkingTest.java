package dev.albc.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** spec.networking: the rules of a binding, their aggregation, and the security groups they land on. */
class NetworkingTest {
  static final ObjectMapper JSON = new ObjectMapper();

  final TargetsFakes.Cluster cluster = new TargetsFakes.Cluster();
  final TargetsFakes.Groups groups = new TargetsFakes.Groups(false);
  final TargetsFakes.Writes writes = new TargetsFakes.Writes();
  final TargetsFakes.SecurityGroups sgs = new TargetsFakes.SecurityGroups();
  final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  final BindingNetworking networking = new BindingNetworking(sgs, "c1", "vpc-1", clock);
  final BindingReconciler reconciler = new BindingReconciler(cluster, groups, writes,
      TargetsSettings.defaults("c1", "vpc-1"), new TargetsMetrics(), networking, clock);

  NetworkingTest() {
    cluster.nodes.add(TargetSelectionTest.node("i-1", "True", Map.of()));
    cluster.nodes.add(TargetSelectionTest.node("i-2", "True", Map.of()));
    cluster.services = (ns, name) -> new V1Service().metadata(new V1ObjectMeta().namespace(ns).name(name))
        .spec(new V1ServiceSpec().type("NodePort").ports(List.of(
            new V1ServicePort().name("http").port(80).nodePort(name.equals("web") ? 31000 : 31005))));
    sgs.instances.put("i-1", List.of("sg-a"));
    sgs.instances.put("i-2", List.of("sg-b", "sg-x"));
    sgs.tags.put("sg-b", Map.of("kubernetes.io/cluster/c1", "owned"));
    sgs.tags.put("sg-x", Map.of());
    sgs.rules.put("sg-a", new TreeSet<>());
    sgs.rules.put("sg-b", new TreeSet<>());
    sgs.rules.put("sg-x", new TreeSet<>());
  }

  static Binding binding(String name, String service, String networking, boolean deleting) {
    return Binding.of("{\"metadata\":{\"namespace\":\"ns\",\"name\":\"" + name + "\",\"finalizers\":"
        + "[\"elbv2.k8s.aws/resources\"]" + (deleting ? ",\"deletionTimestamp\":\"2026-01-01T00:00:00Z\"" : "")
        + "},\"spec\":{\"targetGroupARN\":\"" + TargetsFakes.ARN + "\",\"targetType\":\"instance\","
        + "\"serviceRef\":{\"name\":\"" + service + "\",\"port\":80}"
        + (networking == null ? "" : ",\"networking\":" + networking) + "}}");
  }

  static String fromGroup(String sg, int... ports) {
    StringBuilder p = new StringBuilder();
    for (int port : ports) {
      p.append(p.length() == 0 ? "" : ",").append("{\"protocol\":\"TCP\",\"port\":").append(port).append('}');
    }
    return "{\"ingress\":[{\"from\":[{\"securityGroup\":{\"groupID\":\"" + sg + "\"}}],\"ports\":[" + p + "]}]}";
  }

  @Test
  void theRulesOfABindingFollowItsSpec() throws Exception {
    var perms = NetworkingRules.permissions(JSON.readTree("{\"ingress\":[{\"from\":[{\"securityGroup\":"
        + "{\"groupID\":\"sg-lb\"}},{\"ipBlock\":{\"cidr\":\"10.0.0.0/16\"}}],\"ports\":[{\"port\":8080},"
        + "{\"protocol\":\"UDP\",\"port\":\"dns\"}]},{\"from\":[{\"ipBlock\":{\"cidr\":\"2001:db8::/32\"}}]}]}"),
        name -> Set.of(53));
    assertThat(perms).containsExactly(
        Permission.fromCidr("tcp", 8080, 8080, "10.0.0.0/16"),
        Permission.fromCidr("tcp", 0, 65535, "2001:db8::/32"),
        Permission.fromGroup("tcp", 8080, 8080, "sg-lb"),
        Permission.fromCidr("udp", 53, 53, "10.0.0.0/16"),
        Permission.fromGroup("udp", 53, 53, "sg-lb"));
    assertThatThrownBy(() -> NetworkingRules.permissions(JSON.readTree(
        "{\"ingress\":[{\"from\":[{\"ipBlock\":{\"cidr\":\"10.0.0.0/33\"}}]}]}"), n -> Set.of()))
        .isInstanceOf(BindingException.class).hasMessageContaining("not a CIDR");
  }

  @Test
  void rulesFromOneSourceCollapseIntoOneRangePerGroup() {
    Map<String, SortedSet<Permission>> a = Map.of("sg-1", new TreeSet<>(Set.of(Permission.fromGroup("tcp", 31000, 31000, "sg-lb"),
        Permission.fromCidr("tcp", 80, 80, "10.0.0.0/8"))));
    Map<String, SortedSet<Permission>> b = Map.of("sg-1", new TreeSet<>(Set.of(Permission.fromGroup("tcp", 31005, 31005, "sg-lb"))),
        "sg-2", new TreeSet<>(Set.of(Permission.fromGroup("tcp", 31005, 31005, "sg-lb"))));
    assertThat(NetworkingRules.aggregate(List.of(a, b))).isEqualTo(Map.of(
        "sg-1", new TreeSet<>(Set.of(Permission.fromGroup("tcp", 31000, 31005, "sg-lb"),
            Permission.fromCidr("tcp", 80, 80, "10.0.0.0/8"))),
        "sg-2", new TreeSet<>(Set.of(Permission.fromGroup("tcp", 31005, 31005, "sg-lb")))));
  }

  @Test
  void withDisableRestrictedSgRulesEveryRuleStaysAsItIsOnce() {
    Map<String, SortedSet<Permission>> a = Map.of("sg-1", new TreeSet<>(Set.of(Permission.fromGroup("tcp", 31000, 31000, "sg-lb"),
        Permission.fromGroup("tcp", 0, 65535, "sg-lb"))));
    Map<String, SortedSet<Permission>> b = Map.of("sg-1", new TreeSet<>(Set.of(Permission.fromGroup("tcp", 31005, 31005, "sg-lb"),
        Permission.fromGroup("tcp", 31000, 31000, "sg-lb"))));
    assertThat(NetworkingRules.aggregate(List.of(a, b), false)).isEqualTo(Map.of(
        "sg-1", new TreeSet<>(Set.of(Permission.fromGroup("tcp", 31000, 31000, "sg-lb"),
            Permission.fromGroup("tcp", 31005, 31005, "sg-lb"), Permission.fromGroup("tcp", 0, 65535, "sg-lb")))));
    // restricted (the default), the same rules collapse into one range
    assertThat(NetworkingRules.aggregate(List.of(a, b), true)).isEqualTo(Map.of(
        "sg-1", new TreeSet<>(Set.of(Permission.fromGroup("tcp", 0, 65535, "sg-lb")))));
  }

  @Test
  void anAllTcpBindingFromDisableRestrictedSgRulesIsOneRuleOnEveryPort() throws Exception {
    assertThat(NetworkingRules.permissions(JSON.readTree(
        "{\"ingress\":[{\"from\":[{\"securityGroup\":{\"groupID\":\"sg-lb\"}}],\"ports\":[{\"protocol\":\"TCP\"}]}]}"),
        n -> Set.of())).containsExactly(Permission.fromGroup("tcp", 0, 65535, "sg-lb"));
  }

  @Test
  void rulesAppearOnTheNodesGroupsAndGoWhenNoBindingNeedsThem() {
    // a stale rule of ours on a cluster-tagged group no binding uses any more
    sgs.tags.put("sg-old", Map.of("kubernetes.io/cluster/c1", "shared"));
    sgs.rules.put("sg-old", new TreeSet<>(Set.of(Permission.fromGroup("tcp", 30000, 30000, "sg-lb"))));
    Binding web = binding("web", "web", fromGroup("sg-lb", 31000), false);
    Binding api = binding("api", "api", fromGroup("sg-lb", 31005), false);
    cluster.bindings.addAll(List.of(web, api));

    reconciler.reconcile(web);
    Permission p31000 = Permission.fromGroup("tcp", 31000, 31000, "sg-lb");
    // i-1 has one group; of i-2's two, the one tagged for the cluster
    assertThat(sgs.rules.get("sg-a")).containsExactly(p31000);
    assertThat(sgs.rules.get("sg-b")).containsExactly(p31000);
    assertThat(sgs.rules.get("sg-x")).isEmpty();
    assertThat(sgs.rules.get("sg-old")).as("not every binding known yet: nothing revoked").isNotEmpty();

    reconciler.reconcile(api);
    Permission range = Permission.fromGroup("tcp", 31000, 31005, "sg-lb");
    assertThat(sgs.rules.get("sg-a")).containsExactly(range);
    assertThat(sgs.rules.get("sg-old")).as("every binding known: the stale rule goes").isEmpty();

    // web is deleted: its port leaves the range
    cluster.bindings.set(0, binding("web", "web", fromGroup("sg-lb", 31000), true));
    reconciler.reconcile(cluster.bindings.get(0));
    cluster.bindings.remove(0);
    assertThat(sgs.rules.get("sg-a")).containsExactly(Permission.fromGroup("tcp", 31005, 31005, "sg-lb"));
    assertThat(writes.log).contains("removeFinalizer");

    // api drops its networking: nothing of ours is left
    Binding plain = binding("api", "api", null, false);
    cluster.bindings.set(0, plain);
    reconciler.reconcile(plain);
    assertThat(sgs.rules.get("sg-a")).isEmpty();
    assertThat(sgs.rules.get("sg-b")).isEmpty();
  }

  @Test
  void anUnchangedBindingReadsNoSecurityGroupAgain() {
    Binding web = binding("web", "web", fromGroup("sg-lb", 31000), false);
    cluster.bindings.add(web);
    reconciler.reconcile(web);
    sgs.calls.clear();
    reconciler.reconcile(Binding.of(withCheckpoint(web, writes.checkpoint)));
    assertThat(sgs.calls).isEmpty();
  }

  @Test
  void severalUntaggedGroupsOnAnEniAreAnError() {
    sgs.tags.put("sg-b", Map.of());
    Binding web = binding("web", "web", fromGroup("sg-lb", 31000), false);
    cluster.bindings.add(web);
    assertThatThrownBy(() -> reconciler.reconcile(web)).isInstanceOf(BindingException.class)
        .hasMessageContaining("expected exactly one securityGroup tagged with kubernetes.io/cluster/c1");
  }

  static String withCheckpoint(Binding b, String checkpoint) {
    return "{\"metadata\":{\"namespace\":\"ns\",\"name\":\"" + b.name() + "\",\"finalizers\":"
        + "[\"elbv2.k8s.aws/resources\"],\"annotations\":{\"elbv2.k8s.aws/checkpoint\":\"" + checkpoint + "\"}},"
        + "\"spec\":{\"targetGroupARN\":\"" + TargetsFakes.ARN + "\",\"targetType\":\"instance\","
        + "\"serviceRef\":{\"name\":\"" + b.serviceName() + "\",\"port\":80},\"networking\":" + b.networking() + "}}";
  }
}
