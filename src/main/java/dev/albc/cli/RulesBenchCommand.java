package dev.albc.cli;

import dev.albc.facts.ControllerSettings;
import dev.albc.facts.IngressFact;
import dev.albc.desired.DesiredStateBuilder;
import dev.albc.desired.DesiredState;
import dev.albc.rules.RuleCompiler;
import dev.albc.rules.RuleRunner;
import dev.albc.rules.RuleSet;
import dev.albc.rules.RuleSetHolder;
import dev.albc.rules.RuleSource;
import dev.albc.rules.UserRules;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.kie.api.KieBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code albc bench-rules}: the cost of user rules — compile time of N generated user rules (added
 * to the precompiled built-in rules, and, for comparison, compiled together with the built-in DRL),
 * plan time with them loaded, and heap over many hot reloads. Results: docs/benchmarks.md.
 */
@Command(name = "bench-rules", mixinStandardHelpOptions = true,
    description = "Measure user-rule compile time, plan time with user rules, and heap over hot reloads.")
public final class RulesBenchCommand implements Callable<Integer> {
  @Option(names = "--user-rules", split = ",", description = "Numbers of generated user rules (default: ${DEFAULT-VALUE}).")
  List<Integer> counts = new ArrayList<>(List.of(10, 100));

  @Option(names = "--compiles", description = "Measured compiles per count, after one warm-up (default: ${DEFAULT-VALUE}).")
  int compiles = 5;

  @Option(names = "--no-full", description = "Do not time compiling the built-in and user DRL together.")
  boolean noFull;

  @Option(names = "--ingresses", description = "Ingresses of the plan measured with the rules loaded (default: ${DEFAULT-VALUE}).")
  int ingresses = 1000;

  @Option(names = "--groups", description = "IngressGroups they are spread over (default: ${DEFAULT-VALUE}).")
  int groups = 100;

  @Option(names = "--iterations", description = "Measured plans per rule set (default: ${DEFAULT-VALUE}).")
  int iterations = 5;

  @Option(names = "--warmup", description = "Warm-up plans per rule set, and warm-up compiles (default: ${DEFAULT-VALUE}).")
  int warmup = 3;

  @Option(names = "--reloads", description = "Hot reloads measured for heap (default: ${DEFAULT-VALUE}).")
  int reloads = 100;

  @Option(names = "--reload-rules", description = "User rules in each reloaded version (default: ${DEFAULT-VALUE}).")
  int reloadRules = 100;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (counts.stream().anyMatch(n -> n < 1) || compiles < 1 || iterations < 1 || reloads < 0 || ingresses < 1
        || groups < 1 || groups > ingresses || reloadRules < 1) {
      spec.commandLine().getErr().println("albc bench-rules: counts, compiles, iterations and rule counts must be >= 1");
      return Main.EXIT_USAGE;
    }
    Runtime rt = Runtime.getRuntime();
    out.printf("jvm: %s %s, %d cpus, max heap %d MB, load average %.1f%n", System.getProperty("java.vm.name"),
        System.getProperty("java.version"), rt.availableProcessors(), rt.maxMemory() >> 20, load());

    ControllerSettings settings = BenchCommand.settings("internet-facing");
    int maxRules = counts.stream().mapToInt(Integer::intValue).max().orElse(1);
    List<Object> facts = facts(ingresses, groups, maxRules);

    long t0 = System.nanoTime();
    RuleSet builtin = RuleCompiler.loadBuiltin();
    out.printf("built-in rules (precompiled): load %.0f ms (cold JVM)%n", ms(t0));
    long w0 = System.nanoTime();
    RuleCompiler.compileWithBuiltin(generate(maxRules, "warmup"));
    out.printf("first user-rule compile of this JVM (%d rules, warm-up): %.0f ms%n", maxRules, ms(w0));
    for (int i = 1; i < warmup; i++) {
      RuleCompiler.compileWithBuiltin(generate(maxRules, "warmup" + i));
    }
    List<String> labels = new ArrayList<>(List.of("built-in rules only"));
    List<RuleSet> sets = new ArrayList<>(List.of(builtin));
    for (int n : counts) {
      List<RuleSource> user = generate(n, "bench");
      double[] times = new double[compiles];
      RuleSet rs = null;
      for (int i = 0; i < compiles; i++) {
        long s = System.nanoTime();
        rs = RuleCompiler.compileWithBuiltin(user);
        times[i] = ms(s);
      }
      Arrays.sort(times);
      out.printf("%d user rules: compile + add to built-in: median %.0f ms (min %.0f, max %.0f, %d compiles)%n",
          n, times[times.length / 2], times[0], times[times.length - 1], compiles);
      if (!noFull) {
        double[] ft = new double[Math.min(compiles, 3)];
        for (int i = 0; i < ft.length; i++) {
          long f0 = System.nanoTime();
          RuleCompiler.compile(UserRules.withBuiltin(user));
          ft[i] = ms(f0);
        }
        Arrays.sort(ft);
        out.printf("%d user rules: compiled together with the built-in DRL instead: median %.0f ms (%d compiles)%n",
            n, ft[ft.length / 2], ft.length);
      }
      out.flush();
      labels.add(n + " user rules");
      sets.add(rs);
    }

