package dev.albc.it;

import static dev.albc.controller.KubeObjects.await;
import static dev.albc.controller.KubeObjects.ingress;
import static dev.albc.controller.KubeObjects.nodePortService;
import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.controller.ControllerProcess;
import dev.albc.executor.LiveFixture;
import dev.albc.testinfra.FaultProxy;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.models.V1Ingress;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The chaos run (behind {@code -Dalbc.chaos=true}; figures in docs/reliability.md): the controller,
 * run as a process, calls AWS through a {@link FaultProxy} that refuses requests, loses answers after
 * the emulator acted on them and adds latency, and is killed with {@code kill -9} at random moments
 * and started again, while Ingresses of three implicit groups and one shared group are created,
 * edited and deleted at random. Then the faults stop and the last controller must converge: every
 * Ingress has its hostname, deleted ones are gone with their finalizers, {@code plan --live} of the
 * namespace wants no change, and AWS holds one load balancer per group, no duplicate name and nothing
 * of a deleted group. {@code -Dalbc.chaos.minutes} (default 3) and {@code -Dalbc.chaos.seed}
 * (default 42) repeat a run.
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "albc.chaos", matches = "true")
class ChaosIT {
  static final Duration RUN = Duration.ofMinutes(Long.getLong("albc.chaos.minutes", 3));
  static final long SEED = Long.getLong("albc.chaos.seed", 42);
  static final FaultProxy.Faults FAULTS = new FaultProxy.Faults(0.15, 0.10, 200);
  static final int INGRESSES = 6; // ing0..ing2 alone, ing3..ing5 in one shared group
  static final List<String> PATHS = List.of("/a=web", "/b=api", "/=web", "/c=api");
  static final Duration CONVERGE = Duration.ofMinutes(6);

  @Test
  void underInjectedAwsFaultsAndKilledControllersTheStacksConvergeWithNoDuplicateAndNoOrphan(ItContext it)
      throws Exception {
    String ns = it.namespace();
    String cls = ControllerIT.ingressClass(it);
    String group = "chaos-" + ns.substring(ns.length() - 8);
    NetworkingV1Api net = new NetworkingV1Api(it.kube());
    CoreV1Api core = new CoreV1Api(it.kube());
    core.createNamespacedService(ns, nodePortService("web")).execute();
    core.createNamespacedService(ns, nodePortService("api")).execute();
    it.onCleanup(() -> ControllerIT.dropFinalizers(it, ns));
    Random rnd = new Random(SEED);
    Map<String, Integer> did = new TreeMap<>();
    long started = System.nanoTime();

    try (LiveFixture f = new LiveFixture(it);
        FaultProxy proxy = new FaultProxy(it.settings().awsEndpoint().orElseThrow(), SEED)) {
      proxy.faults(FAULTS);
      int generation = 0;
      ControllerProcess c = start(it, f, proxy, ns, generation);
      try {
        long end = System.nanoTime() + RUN.toNanos();
        long nextKill = System.nanoTime() + Duration.ofSeconds(20 + rnd.nextInt(40)).toNanos();
        while (System.nanoTime() < end) {
          String name = "ing" + rnd.nextInt(INGRESSES);
          Map<String, String> ann = new HashMap<>();
          if (name.compareTo("ing3") >= 0) {
            ann.put("alb.ingress.kubernetes.io/group.name", group);
          }
          ann.put("alb.ingress.kubernetes.io/healthcheck-path", "/h" + rnd.nextInt(3));
          V1Ingress wanted = ingress(name, cls, ann, name + ".example.com", paths(rnd));
          V1Ingress now = read(net, ns, name);
          int action = rnd.nextInt(5); // 0: delete, else edit
          try {
            if (now == null) {
              net.createNamespacedIngress(ns, wanted).execute();
              count(did, "create");
            } else if (now.getMetadata().getDeletionTimestamp() != null) {
              count(did, "wait-deleting");
            } else if (action == 0) {
              net.deleteNamespacedIngress(name, ns).execute();
              count(did, "delete");
            } else {
              ControllerIT.replace(net, ns, wanted);
              count(did, "edit");
            }
          } catch (ApiException e) {
            count(did, "kube-" + e.getCode());
          }
          Thread.sleep(500 + rnd.nextInt(2500));
          if (System.nanoTime() > nextKill) {
            c.kill();
            count(did, "kill -9");
            c = start(it, f, proxy, ns, ++generation);
            nextKill = System.nanoTime() + Duration.ofSeconds(20 + rnd.nextInt(40)).toNanos();
          }
        }
        // the end state has every Ingress (created under the faults still), so that every group is checked
        for (int i = 0; i < INGRESSES; i++) {
          String name = "ing" + i;
          Map<String, String> ann = new HashMap<>(name.compareTo("ing3") >= 0
              ? Map.of("alb.ingress.kubernetes.io/group.name", group) : Map.of());
          await(CONVERGE, c::log, () -> {
            V1Ingress now = read(net, ns, name);
            if (now == null) {
              net.createNamespacedIngress(ns, ingress(name, cls, ann, name + ".example.com", paths(rnd))).execute();
              count(did, "create");
            }
            return now == null || now.getMetadata().getDeletionTimestamp() == null ? true : null;
          });
        }
        Map<String, Long> faults = proxy.counts();
        proxy.faults(FaultProxy.Faults.NONE);
        long quiet = System.nanoTime();
        ControllerProcess last = c;
        String verdict = await(CONVERGE, () -> last.log().lines().skip(Math.max(0, last.log().lines().count() - 40))
            .reduce("", (a, b) -> a + "\n" + b), () -> converged(it, f, net, ns, group));
        System.out.printf("chaos run: seed %d, %s of changes, %d controller generations, actions %s, AWS faults %s;"
                + " converged %.1f s after the faults stopped (%s)%n", SEED, RUN, generation + 1, did, faults,
            (System.nanoTime() - quiet) / 1e9, verdict);
        assertThat(faults.getOrDefault("refused", 0L) + faults.getOrDefault("lost", 0L))
            .as("the run injected faults").isPositive();
        assertThat(did.getOrDefault("kill -9", 0)).as("the run killed a controller").isPositive();
      } finally {
        c.close();
      }
    }
    System.out.printf("chaos run took %.0f s%n", (System.nanoTime() - started) / 1e9);
  }

