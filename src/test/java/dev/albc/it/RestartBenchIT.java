package dev.albc.it;

import static dev.albc.controller.KubeObjects.await;
import static dev.albc.controller.KubeObjects.ingress;
import static dev.albc.controller.KubeObjects.nodePortService;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.albc.controller.ControllerProcess;
import dev.albc.executor.LiveFixture;
import dev.albc.testinfra.IntegrationTest;
import dev.albc.testinfra.ItContext;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressClass;
import io.kubernetes.client.openapi.models.V1IngressClassSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The restart benchmark (docs/benchmarks.md "Controller restart"), behind {@code -Dalbc.bench=true}:
 * N Ingresses, one group each, created by a first controller process; then a fresh controller
 * process, as after a pod restart → the time until every group is reconciled once, its AWS calls in
 * total and per group by operation, its writes, its RSS and heap with the N Ingresses watched; then
 * one Ingress edited → the time to the controller's first AWS write. Sizes grow in one namespace
 * (each size adds Ingresses to the previous ones), {@code -Dalbc.bench.restart.sizes=50,100,200}.
 * Prints a table and writes target/bench-restart.md; asserts only what must hold whatever the
 * machine: every group reconciled, no write on the restart, the edit written.
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "albc.bench", matches = "true")
class RestartBenchIT {
  static final List<Integer> SIZES = Arrays.stream(System.getProperty("albc.bench.restart.sizes", "50,100,200")
      .split(",")).map(String::trim).map(Integer::valueOf).sorted().toList();
  /** Seconds allowed per group for a creation or a restart, beyond 300 (-Dalbc.bench.restart.wait-per-group). */
  static final long WAIT_PER_GROUP = Long.getLong("albc.bench.restart.wait-per-group", 10);
  static final ObjectMapper JSON = new ObjectMapper();
  /**
   * NodePort Services, shared round-robin above this many Ingresses (-Dalbc.bench.restart.services):
   * the test API server's Service IP range (a /24) holds about 250. Each Ingress is still its own
   * group, with its own target group.
   */
  static final int SERVICES = Integer.getInteger("albc.bench.restart.services", 200);
  /**
   * JVM options tried at the largest size after the restart measured there, each in a fresh
   * restart: {@code -Dalbc.bench.restart.jvm-variants="label=options;label=options"} (none by default).
   */
  /**
   * How the stacks are made ({@code -Dalbc.bench.restart.seed}): {@code controller} (default) by a
   * first controller process; {@code direct} by albc's own plan and executor against an account
   * known to hold none of them ({@link RestartBenchSeed}: create calls only, on
   * {@code -Dalbc.bench.restart.seed-threads} threads, default 4), then a first controller completes
   * the Kubernetes side and must make no AWS write.
   */
  static final boolean DIRECT_SEED = "direct".equals(System.getProperty("albc.bench.restart.seed", "controller"));
  static final int SEED_THREADS = Integer.getInteger("albc.bench.restart.seed-threads", 4);
  static final List<String[]> JVM_VARIANTS = Arrays.stream(System.getProperty("albc.bench.restart.jvm-variants", "")
      .split(";")).map(String::trim).filter(v -> v.contains("=")).map(v -> v.split("=", 2)).toList();

  record JvmRow(String label, String options, String outcome, long restartMillis, long calls, long rssKib,
      long peakRssKib, long anonKib, long fileKib, long heapKib, long threads, String load) {}

  record Row(int n, RestartBenchSeed.Result seed, long firstWrites, long createMillis, int created, long restartMillis, long syncedToDoneMillis, long calls,
      long writes, Map<String, Long> byOp, long reconciles, long rssKib, long heapKib, long editToWriteMillis,
      Map<String, String> stageSeconds, String load) {}