    // plans with each rule set, round-robin so drift (JIT, other load) hits them alike
    List<DesiredStateBuilder> planners = sets.stream().map(rs -> new DesiredStateBuilder(new RuleRunner(rs))).toList();
    double[][] planTimes = new double[sets.size()][iterations];
    DesiredState last = null;
    for (int w = 0; w < warmup; w++) {
      for (DesiredStateBuilder p : planners) {
        last = p.plan(settings, facts, false).plan();
      }
    }
    for (int i = 0; i < iterations; i++) {
      for (int k = 0; k < planners.size(); k++) {
        long s = System.nanoTime();
        last = planners.get(k).plan(settings, facts, false).plan();
        planTimes[k][i] = ms(s);
      }
    }
    if (last == null || last.groups().isEmpty()) {
      throw new IllegalStateException("bench plan has no groups");
    }
    double base = 0;
    for (int k = 0; k < planners.size(); k++) {
      Arrays.sort(planTimes[k]);
      double median = planTimes[k][iterations / 2];
      if (k == 0) {
        base = median;
        out.printf("plan, %s: median %.1f ms (%d ingresses, %d groups; %d iterations after %d warm-up)%n",
            labels.get(k), median, ingresses, groups, iterations, warmup);
      } else {
        out.printf("plan, %s: median %.1f ms (%+.1f ms)%n", labels.get(k), median, median - base);
      }
    }
    out.flush();

    if (reloads > 0) {
      reloadHeap(out);
    }
    out.printf("load average at the end: %.1f%n", load());
    out.flush();
    return 0;
  }

  /** Heap after GC every tenth of the reloads, and whether replaced rule bases were released. */
  void reloadHeap(PrintWriter out) {
    AtomicInteger version = new AtomicInteger();
    RuleSetHolder holder = new RuleSetHolder(() -> generate(reloadRules, "v" + version.get()));
    holder.reload();
    List<WeakReference<KieBase>> replaced = new ArrayList<>();
    int step = Math.max(1, reloads / 10);
    long[] times = new long[reloads];
    out.printf("hot reload of %d user rules, %d times (heap used after full GC):%n", reloadRules, reloads);
    out.printf("  reload %3d: %4d MB%n", 0, heapAfterGc() >> 20);
    for (int i = 1; i <= reloads; i++) {
      replaced.add(new WeakReference<>(holder.current().kieBase()));
      version.incrementAndGet();
      long s = System.nanoTime();
      RuleSetHolder.Outcome o = holder.reloadIfChanged();
      times[i - 1] = System.nanoTime() - s;
      if (!o.swapped()) {
        out.println("  reload " + i + " failed: " + o.problems());
        return;
      }
      if (i % step == 0 || i == reloads) {
        out.printf("  reload %3d: %4d MB%n", i, heapAfterGc() >> 20);
      }
    }
    heapAfterGc();
    long alive = replaced.stream().filter(r -> r.get() != null).count();
    Arrays.sort(times);
    out.printf("  reload time: median %.0f ms, max %.0f ms; replaced rule bases still reachable: %d of %d%n",
        times[times.length / 2] / 1e6, times[times.length - 1] / 1e6, alive, replaced.size());
  }

  /**
   * N user rules of the kinds the examples show: custom annotations that set a tag (override),
   * and every fifth a policy on internet-facing groups (validate).
   */
  static List<RuleSource> generate(int n, String tag) {
    StringBuilder s = new StringBuilder("""
        package bench;

        import dev.albc.facts.*;
        import dev.albc.rules.api.*;

        """);
    for (int i = 0; i < n; i++) {
      if (i % 5 == 4) {
        s.append("""
            // policy %1$d: a label forbids internet-facing load balancers
            rule "bench %2$s policy %1$d"
                ruleflow-group "validate"
            when
                $g : Group($gid : id, $gscope : scope)
                Effective(scope == $gscope, name == "scheme", value == "internet-facing")
                $m : Member(groupId == $gid, ingress.labels["bench-forbid-%1$d"] == "true")
            then
                insert(Diagnostic.error($gid, $m.object(), "metadata.labels", "forbidden by policy %1$d", "remove the label",
                    drools.getRule().getName()));
            end

            """.formatted(i, tag));
      } else {
        s.append("""
            // annotation %1$d: example.com/bench-%1$d sets a tag of the load balancer
            rule "bench %2$s annotation %1$d"
                ruleflow-group "override"
            when
                $m : Member($gscope : groupScope)
                $v : String() from AnnotationValues.get($m, "example.com/bench-%1$d")
            then
                insert(Setting.fromAnnotation($m, "example.com/bench-%1$d", $gscope, "tag:bench-%1$d", $v, Precedence.RULE));
            end

            """.formatted(i, tag));
      }
    }
    return List.of(new RuleSource("bench/generated-" + n + ".drl", s.toString(), false));
  }

  /** The plan benchmark's facts, each Ingress carrying one of the generated rules' annotations. */
  static List<Object> facts(int ingresses, int groups, int rules) {
    List<Object> out = new ArrayList<>();
    int i = 0;
    for (Object o : BenchCommand.facts(ingresses, groups)) {
      if (o instanceof IngressFact f) {
        Map<String, String> ann = new HashMap<>(f.annotations());
        int k = i++ % rules;
        if (k % 5 != 4) {
          ann.put("example.com/bench-" + k, "v" + k);
        }
        out.add(new IngressFact(f.namespace(), f.name(), f.uid(), f.ingressClassName(), ann, f.labels(),
            f.defaultBackend(), f.rules(), f.tls(), f.finalizers(), f.deleting()));
      } else {
        out.add(o);
      }
    }
    return out;
  }

  static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static double ms(long since) {
    return (System.nanoTime() - since) / 1e6;
  }
}
