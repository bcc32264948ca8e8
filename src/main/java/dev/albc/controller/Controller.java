package dev.albc.controller;

import dev.albc.aws.AwsSession;
import dev.albc.executor.Executor;
import dev.albc.executor.KubeBindings;
import dev.albc.aws.AccountFacts;
import dev.albc.live.LiveGroups;
import dev.albc.observe.SharedObservations;
import dev.albc.facts.ControllerSettings;
import dev.albc.targets.SdkTargetGroups;
import dev.albc.targets.TargetsController;
import dev.albc.targets.TargetsSettings;
import dev.albc.webhook.Webhooks;
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
  private final Metrics metrics;
  private final JsonLog log;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
      GroupQueue.daemon("albc-ticks"));
  private static final Duration RULES_CHECK_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration RULES_POLL = Duration.ofSeconds(10);
  private volatile int exitCode;
  private Informers informers;
  /** How long the snapshot read at the workers' start may serve groups' first observations. */
  static final Duration SNAPSHOT_MAX_AGE = Duration.ofMinutes(30);
  private SharedObservations observations;
  private LiveGroups live;
  private volatile GroupQueue queue;
  private Leadership leadership;
  private Probes probes;
  // ---- TargetGroupBindings (docs/targets.md): informers on every replica, workers on the leader ----
  private TargetsSettings targetsSettings;
  private TargetsController targets;
  // ---- ConfigMap rules (docs/controller.md "Rules from ConfigMaps") ----
  private List<java.nio.file.Path> ruleDirs = List.of();
  private ConfigMapRules ruleSources;
  // ---- admission webhooks (docs/targets.md "Webhooks"): on every replica, from the informer caches ----
  private Webhooks.Settings webhookSettings = Webhooks.Settings.defaults();
  private Webhooks webhooks;

  /** @param aws a session built with {@link AwsMetrics} over {@code metrics} among its interceptors */
  public Controller(ControllerSettings settings, Config config, ApiClient kube, AwsSession aws, Metrics metrics,
      JsonLog log) {
    this.settings = settings;
    this.config = config;
    this.kube = kube;
    this.aws = aws;
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

  /**
   * The {@code --rules-dir} folders: the controller loads them beside the rule ConfigMaps and reloads
   * both when they change. The rule set is built once, at {@link #start()}; rules that cannot be
   * loaded make it throw {@link ConfigMapRules.Unloadable}.
   */
  public Controller withRuleDirs(List<java.nio.file.Path> dirs) {
    this.ruleDirs = List.copyOf(dirs);
    return this;
  }

  /** The webhook server's settings (default: {@link Webhooks.Settings#defaults()}; port 0 = none). */
  public Controller withWebhooks(Webhooks.Settings w) {
    this.webhookSettings = w;
    return this;
  }

  /** The webhook server's port, or -1 when there is none (tests bind port 0). */
  public int webhookPort() {
    return webhooks == null ? -1 : webhooks.port();
  }

  /**
   * Starts the webhook server on every replica, leader or not (the webhook Service sends to any):
   * the Ingress validator reads the fact store and the account facts last read, which a background
   * tick keeps read on every replica so a follower can answer too (docs/targets.md "Ingress
   * validation"). The pod and binding webhooks read the TargetGroupBinding informers.
   */
  private void startWebhooks(FactStore store, CachedAccountFacts account) throws Exception {
    if (!webhookSettings.enabled()) {
      log.info("start", "webhook server off (--webhook-bind-port=0)", null, null);
      return;
    }
    if (targets == null) {
      log.warn("start", "webhook server off: its pod and binding webhooks read the TargetGroupBinding informers,"
          + " and TargetGroupBindings are not served (CRD missing)", null, null);
      return;
    }
    ticks.scheduleWithFixedDelay(() -> {
      try {
        account.facts();
      } catch (RuntimeException e) {
        log.warn("webhook", "reading the account facts for the Ingress webhook: " + e.getMessage(), null, null);
      }
    }, 0, 60, TimeUnit.SECONDS);
    webhooks = Webhooks.start(webhookSettings, targets.view(), new SdkTargetGroups(aws),
        new WebhookFacts(store, informers::synced, account::lastRead), ruleSources::runner, settings);
  }

  // ---- end of the admission webhooks ----

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
    CachedAccountFacts account = new CachedAccountFacts(() -> new AccountFacts(aws).all(settings.vpcId(), settings.clusterName()),
        config.accountFactsTtl(), Duration.ofSeconds(10), java.time.Clock.systemUTC());
    // ---- ConfigMap rules: the rule set in force, checked against every current group before a swap
    ruleSources = new ConfigMapRules(kube, rulesNamespace(), ruleDirs,
        new ConfigMapRulesCheck(settings, store, account, RULES_CHECK_TIMEOUT), metrics, log, store::groupIds,
        this::enqueue);
    ruleSources.start(RULES_POLL);
    // ----
    observations = new SharedObservations(config.accountFactsTtl(), SNAPSHOT_MAX_AGE, java.time.Clock.systemUTC());
    live = new LiveGroups(aws, settings, new KubeBindings(kube, ns), ruleSources::runner, store, account, observations)
        .withHook(exitAfterWrites(leadership.hook(), System.getenv(EXIT_AFTER_WRITES)));
    GroupReconciler groups = new GroupReconciler(store, writes, new LiveGroupReconcile(live, account), dnsNames(), metrics,
        log);
    queue = new GroupQueue(config.workers(), GroupQueue.BASE_DELAY, GroupQueue.MAX_DELAY, groups::reconcile,
        metrics, log);
    informers = new Informers(kube, ns, config.syncPeriod(), store, queue::add, log);
    informers.watchRuleConfigMaps(ruleSources);
    informers.onInvalidClass((raw, message) -> {
      if (leadership.isLeader()) { // the reference's event handlers run on the leader only
        String failed = writes.event(raw, true, "FailedLoadGroupID", message);
        log.info("load_group_id", failed == null ? message : message + " (recording the event failed: " + failed + ")",
            null, raw.getMetadata().getNamespace() + "/" + raw.getMetadata().getName());
      }
    });
    informers.start();
    startTargets(ns);
    startWebhooks(store, account);
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
    ruleSources.reloadNow(); // the rule ConfigMaps listed so far are in force (or reported) before the first reconcile
    takeSnapshot();
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

  /**
   * A load balancer's DNS name by ARN: as the group's observation saw it, else (just created) read
   * once; it never changes for an ARN, so it is kept.
   */
  private Function<String, String> dnsNames() {
    Map<String, String> cache = new ConcurrentHashMap<>();
    return arn -> {
      String seen = observations.dnsName(arn);
      return seen != null ? seen : cache.computeIfAbsent(arn, a -> aws.elbv2()
          .describeLoadBalancers(r -> r.loadBalancerArns(List.of(a))).loadBalancers().stream().findFirst()
          .map(lb -> lb.dnsName()).orElse(null));
    };
  }

  /**
   * Before the first worker starts: every resource tagged for the cluster read at once, for the
   * groups' first observations (docs/controller.md "AWS reads after a start"). A failure is logged
   * and each group then reads for itself.
   */
  private void takeSnapshot() {
    long t = System.nanoTime();
    try {
      live.takeSnapshot(java.time.Instant.now());
      log.info("start", "read the cluster's load balancers, target groups and security groups for the first"
          + " reconciles in " + (System.nanoTime() - t) / 1_000_000 + " ms", null, null);
    } catch (RuntimeException e) {
      log.warn("start", "reading the cluster's resources at once failed (each group reads its own): "
          + e.getMessage(), null, null);
    }
  }

  private void enqueue(java.util.Collection<String> groups) {
    GroupQueue q = queue;
    if (q != null) {
      q.add(groups);
    }
  }

  // ---- test-only switch (docs/controller.md "Test-only switch") ----
  static final String EXIT_AFTER_WRITES = "ALBC_TEST_EXIT_AFTER_WRITES";

  /**
   * With {@value #EXIT_AFTER_WRITES}{@code =N} set (tests only): the process halts — no shutdown hook,
   * as a {@code kill -9} — when about to make its (N+1)th AWS write, so exactly N writes were made.
   */
  private Executor.Hook exitAfterWrites(Executor.Hook lease, String n) {
    if (n == null || n.isBlank()) {
      return lease;
    }
    int limit = Integer.parseInt(n.strip());
    java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
    log.warn("start", EXIT_AFTER_WRITES + "=" + limit + ": a test switch; the process halts after " + limit
        + " AWS write(s)", null, null);
    return (groupId, change, step) -> {
      lease.beforeStep(groupId, change, step);
      if (writes.getAndIncrement() >= limit) {
        log.warn("reconcile", EXIT_AFTER_WRITES + ": halting before " + step.call() + " after " + limit
            + " write(s)", groupId, null);
        Runtime.getRuntime().halt(TEST_EXIT_STATUS);
      }
    };
  }

  /** The status of a process halted by the test switch. */
  public static final int TEST_EXIT_STATUS = 97;

  /** Where rule ConfigMaps are watched: the lease's namespace, else {@code POD_NAMESPACE}; empty: none. */
  private String rulesNamespace() {
    if (config.leaderElectionNamespace() != null && !config.leaderElectionNamespace().isBlank()) {
      return config.leaderElectionNamespace();
    }
    String pod = System.getenv("POD_NAMESPACE");
    return pod == null ? "" : pod.strip();
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
    if (ruleSources != null) {
      ruleSources.close();
    }
    if (webhooks != null) {
      webhooks.close();
    }
    ticks.shutdownNow();
    stopped.countDown();
  }
}