  @Test
  void restartWithNUnchangedStacks(ItContext it) throws Exception {
    String ns = it.namespace();
    String cls = "alb-" + ns;
    NetworkingV1Api net = new NetworkingV1Api(it.kube());
    CoreV1Api core = new CoreV1Api(it.kube());
    net.createIngressClass(new V1IngressClass().metadata(new V1ObjectMeta().name(cls))
        .spec(new V1IngressClassSpec().controller("ingress.k8s.aws/alb"))).execute();
    it.onCleanup(() -> net.deleteIngressClass(cls).execute());
    it.onCleanup(() -> ControllerIT.dropFinalizers(it, ns));
    Map<String, String> scheme = Map.of("alb.ingress.kubernetes.io/scheme", "internet-facing");
    List<Row> rows = new ArrayList<>();
    try (LiveFixture f = new LiveFixture(it)) {
      String vpc = f.network().vpcId();
      int have = 0;
      for (int n : SIZES) {
        for (int i = have; i < n; i++) {
          String svc = "svc-" + (i % SERVICES);
          if (i < SERVICES) {
            core.createNamespacedService(ns, nodePortService(svc)).execute();
          }
          net.createNamespacedIngress(ns, ingress("app-" + i, cls, scheme, "app-" + i + ".example.com", "/=" + svc))
              .execute();
        }
        Duration wait = Duration.ofSeconds(300 + WAIT_PER_GROUP * n);
        RestartBenchSeed.Result seed = null;
        if (DIRECT_SEED) {
          java.util.Set<String> ids = new java.util.HashSet<>();
          for (int i = have; i < n; i++) {
            ids.add(ns + "/app-" + i);
          }
          seed = RestartBenchSeed.seed(it, f.settings(), ns, ids, SEED_THREADS);
          System.out.println("N = " + n + ": seeded " + seed);
        }
        // the stacks, made (or, seeded, completed) by a first controller (the new ones only, from the second size on)
        long t0 = System.nanoTime();
        long firstWrites;
        try (ControllerProcess a = ControllerProcess.start(it, vpc, "bench-create", "bench-create-" + n)) {
          await(wait, () -> tail(a.log()), () -> withHostname(net, ns) >= n ? true : null);
          ControllerScrape m = settle(a);
          firstWrites = ControllerScrape.total(m.awsWrites());
          System.out.println("N = " + n + ": first controller's AWS writes " + m.awsWrites());
        }
        long createMillis = (System.nanoTime() - t0) / 1_000_000;
        int created = n - have;
        have = n;

        // the restart: a fresh process, nothing changed
        String loadBefore = loadAverage();
        long t1 = System.nanoTime();
        try (ControllerProcess b = ControllerProcess.start(it, vpc, "bench-restart", "bench-restart-" + n)) {
          await(wait, () -> tail(b.log()), () -> ControllerScrape.metrics(b.metricsPort).reconciledOk() >= n ? true : null);
          long restartMillis = (System.nanoTime() - t1) / 1_000_000;
          // settle: the queue empty and the counts still
          ControllerScrape m = settle(b);
          long rss = ControllerScrape.rssKib(b.pid());
          System.out.println("N = " + n + ": peak RSS " + ControllerScrape.peakRssKib(b.pid()) / 1024 + " MB");
          long heap = ControllerScrape.heapUsedAfterGcKib(b.pid());
          Map<String, Long> calls = m.awsCalls();
          Map<String, Long> writes = m.awsWrites();
          assertThat(writes).as("AWS writes of a restart with %d unchanged stacks", n).isEmpty();

          // an edit → the first AWS write
          long before = ControllerScrape.total(writes);
          V1Ingress edited = ingress("app-0", cls, Map.of("alb.ingress.kubernetes.io/scheme", "internet-facing",
              "alb.ingress.kubernetes.io/healthcheck-path", "/edited-" + n), "app-0.example.com", "/=svc-0");
          long t2 = System.nanoTime();
          ControllerIT.replace(net, ns, edited);
          await(Duration.ofSeconds(120), () -> tail(b.log()),
              () -> ControllerScrape.total(ControllerScrape.metrics(b.metricsPort).awsWrites()) > before ? true : null);
          long editMillis = (System.nanoTime() - t2) / 1_000_000;
          rows.add(new Row(n, seed, firstWrites, createMillis, created, restartMillis, syncedToDone(b.log(), n), ControllerScrape.total(calls),
              0, calls, m.reconciles(), rss, heap, editMillis, stages(m), loadBefore + " → " + loadAverage()));
          write(render(rows) + renderJvm(jvmRows));
        }
        if (n == SIZES.get(SIZES.size() - 1)) {
          for (String[] v : JVM_VARIANTS) {
            jvmRows.add(jvmVariant(it, vpc, n, v[0], v[1], wait));
            write(render(rows) + renderJvm(jvmRows));
          }
        }
      }
    }
    write(render(rows) + renderJvm(jvmRows));
    if (DIRECT_SEED) {
      assertThat(rows).as("a seeded stack is what albc makes: the first controller writes nothing to AWS")
          .allSatisfy(r -> assertThat(r.firstWrites()).isZero());
    }
  }

  final List<JvmRow> jvmRows = new ArrayList<>();

