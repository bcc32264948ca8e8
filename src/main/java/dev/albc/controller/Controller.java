package dev.albc.controller;

import dev.albc.aws.AwsSession;
import dev.albc.executor.KubeBindings;
import dev.albc.aws.AccountFacts;
import dev.albc.live.LiveGroups;
import dev.albc.facts.ControllerSettings;
import dev.albc.rules.RuleRunner;
import dev.albc.targets.TargetsController;
import dev.albc.targets.TargetsSettings;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code albc controller}: wires informers → fact store → work queue → group reconcile, with leader
 * election, probes and metrics (docs/controller.md). Startup order as the reference's: informers,
 * probes and metrics on every replica; the queue's workers only on the leader. Losing the lease
 * stops the workers and ends {@link #run()} with 1 (the pod restarts and campaigns again).
 */
public final class Controller implements AutoCloseable {
  /** The controller's settings beyond the rules' {@link ControllerSettings}. */
  public record Config(
      String watchNamespace,
      Duration syncPeriod,
      int workers,
      String metricsAddr,
      String healthAddr,
      boolean leaderElection,
      String leaderElectionId,
      String leaderElectionNamespace,
      Leadership.Timings timings,
      String logLevel,
      Duration accountFactsTtl) {}

  private final ControllerSettings settings;
  private final Config config;
  private final ApiClient kube;
  private final AwsSession aws;
  private final RuleRunner rules;
  private final Metrics metrics;
  private final JsonLog log;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
      GroupQueue.daemon("albc-ticks"));
  private volatile int exitCode;
  private Informers informers;
  private GroupQueue queue;
  private Leadership leadership;
  private Probes probes;
  // ---- TargetGroupBindings (docs/targets.md): informers on every replica, workers on the leader ----
  private TargetsSettings targetsSettings;
  private TargetsController targets;

  /** @param aws a session built with {@link AwsMetrics} over {@code metrics} among its interceptors */
  public Controller(ControllerSettings settings, Config config, ApiClient kube, AwsSession aws, RuleRunner rules,
      Metrics metrics, JsonLog log) {
    this.settings = settings;
    this.config = config;
    this.kube = kube;
    this.aws = aws;
    this.rules = rules;
    this.metrics = metrics;
    this.log = log;
  }

  /** The TargetGroupBinding controller's settings (default: {@link TargetsSettings#of} the rules' settings). */
  public Controller withTargets(TargetsSettings t) {
    this.targetsSettings = t;
    return this;
  }

  /** The TargetGroupBinding controller (null before {@link #start()}, or when its CRD is not served). */
  public TargetsController targets() {
    return targets;
  }

  /** Starts the TargetGroupBinding informers; its workers start in {@link #lead()}. */
  private void startTargets(String ns) {
    if (!TargetsController.served(kube, ns)) {
      log.warn("start", "TargetGroupBindings are not served (CRD missing): no targets are registered", null, null);
      return;
    }
    targets = new TargetsController(kube, ns, aws,
        targetsSettings != null ? targetsSettings : TargetsSettings.of(settings), leadership::isLeader);
    targets.metrics().register(metrics.registry);
    targets.startInformers();
  }

  /** Starts everything, then blocks until {@link #close()} (0) or the lease is lost (1). */
  public int run() throws Exception {
    start();
    stopped.await();
    return exitCode;
  }

  /** Starts informers, probes, metrics and the leader campaign; returns at once. */
  public void start() throws Exception {
    String ns = config.watchNamespace();
    FactStore store = new FactStore(settings.ingressClass());
    leadership = config.leaderElection()
        ? new Leadership(kube, config.leaderElectionNamespace(), config.leaderElectionId(), identity(),
            config.timings(), metrics, log)
        : Leadership.disabled(metrics, log);
    KubeWrites writes = new KubeWrites(kube, leadership::check);
    CachedAccountFacts account = new CachedAccountFacts(() -> new AccountFacts(aws).read(settings.vpcId()).all(),
        config.accountFactsTtl(), Duration.ofSeconds(10), java.time.Clock.systemUTC());
    LiveGroups live = new LiveGroups(aws, settings, new KubeBindings(kube, ns), () -> rules, store, account)
        .withHook(leadership.hook());
    GroupReconciler groups = new GroupReconciler(store, writes, new LiveGroupReconcile(live, account), dnsNames(), metrics,
        log);
    queue = new GroupQueue(config.workers(), GroupQueue.BASE_DELAY, GroupQueue.MAX_DELAY, groups::reconcile,
        metrics, log);
    informers = new Informers(kube, ns, config.syncPeriod(), store, queue::add, log);
    informers.start();
    startTargets(ns);
    probes = new Probes(config.healthAddr(), config.metricsAddr(), informers::synced, metrics);
    ticks.scheduleAtFixedRate(() -> store.sizes().forEach((k, v) -> metrics.cacheObjects.labelValues(k).set(v)),
        0, 30, TimeUnit.SECONDS);
    log.info("start", "albc controller for cluster " + settings.clusterName() + " (VPC " + settings.vpcId()
        + ", region " + aws.region() + ", namespace " + (ns.isEmpty() ? "all" : ns) + ")", null, null);
    leadership.start(this::lead, () -> {
      exitCode = 1;
      queue.close();
      if (targets != null) {
        targets.close();
      }
      stopped.countDown();
    });
  }

  /** On winning the lease: wait for the informers' first lists, then start the workers. */
  private void lead() {
    while (!informers.synced()) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
    log.info("start", "informers synced: " + queue.length() + " group(s) queued; starting " + config.workers()
        + " worker(s)", null, null);
    queue.start();
    if (targets != null) {
      targets.startWorkersWhenSynced(); // on its own thread: the Ingress side never waits for it
    }
  }

  /** The health server's port (tests bind port 0). */
  public int healthPort() {
    return probes == null ? -1 : probes.healthPort();
  }

  public int metricsPort() {
    return probes == null ? -1 : probes.metricsPort();
  }

  public boolean isLeader() {
    return leadership != null && leadership.isLeader();
  }

  /** A load balancer's DNS name by ARN (it never changes for an ARN: cached). */
  private Function<String, String> dnsNames() {
    Map<String, String> cache = new ConcurrentHashMap<>();
    return arn -> cache.computeIfAbsent(arn, a -> aws.elbv2().describeLoadBalancers(r -> r.loadBalancerArns(List.of(a)))
        .loadBalancers().stream().findFirst().map(lb -> lb.dnsName()).orElse(null));
  }

  private static String identity() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.net.UnknownHostException e) {
        host = "albc";
      }
    }
    return host + "_" + java.util.UUID.randomUUID();
  }

  @Override
  public void close() {
    if (queue != null) {
      queue.close();
    }
    if (targets != null) {
      targets.close();
    }
    if (leadership != null) {
      leadership.close();
    }
    if (informers != null) {
      informers.stop();
    }
    if (probes != null) {
      probes.close();
    }
    ticks.shutdownNow();
    stopped.countDown();
  }
}
