package dev.albc.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.targets.SdkSecurityGroupRules;
import dev.albc.targets.SdkTargetGroups;
import dev.albc.targets.Target;
import dev.albc.targets.TargetGroups;
import dev.albc.targets.TargetHealth;
import dev.albc.targets.TargetsController;
import dev.albc.targets.TargetsItFixture;
import dev.albc.targets.TargetsSettings;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.DiscoveryV1Api;
import io.kubernetes.client.openapi.models.DiscoveryV1EndpointPort;
import io.kubernetes.client.openapi.models.V1Endpoint;
import io.kubernetes.client.openapi.models.V1EndpointConditions;
import io.kubernetes.client.openapi.models.V1EndpointSlice;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * The targets benchmark (docs/benchmarks.md, "Targets"), behind {@code -Dalbc.bench=true}: N nodes,
 * B bindings (half instance mode on every node, half ip mode sharing E endpoints), then changes — a
 * node joins, an endpoint joins a slice — timed from the API write to the RegisterTargets call that
 * carries the new target, with the AWS calls each change costs. Prints a table and writes
 * target/bench-targets.md; asserts only that every change was registered, never a time.
 *
 * <pre>
 * scripts/test -Dit.test=TargetsBenchIT -Dalbc.bench=true -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dalbc.bench.nodes=100 -Dalbc.bench.bindings=50 -Dalbc.bench.endpoints=1000 -Dalbc.bench.changes=5]
 * </pre>
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "albc.bench", matches = "true")
class TargetsBenchIT {
  static final int NODES = Integer.getInteger("albc.bench.nodes", 100);
  static final int BINDINGS = Integer.getInteger("albc.bench.bindings", 50);
  static final int ENDPOINTS = Integer.getInteger("albc.bench.endpoints", 1000);
  static final int CHANGES = Integer.getInteger("albc.bench.changes", 5);
  static final Duration WAIT = Duration.ofMinutes(5);

  /** One RegisterTargets call seen by the reconciler: when, where, what. */
  record Registration(long nanos, String arn, List<Target> targets) {}

  @Test
  void changesToRegistration(ItContext it) throws Exception {
    TargetsItFixture f = new TargetsItFixture(it);
    String ns = it.namespace();
    CoreV1Api core = new CoreV1Api(it.kube());
    int instanceBindings = BINDINGS / 2;
    int ipBindings = BINDINGS - instanceBindings;
    int perSlice = Math.max(1, ENDPOINTS / Math.max(1, ipBindings));
    assertThat(perSlice + CHANGES).as("endpoints per slice fit in one /24").isLessThan(250);
    assertThat(ipBindings).as("one /24 per ip binding").isLessThan(180);

    long setup = System.nanoTime();
    for (int n = 0; n < NODES; n++) {
      node(it, n);
    }
    List<String> instanceArns = new ArrayList<>();
    List<String> ipArns = new ArrayList<>();
    for (int b = 0; b < instanceBindings; b++) {
      f.service("inst-" + b, "NodePort", Map.of("app", "inst-" + b));
      String arn = f.targetGroup("bench-i-" + b + "-" + ns.substring(ns.length() - 6), TargetTypeEnum.INSTANCE, 80);
      instanceArns.add(arn);
      f.binding("inst-" + b, arn, "instance", "inst-" + b, Map.of());
    }
    for (int b = 0; b < ipBindings; b++) {
      f.service("ip-" + b, "ClusterIP", Map.of("app", "ip-" + b));
      String arn = f.targetGroup("bench-p-" + b + "-" + ns.substring(ns.length() - 6), TargetTypeEnum.IP, 80);
      ipArns.add(arn);
      f.binding("ip-" + b, arn, "ip", "ip-" + b, Map.of());
      slice(it, "ip-" + b, b, perSlice);
    }
    System.out.printf("TargetsBenchIT: %d nodes, %d + %d bindings, %d endpoints set up in %.1f s%n", NODES,
        instanceBindings, ipBindings, perSlice * ipBindings, (System.nanoTime() - setup) / 1e9);

    List<Registration> seen = new CopyOnWriteArrayList<>();
    TargetGroups recording = recording(new SdkTargetGroups(f.aws()), seen);
    long start = System.nanoTime();
    try (TargetsController c = new TargetsController(f.watchClient(), ns, recording,
        new SdkSecurityGroupRules(f.aws()), TargetsSettings.defaults(it.clusterName(), f.network().vpcId()),
        () -> true, Clock.systemUTC())) {
      c.start(Duration.ofMinutes(2));
      long expected = (long) instanceBindings * NODES + (long) ipBindings * perSlice;
      awaitCount(seen, expected);
      double initial = (System.nanoTime() - start) / 1e9;
      quiet(c, f);
      long initialCalls = f.aws().calls().total();

      List<String> rows = new ArrayList<>();
      rows.add(String.format("| first registration of %d targets (%d bindings) | %.1f s | %d |", expected, BINDINGS,
          initial, initialCalls));

      // a node joins: every instance binding registers it
      List<Double> nodeFirst = new ArrayList<>();
      List<Double> nodeLast = new ArrayList<>();
      List<Long> nodeCalls = new ArrayList<>();
      for (int k = 0; k < CHANGES; k++) {
        f.aws().calls().reset();
        String id = instanceId(NODES + k);
        long t0 = System.nanoTime();
        node(it, NODES + k);
        List<Registration> hits = awaitRegistrations(seen, t0, r -> r.targets().stream()
            .anyMatch(t -> t.id().equals(id)), instanceBindings);
        nodeFirst.add((hits.get(0).nanos() - t0) / 1e6);
        nodeLast.add((hits.get(hits.size() - 1).nanos() - t0) / 1e6);
        quiet(c, f);
        nodeCalls.add(f.aws().calls().total());
      }
      rows.add(String.format("| a node joins: first of %d RegisterTargets | %s | %s |", instanceBindings,
          stats(nodeFirst), stats(nodeCalls.stream().map(Long::doubleValue).toList()).replace(" ms", "")));
      rows.add(String.format("| a node joins: last of %d RegisterTargets | %s | (same) |", instanceBindings,
          stats(nodeLast)));

      // an endpoint joins one slice: its binding registers it
      List<Double> epLatency = new ArrayList<>();
      List<Long> epCalls = new ArrayList<>();
      for (int k = 0; k < CHANGES; k++) {
        f.aws().calls().reset();
        int b = k % ipBindings;
        String ip = ip(b, perSlice + k); // the one endpoint the slice below adds
        long t0 = System.nanoTime();
        slice(it, "ip-" + b, b, perSlice + 1 + k);
        List<Registration> hits = awaitRegistrations(seen, t0, r -> r.targets().stream()
            .anyMatch(t -> t.id().equals(ip)), 1);
        epLatency.add((hits.get(0).nanos() - t0) / 1e6);
        quiet(c, f);
        epCalls.add(f.aws().calls().total());
      }
      rows.add(String.format("| an endpoint joins a slice: its RegisterTargets | %s | %s |", stats(epLatency),
          stats(epCalls.stream().map(Long::doubleValue).toList()).replace(" ms", "")));

      StringBuilder md = new StringBuilder("| change | time to RegisterTargets (median, max of " + CHANGES
          + ") | AWS calls per change (median, max) |\n|---|---|---|\n");
      rows.forEach(r -> md.append(r).append('\n'));
      System.out.println(md);
      Files.writeString(Path.of("target", "bench-targets.md"), md.toString());
      assertThat(nodeFirst).hasSize(CHANGES);
      assertThat(epLatency).hasSize(CHANGES);
    }
  }