  /**
   * One more restart at size n with these JVM options: its time, calls, RSS (now and peak), threads,
   * heap after GC. Words of the form {@code NAME=value} (upper case) are environment variables (e.g.
   * {@code MALLOC_ARENA_MAX=2}); with {@code -XX:NativeMemoryTracking}, jcmd's {@code
   * VM.native_memory summary} goes to target/bench-nmt-LABEL.txt; a {@code -XX:SharedArchiveFile}
   * that does not exist yet is made first by a training run ({@link #trainCds}).
   */
  static JvmRow jvmVariant(ItContext it, String vpc, int n, String label, String options, Duration wait)
      throws Exception {
    Map<String, String> env = new TreeMap<>();
    List<String> jvm = new ArrayList<>();
    for (String w : options.trim().split("\\s+")) {
      if (w.matches("[A-Z_][A-Z0-9_]*=.*")) {
        env.put(w.substring(0, w.indexOf('=')), w.substring(w.indexOf('=') + 1));
      } else if (!w.isBlank()) {
        jvm.add(w);
      }
    }
    trainCds(jvm);
    String load = loadAverage();
    long t = System.nanoTime();
    try (ControllerProcess c = ControllerProcess.start(it, vpc, "bench-jvm", "bench-jvm-" + label + "-" + n,
        env, jvm)) {
      try {
        await(wait, () -> tail(c.log()), () -> ControllerScrape.metrics(c.metricsPort).reconciledOk() >= n ? true : null);
      } catch (AssertionError | RuntimeException e) {
        return new JvmRow(label, options, "failed: " + e.getMessage().lines().findFirst().orElse("") + " | "
            + tail(c.log()).lines().reduce((a, b) -> b).orElse(""), -1, -1, -1, -1, -1, -1, -1, -1, load);
      }
      long millis = (System.nanoTime() - t) / 1_000_000;
      ControllerScrape m = settle(c);
      long rss = ControllerScrape.rssKib(c.pid());
      long peak = ControllerScrape.peakRssKib(c.pid());
      long anon = ControllerScrape.status(c.pid(), "RssAnon:");
      long file = ControllerScrape.status(c.pid(), "RssFile:");
      long threads = ControllerScrape.status(c.pid(), "Threads:");
      if (options.contains("-XX:NativeMemoryTracking")) {
        String nmt = ControllerScrape.jcmd(c.pid(), "VM.native_memory", "summary");
        Files.writeString(Path.of("target", "bench-nmt-" + label + ".txt"), "RSS " + rss + " KiB\n" + nmt);
      }
      long heap = ControllerScrape.heapUsedAfterGcKib(c.pid());
      return new JvmRow(label, options, "ok, writes " + ControllerScrape.total(m.awsWrites()), millis,
          ControllerScrape.total(m.awsCalls()), rss, peak, anon, file, heap, threads, load + " → " + loadAverage());
    }
  }

