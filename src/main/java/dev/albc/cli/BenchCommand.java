package dev.albc.cli;

import dev.albc.facts.ControllerSettings;
import dev.albc.facts.IngressClassFact;
import dev.albc.facts.IngressFact;
import dev.albc.facts.IngressFact.BackendFact;
import dev.albc.facts.IngressFact.PathFact;
import dev.albc.facts.IngressFact.RuleFact;
import dev.albc.facts.ServiceFact;
import dev.albc.facts.SubnetFact;
import dev.albc.desired.DesiredStateBuilder;
import dev.albc.desired.DesiredState;
import dev.albc.rules.RuleCompiler;
import dev.albc.rules.RuleRunner;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code albc bench}: translates generated Ingresses (in explicit groups, two NodePort Services
 * each, six subnets) and reports rule-base load time, warm time per plan and peak heap. Cold time
 * (JVM start to printed plan) is measured from outside: see docs/benchmarks.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure offline plan speed and memory on generated Ingresses.")
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--ingresses", description = "Number of Ingresses (default: ${DEFAULT-VALUE}).")
  int ingresses = 1000;

  @Option(names = "--groups", description = "Number of IngressGroups they are spread over (default: ${DEFAULT-VALUE}).")
  int groups = 100;

  @Option(names = "--iterations", description = "Measured plans after warm-up (default: ${DEFAULT-VALUE}).")
  int iterations = 5;

  @Option(names = "--warmup", description = "Warm-up plans (default: ${DEFAULT-VALUE}).")
  int warmup = 2;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (ingresses < 1 || groups < 1 || groups > ingresses || iterations < 1 || warmup < 0) {
      spec.commandLine().getErr().println("albc bench: need 1 <= groups <= ingresses, iterations >= 1, warmup >= 0");
      return Main.EXIT_USAGE;
    }
    long t0 = System.nanoTime();
    RuleRunner runner = new RuleRunner(RuleCompiler.loadBuiltin());
    long loadMs = (System.nanoTime() - t0) / 1_000_000;
    ControllerSettings settings = settings(null);
    List<Object> facts = facts(ingresses, groups);
    DesiredStateBuilder planner = new DesiredStateBuilder(runner);
    DesiredState plan = null;
    for (int i = 0; i < warmup; i++) {
      plan = planner.plan(settings, facts, false).plan();
    }
    resetPeaks();
    long[] times = new long[iterations];
    for (int i = 0; i < iterations; i++) {
      long s = System.nanoTime();
      plan = planner.plan(settings, facts, false).plan();
      times[i] = System.nanoTime() - s;
    }
    long peak = peakHeapBytes();
    Arrays.sort(times);
    int resources = plan.groups().stream().mapToInt(g -> g.resources().size()).sum();
    out.printf("ingresses=%d groups=%d services=%d subnets=6 resources=%d errors=%s%n",
        ingresses, groups, ingresses * 2, resources, plan.hasErrors());
    out.printf("rule base load: %d ms%n", loadMs);
    out.printf("warm plan: median %.1f ms, min %.1f ms, max %.1f ms (%d iterations after %d warm-up)%n",
        times[times.length / 2] / 1e6, times[0] / 1e6, times[times.length - 1] / 1e6, iterations, warmup);
    out.printf("peak heap during measured plans: %d MB (max heap %d MB)%n",
        peak / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    out.flush();
    return plan.hasErrors() ? 1 : 0;
  }

  /** The settings the generated workload is planned with (cluster "bench", its VPC); null scheme = the default. */
  public static ControllerSettings settings(String defaultScheme) {
    return new ControllerSettings("bench", "vpc-bench", "us-west-2", null, null, defaultScheme, null,
        null, null, true, null, true, true);
  }

  /** N Ingresses in G explicit groups, each routing two paths to its two NodePort Services. */
  public static List<Object> facts(int n, int g) {
    List<Object> facts = new ArrayList<>();
    facts.add(new IngressClassFact("alb", IngressClassFact.ALB_CONTROLLER, false, null, null, null));
    for (int i = 0; i < n; i++) {
      String ns = "ns-" + (i % 50);
      String name = "app-" + i;
      String group = "group-" + (i % g);
      facts.add(new IngressFact(ns, name, "uid-" + i, "alb",
          Map.of("alb.ingress.kubernetes.io/group.name", group,
              "alb.ingress.kubernetes.io/group.order", String.valueOf(i % 7),
              "alb.ingress.kubernetes.io/healthcheck-path", "/healthz"),
          Map.of(), null,
          List.of(new RuleFact(name + ".example.com", List.of(
              new PathFact("/api", "Prefix", new BackendFact(name + "-api", "http", null, null)),
              new PathFact("/", "Prefix", new BackendFact(name + "-web", null, 80, null))))),
          List.of(), List.of(), false));
      facts.add(new ServiceFact(ns, name + "-api", "svc-uid-a-" + i, "NodePort", Map.of(),
          List.of(new ServiceFact.PortFact("http", 8080, "TCP", "8080", 30000 + (i % 2000))), List.of(), Map.of()));
      facts.add(new ServiceFact(ns, name + "-web", "svc-uid-w-" + i, "NodePort", Map.of(),
          List.of(new ServiceFact.PortFact("http", 80, "TCP", "http", 32000 + (i % 700))), List.of(), Map.of()));
    }
    String[] azs = {"us-west-2a", "us-west-2b", "us-west-2c"};
    for (int s = 0; s < 6; s++) {
      facts.add(new SubnetFact("subnet-bench" + s, "vpc-bench", azs[s % 3], null,
          Map.of(s < 3 ? "kubernetes.io/role/internal-elb" : "kubernetes.io/role/elb", "1"), 250, List.of(), null));
    }
    return facts;
  }

  static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