  static ControllerProcess start(ItContext it, LiveFixture f, FaultProxy proxy, String ns, int generation)
      throws Exception {
    return ControllerProcess.start(it, proxy.endpoint(), f.network().vpcId(), "chaos-" + generation,
        "lease-" + ns, Map.of(), ControllerProcess.JVM_OPTIONS);
  }

  static String[] paths(Random rnd) {
    List<String> out = new ArrayList<>();
    for (String p : PATHS) {
      if (rnd.nextBoolean()) {
        out.add(p);
      }
    }
    if (out.isEmpty()) {
      out.add(PATHS.get(rnd.nextInt(PATHS.size())));
    }
    return out.toArray(String[]::new);
  }

  static V1Ingress read(NetworkingV1Api net, String ns, String name) throws ApiException {
    try {
      return net.readNamespacedIngress(name, ns).execute();
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return null;
      }
      throw e;
    }
  }

  static void count(Map<String, Integer> did, String what) {
    did.merge(what, 1, Integer::sum);
  }

  /**
   * Null until the namespace and AWS agree: no Ingress being deleted, every Ingress with a
   * hostname, {@code plan --live} of the namespace without change, and AWS with exactly one load
   * balancer per live group, no duplicate name, nothing tagged for a group that is gone.
   */
  static String converged(ItContext it, LiveFixture f, NetworkingV1Api net, String ns, String group) throws Exception {
    Set<String> groups = new TreeSet<>();
    for (V1Ingress i : net.listNamespacedIngress(ns).execute().getItems()) {
      if (i.getMetadata().getDeletionTimestamp() != null || ControllerIT.withHostname(i) == null) {
        return null;
      }
      String n = i.getMetadata().getName();
      groups.add(n.compareTo("ing3") >= 0 ? group : ns + "/" + n);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = DropInIT.runCli(out, err, "plan", "--live", "--cluster-name", it.clusterName(), "--aws-vpc-id",
        f.network().vpcId(), "--aws-region", it.settings().region(), "--aws-endpoint-url",
        it.settings().awsEndpoint().orElseThrow().toString(), "--kubeconfig",
        it.settings().kubeconfig().orElseThrow().toString(), "--watch-namespace", ns);
    if (code != 0 || !out.toString().contains("Plan: 0 to create, 0 to modify, 0 to replace, 0 to delete")) {
      return null;
    }
    Map<String, Integer> lbStacks = new TreeMap<>();
    Set<String> names = new TreeSet<>();
    for (var lb : f.loadBalancers()) {
      assertThat(names.add(lb.loadBalancerName())).as("duplicate load balancer " + lb.loadBalancerName()).isTrue();
      lbStacks.merge(f.tags(lb.loadBalancerArn()).getOrDefault("ingress.k8s.aws/stack", "?"), 1, Integer::sum);
    }
    if (!lbStacks.keySet().equals(groups)) {
      return null; // a deleted group's stack may still be on its way out
    }
    assertThat(lbStacks.values()).as("one load balancer per group").allMatch(n -> n == 1);
    Set<String> tgNames = new TreeSet<>();
    for (var tg : f.targetGroups()) {
      assertThat(tgNames.add(tg.targetGroupName())).as("duplicate target group " + tg.targetGroupName()).isTrue();
      String stack = f.tags(tg.targetGroupArn()).get("ingress.k8s.aws/stack");
      if (!groups.contains(stack)) {
        return null; // an orphan, unless it goes in the next pass
      }
    }
    Set<String> sgNames = new TreeSet<>();
    for (var sg : f.securityGroups()) {
      assertThat(sgNames.add(sg.groupName())).as("duplicate security group " + sg.groupName()).isTrue();
    }
    return groups.size() + " groups, " + names.size() + " load balancers, " + tgNames.size() + " target groups, "
        + sgNames.size() + " security groups";
  }
}