  /**
   * Makes the AppCDS archive that {@code -XX:SharedArchiveFile=PATH} names, when it does not exist: the
   * training run the image build can make (the Dockerfile), {@code albc plan} of examples/quickstart
   * (the rules, Drools, the manifest readers; no AWS or cluster), with {@code -XX:ArchiveClassesAtExit}.
   */
  static void trainCds(List<String> jvm) throws Exception {
    for (String o : jvm) {
      if (o.startsWith("-XX:SharedArchiveFile=") && !Files.exists(Path.of(o.substring(o.indexOf('=') + 1)))) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        jvm.stream().filter(x -> !x.startsWith("-XX:SharedArchiveFile=") && !x.startsWith("-XX:NativeMemoryTracking"))
            .forEach(cmd::add);
        cmd.addAll(List.of("-XX:ArchiveClassesAtExit=" + o.substring(o.indexOf('=') + 1), "-jar", "target/albc.jar",
            "plan", "--cluster-name", "cds", "--aws-vpc-id", "vpc-0123456789abcdef0", "examples/quickstart"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        System.out.println("CDS training run " + cmd + " → exit " + p.waitFor());
      }
    }
  }

  static void write(String table) throws java.io.IOException {
    System.out.println(table);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "bench-restart.md"), table);
  }

  static String renderJvm(List<JvmRow> rows) {
    if (rows.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("\nJVM options, a fresh restart each\n\n| variant | options | outcome |"
        + " restart | AWS calls | RSS | peak RSS | RSS anon + file | heap after GC | threads | load |\n"
        + "|---|---|---|--:|--:|--:|--:|--:|--:|--:|---|\n");
    for (JvmRow r : rows) {
      out.append(String.format(Locale.ROOT, "| %s | `%s` | %s | %.1f s | %d | %d MB | %d MB | %d + %d MB | %d MB | %d | %s |%n",
          r.label(), r.options(), r.outcome(), r.restartMillis() / 1000.0, r.calls(), r.rssKib() / 1024,
          r.peakRssKib() / 1024, r.anonKib() / 1024, r.fileKib() / 1024, r.heapKib() / 1024, r.threads(), r.load()));
    }
    return out.toString();
  }

  /** Waits until the queue is empty, no worker is busy and two scrapes a second apart agree. */
  static ControllerScrape settle(ControllerProcess c) throws Exception {
    ControllerScrape last = ControllerScrape.metrics(c.metricsPort);
    for (int i = 0; i < 60; i++) {
      Thread.sleep(1000);
      ControllerScrape now = ControllerScrape.metrics(c.metricsPort);
      if (now.sum("workqueue_depth", Map.of()) == 0 && now.sum("controller_runtime_active_workers", Map.of()) == 0
          && now.awsCalls().equals(last.awsCalls()) && now.reconciles() == last.reconciles()) {
        return now;
      }
      last = now;
    }
    return last;
  }

  /** Seconds spent in each reconcile stage, summed over the workers (awslbc_controller_reconcile_stage_duration). */
  static Map<String, String> stages(ControllerScrape m) {
    Map<String, String> out = new TreeMap<>();
    for (String stage : List.of("add_group_finalizer", "deploy_model", "dns_resolve_and_update_status",
        "remove_group_finalizer")) {
      out.put(stage, String.format(Locale.ROOT, "%.1f s",
          m.sum("awslbc_controller_reconcile_stage_duration_sum", Map.of("reconcile_stage", stage))));
    }
    return out;
  }

  /** The 1-minute load average (Linux), to read the times against. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  static int withHostname(NetworkingV1Api net, String ns) throws Exception {
    int n = 0;
    for (V1Ingress i : net.listNamespacedIngress(ns).execute().getItems()) {
      if (ControllerIT.withHostname(i) != null) {
        n++;
      }
    }
    return n;
  }

  /**
   * From the controller's own log: the time from "informers synced" (workers start) to its n-th
   * "reconciled" line; -1 when either is missing.
   */
  static long syncedToDone(String log, int n) {
    Instant synced = null;
    List<Instant> done = new ArrayList<>();
    for (String line : log.split("\n")) {
      if (!line.startsWith("{")) {
        continue;
      }
      try {
        JsonNode o = JSON.readTree(line);
        String msg = o.path("msg").asText();
        if (synced == null && msg.startsWith("informers synced")) {
          synced = Instant.parse(o.path("ts").asText());
        } else if (msg.startsWith("reconciled:")) {
          done.add(Instant.parse(o.path("ts").asText()));
        }
      } catch (Exception e) {
        // not a log line of ours
      }
    }
    return synced == null || done.size() < n ? -1 : Duration.between(synced, done.get(n - 1)).toMillis();
  }

  static String tail(String log) {
    return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
  }

  static String render(List<Row> rows) {
    StringBuilder out = new StringBuilder("Restart benchmark: N Ingresses, one group each, moto on loopback\n\n");
    out.append("| N | seed (groups, AWS calls) | creation (new groups), first controller's AWS writes | restart: all reconciled, from process start | from workers' start |"
        + " AWS calls (per group) | writes | reconciles | RSS | heap after GC | edit → first write |\n"
        + "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for (Row r : rows) {
      out.append(String.format(Locale.ROOT, "| %d | %s | %.1f s (%d), %d | %.1f s | %.1f s | %d (%.2f) | %d | %d | %d MB | %s |"
              + " %.2f s |%n", r.n(), r.seed() == null ? "—" : String.format(Locale.ROOT, "%.1f s (%d, %d)",
              r.seed().millis() / 1000.0, r.seed().groups(), r.seed().calls()), r.createMillis() / 1000.0, r.created(),
          r.firstWrites(), r.restartMillis() / 1000.0,
          r.syncedToDoneMillis() / 1000.0, r.calls(), (double) r.calls() / r.n(), r.writes(), r.reconciles(),
          r.rssKib() / 1024, r.heapKib() < 0 ? "?" : (r.heapKib() / 1024) + " MB", r.editToWriteMillis() / 1000.0));
    }
    out.append('\n');
    for (Row r : rows) {
      Map<String, String> perGroup = new TreeMap<>();
      r.byOp().forEach((k, v) -> perGroup.put(k, v + String.format(Locale.ROOT, " (%.2f)", (double) v / r.n())));
      out.append("- N = ").append(r.n()).append(", restart calls by operation (per group): ").append(perGroup)
          .append('\n');
      out.append("  reconcile stages, summed over the workers: ").append(r.stageSeconds()).append("; load average (1 min) ")
          .append(r.load()).append('\n');
    }
    return out.toString();
  }
}