  static String instanceId(int n) {
    return String.format("i-%017x", 0xbe0000L + n);
  }

  static void node(ItContext it, int n) throws Exception {
    String id = instanceId(n);
    it.seedKube().node("bench-" + id + "-" + it.namespace().substring(it.namespace().length() - 6),
        "aws:///us-west-2a/" + id, "us-west-2a", "10.0.200." + (n % 250), true, Map.of());
  }

  /** The n-th endpoint of slice {@code slice}. */
  static String ip(int slice, int n) {
    return "10.0." + (64 + slice) + "." + n;
  }

  /** The Service's one EndpointSlice with {@code count} ready endpoints (created or replaced). */
  static void slice(ItContext it, String service, int index, int count) throws Exception {
    DiscoveryV1Api discovery = new DiscoveryV1Api(it.kube());
    List<V1Endpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      endpoints.add(new V1Endpoint().addresses(List.of(ip(index, i)))
          .conditions(new V1EndpointConditions().ready(true).serving(true).terminating(false)));
    }
    V1EndpointSlice s = new V1EndpointSlice().addressType("IPv4")
        .metadata(new V1ObjectMeta().name(service + "-1").namespace(it.namespace())
            .labels(Map.of("kubernetes.io/service-name", service)))
        .ports(List.of(new DiscoveryV1EndpointPort().name("http").port(8080).protocol("TCP")))
        .endpoints(endpoints);
    try {
      V1EndpointSlice current = discovery.readNamespacedEndpointSlice(service + "-1", it.namespace()).execute();
      s.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
      discovery.replaceNamespacedEndpointSlice(service + "-1", it.namespace(), s).execute();
    } catch (io.kubernetes.client.openapi.ApiException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      discovery.createNamespacedEndpointSlice(it.namespace(), s).execute();
    }
  }

  static TargetGroups recording(TargetGroups d, List<Registration> seen) {
    return new TargetGroups() {
      @Override
      public Optional<List<TargetHealth>> health(String arn) {
        return d.health(arn);
      }

      @Override
      public void register(String arn, List<Target> targets) {
        d.register(arn, targets);
        seen.add(new Registration(System.nanoTime(), arn, List.copyOf(targets)));
      }

      @Override
      public void deregister(String arn, List<Target> targets) {
        d.deregister(arn, targets);
      }

      @Override
      public Optional<Info> byArn(String arn) {
        return d.byArn(arn);
      }

      @Override
      public Optional<Info> byName(String name) {
        return d.byName(name);
      }

      @Override
      public List<String> vpcCidrs(String vpcId) {
        return d.vpcCidrs(vpcId);
      }
    };
  }

  static void awaitCount(List<Registration> seen, long targets) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (seen.stream().mapToLong(r -> r.targets().size()).sum() < targets) {
      assertThat(System.nanoTime()).as("registered targets after " + WAIT).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  static List<Registration> awaitRegistrations(List<Registration> seen, long after, Predicate<Registration> match,
                                               int count) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      List<Registration> hits = seen.stream().filter(r -> r.nanos() >= after && match.test(r)).toList();
      if (hits.size() >= count) {
        return hits;
      }
      assertThat(System.nanoTime()).as("registrations after " + WAIT).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /** Waits until the queue is empty and no AWS call was made for a second. */
  static void quiet(TargetsController c, TargetsItFixture f) throws InterruptedException {
    long last = -1;
    int still = 0;
    while (still < 10) {
      Thread.sleep(100);
      long now = f.aws().calls().total();
      still = c.queued() == 0 && now == last ? still + 1 : 0;
      last = now;
    }
  }

  static String stats(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    return String.format("%.0f ms, %.0f ms", v.get(v.size() / 2), v.get(v.size() - 1));
  }
}
