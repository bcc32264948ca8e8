package dev.albc.controller;

import dev.albc.rules.RuleRunner;
import dev.albc.rules.RuleSetHolder;
import dev.albc.rules.RuleSource;
import dev.albc.rules.UserRules;
import dev.albc.sources.InputLimits;
import dev.albc.sources.InputText;
import io.kubernetes.client.informer.ListerWatcher;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapList;
import io.kubernetes.client.openapi.models.V1EventSource;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import io.kubernetes.client.util.CallGeneratorParams;
import io.kubernetes.client.util.Watchable;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.kubernetes.client.util.generic.options.ListOptions;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * User rules shipped as ConfigMaps (docs/controller.md "Rules from ConfigMaps"): every ConfigMap
 * labelled {@value #LABEL}{@code : "true"} in the controller's namespace is a rule source, each data
 * key ending in {@code .drl} one file named {@code configmap/<name>/<key>}, loaded beside
 * {@code --rules-dir} through one {@link RuleSetHolder}. A change is reloaded at once (the folders
 * are polled); a set that does not compile, is refused by the rule guard, or fails the
 * {@link ConfigMapRulesCheck} leaves the last good set in force and is reported — a Warning event
 * {@code RulesRejected} on the ConfigMaps it names, {@code albc_rules_reload_total{result="failure"}}
 * and one JSON log line per problem, each with its file and line. A set put in force re-enqueues
 * every group and gets a Normal event {@code RulesLoaded} on each ConfigMap that changed.
 */
public final class ConfigMapRules implements AutoCloseable {
  public static final String LABEL = "albc.dev/rules";
  public static final String PREFIX = "configmap/";
  static final String COMPONENT = "albc-rules";
  /** The fingerprint of no user file at all. */
  private static final String NO_USER_RULES = dev.albc.rules.api.Names.sha256("");

  /** One labelled ConfigMap: its metadata (for events) and its rule files by key. */
  record Source(V1ObjectMeta meta, SortedMap<String, String> files) {}

  private final ApiClient kube;
  private final String namespace;
  private final List<Path> ruleDirs;
  private final JsonLog log;
  private final Supplier<Collection<String>> allGroups;
  private final Consumer<Collection<String>> enqueue;
  private final RuleSetHolder holder;
  private final Counter reloads;
  private final Gauge hash;
  private final Gauge skippedGauge;
  /** The marks of hung sources (docs/controller.md "A rule that hangs"); null without a namespace. */
  private final RejectedSources rejected;
  /** The {@code --rules-dir} files recorded rejected (key → hash), read at {@link #start}. */
  private volatile Map<String, String> record = Map.of();
  /** The skipped sources already reported (name + hash), so each is told once. */
  private final Set<String> skipReported = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Map<String, Source> configMaps = new ConcurrentSkipListMap<>();
  /** The files of each ConfigMap in the rule set in force. */
  private final Map<String, SortedMap<String, String>> inForce = new HashMap<>();
  private final AtomicBoolean pending = new AtomicBoolean();
  private final ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor(
      GroupQueue.daemon("albc-rules-reload"));

  /**
   * @param namespace the controller's namespace (whose labelled ConfigMaps are rules), or empty
   * @param allGroups every group known now (re-enqueued when new rules go in force)
   */
  public ConfigMapRules(ApiClient kube, String namespace, List<Path> ruleDirs, RuleSetHolder.Check check,
      Metrics metrics, JsonLog log, Supplier<Collection<String>> allGroups, Consumer<Collection<String>> enqueue) {
    this.kube = kube;
    this.namespace = namespace == null ? "" : namespace;
    this.ruleDirs = List.copyOf(ruleDirs);
    this.log = log;
    this.allGroups = allGroups;
    this.enqueue = enqueue;
    this.reloads = Counter.builder().name("albc_rules_reload_total")
        .help("Reloads of the user rules that saw a change, by result (success, failure)").labelNames("result")
        .register(metrics.registry);
    this.hash = Gauge.builder().name("albc_rules_content_hash")
        .help("The first 48 bits of the SHA-256 of the user rule files in force (0: built-in rules only)")
        .register(metrics.registry);
    this.skippedGauge = Gauge.builder().name("albc_rules_sources_skipped")
        .help("User rule sources skipped because a reconcile hung in their current version (docs/controller.md)")
        .register(metrics.registry);
    this.rejected = this.namespace.isEmpty() ? null : new RejectedSources(kube, this.namespace);
    this.holder = new RuleSetHolder(this::sources).withCheck(check);
    holder.onReload(this::reported);
  }

  /**
   * Loads the rules (built-in, {@code --rules-dir}, the ConfigMaps seen so far) and polls the
   * folders every {@code pollEvery}.
   *
   * @throws Unloadable when this first set cannot be loaded
   */
  public void start(Duration pollEvery) {
    readRecord();
    RuleSetHolder.Outcome o = holder.reload();
    if (!o.swapped()) {
      throw new Unloadable("the rules cannot be loaded: " + String.join("; ", o.problems()));
    }
    if (!ruleDirs.isEmpty()) {
      reloader.scheduleWithFixedDelay(this::reloadNow, pollEvery.toMillis(), pollEvery.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /** The namespace whose labelled ConfigMaps are rules (empty: none are watched). */
  public String namespace() {
    return namespace;
  }

  /** A runner over the rule set in force now. */
  public RuleRunner runner() {
    return holder.runner();
  }

  public RuleSetHolder holder() {
    return holder;
  }

  /** A labelled ConfigMap was added or changed (informer). */
  public void put(V1ConfigMap cm) {
    SortedMap<String, String> files = new TreeMap<>();
    Map<String, String> data = cm.getData() == null ? Map.of() : cm.getData();
    data.forEach((k, v) -> {
      if (k.endsWith(".drl")) {
        files.put(k, v);
      }
    });
    configMaps.put(cm.getMetadata().getName(), new Source(cm.getMetadata(), files));
    schedule();
  }

  /** A labelled ConfigMap was deleted (or lost its label). */
  public void remove(V1ConfigMap cm) {
    configMaps.remove(cm.getMetadata().getName());
    schedule();
  }

  /** A lister-watcher of the ConfigMaps labelled {@value #LABEL}{@code =true} in {@code namespace}. */
  static ListerWatcher<V1ConfigMap, V1ConfigMapList> labelled(ApiClient client, String namespace) {
    var api = new GenericKubernetesApi<>(V1ConfigMap.class, V1ConfigMapList.class, "", "v1", "configmaps", client);
    return Informers.selected(api, namespace, LABEL + "=true", null);
  }

  /** Reloads now, on the caller's thread, when the sources changed (the leader does before its first reconcile). */
  public RuleSetHolder.Outcome reloadNow() {
    pending.set(false);
    try {
      return holder.reloadIfChanged();
    } catch (RuntimeException e) {
      log.error("rules", "reloading the rules failed: " + e, null, null);
      return null;
    }
  }

  private void schedule() {
    if (pending.compareAndSet(false, true)) {
      reloader.schedule(this::reloadNow, 200, TimeUnit.MILLISECONDS); // a burst of informer events → one reload
    }
  }

  /**
   * The user sources now: the folders' files, then the ConfigMaps' by name and key — without the
   * sources whose current version a reconcile hung in ({@link RejectedSources}), each reported once.
   */
  List<RuleSource> sources() {
    List<String> skipped = new ArrayList<>();
    List<RuleSource> out = new ArrayList<>(ruleDirs.isEmpty() ? List.of()
        : RejectedSources.withoutRecorded(UserRules.sources(ruleDirs), record, skipped));
    skipped.forEach(f -> skippedOnce(f, null, "file " + f + " is recorded in ConfigMap " + RejectedSources.RECORD));
    configMaps.forEach((name, s) -> {
      if (RejectedSources.marked(s.meta(), s.files())) {
        skipped.add(name);
        skippedOnce(name + "@" + RejectedSources.hash(s.files()), s.meta(), "ConfigMap " + name + " carries "
            + RejectedSources.ANNOTATION + " with the hash of its current version");
        return;
      }
      s.files().forEach((key, text) -> {
        String file = PREFIX + name + "/" + key;
        // the limits of a rule file read from a folder (docs/limits.md): a refusal rejects the set
        InputText.text(file, text.getBytes(StandardCharsets.UTF_8), InputLimits.RULE_FILE_BYTES, "bytes per rule file");
        out.add(new RuleSource(file, text, false));
      });
    });
    skippedGauge.set(skipped.size());
    return out;
  }

  /** A skipped source, told once per version: a Warning event {@code RulesSkipped} (on the ConfigMap) and a log line. */
  private void skippedOnce(String key, V1ObjectMeta meta, String why) {
    if (!skipReported.add(key)) {
      return;
    }
    String msg = "rules skipped: " + why + " (a reconcile hung in this version); the controller runs without them;"
        + " edit the source to have it checked and tried again (docs/controller.md \"A rule that hangs\")";
    log.warn("rules", msg, null, null);
    if (meta != null) {
      event(meta, true, "RulesSkipped", msg);
    }
  }

  /** Reads the record of rejected {@code --rules-dir} files; a failure is logged (the files then load). */
  private void readRecord() {
    if (rejected == null || ruleDirs.isEmpty()) {
      return;
    }
    try {
      record = rejected.readRecord();
    } catch (ApiException e) {
      log.warn("rules", "reading ConfigMap " + RejectedSources.RECORD + " failed: HTTP " + e.getCode()
          + "; the --rules-dir files all load", null, null);
    }
  }

  /** The marks of hung sources, or null when there is no namespace to keep them in. */
  RejectedSources rejected() {
    return rejected;
  }

  /** A rule ConfigMap's metadata as last seen, or null. */
  V1ObjectMeta meta(String name) {
    Source s = configMaps.get(name);
    return s == null ? null : s.meta();
  }

  private synchronized void reported(RuleSetHolder.Outcome o) {
    Map<String, Source> now = new TreeMap<>(configMaps);
    now.values().removeIf(s -> RejectedSources.marked(s.meta(), s.files())); // skipped: not in force
    if (o.swapped()) {
      reloads.labelValues("success").inc();
      hash.set(hashValue(holder.fingerprintInForce()));
      log.info("rules", "rules in force: generation " + o.generation() + ", " + holder.current().sourceNames().size()
          + " file(s), content " + holder.fingerprintInForce().substring(0, 12) + ", loaded in "
          + o.took().toMillis() + " ms; every group is queued again", null, null);
      for (Source s : now.values()) {
        String name = s.meta().getName();
        if (!s.files().equals(inForce.get(name))) {
          event(s.meta(), false, "RulesLoaded", "rules in force: " + String.join(", ", s.files().keySet()));
        }
      }
      inForce.clear();
      now.forEach((n, s) -> inForce.put(n, s.files()));
      enqueue.accept(allGroups.get());
      return;
    }
    reloads.labelValues("failure").inc();
    for (String p : o.problems()) {
      log.warn("rules", "rules rejected, the last good rules stay in force: " + p, null, null);
    }
    Set<String> named = new LinkedHashSet<>();
    for (String p : o.problems()) {
      for (String n : now.keySet()) {
        if (p.contains(PREFIX + n + "/")) {
          named.add(n);
        }
      }
    }
    // a problem naming no file (a run that did not end) is every changed ConfigMap's
    Collection<String> blamed = named.isEmpty() ? changedSinceInForce(now) : named;
    String message = "rules rejected, the last good rules stay in force: " + String.join("; ", o.problems());
    for (String n : blamed) {
      event(now.get(n).meta(), true, "RulesRejected", message);
    }
  }

  private List<String> changedSinceInForce(Map<String, Source> now) {
    List<String> out = new ArrayList<>();
    now.forEach((n, s) -> {
      if (!s.files().equals(inForce.get(n))) {
        out.add(n);
      }
    });
    return out;
  }

  /** Records an event on the ConfigMap; a failure to record is logged, never thrown. */
  void event(V1ObjectMeta m, boolean warning, String reason, String message) {
    String text = message.length() > 1024 ? message.substring(0, 1021) + "..." : message;
    OffsetDateTime now = OffsetDateTime.now();
    CoreV1Event e = new CoreV1Event()
        .metadata(new V1ObjectMeta().namespace(m.getNamespace()).name(m.getName() + "."
            + Long.toHexString(System.currentTimeMillis()) + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000))))
        .involvedObject(new V1ObjectReference().apiVersion("v1").kind("ConfigMap").namespace(m.getNamespace())
            .name(m.getName()).uid(m.getUid()).resourceVersion(m.getResourceVersion()))
        .type(warning ? "Warning" : "Normal").reason(reason).message(text)
        .source(new V1EventSource().component(COMPONENT)).reportingComponent(COMPONENT)
        .firstTimestamp(now).lastTimestamp(now).count(1);
    try {
      new CoreV1Api(kube).createNamespacedEvent(m.getNamespace(), e).execute();
    } catch (ApiException ex) {
      log.warn("rules", "event " + reason + " on ConfigMap " + m.getName() + " not recorded: HTTP " + ex.getCode(),
          null, null);
    } catch (RuntimeException ex) {
      log.warn("rules", "event " + reason + " on ConfigMap " + m.getName() + " not recorded: " + ex, null, null);
    }
  }

  /** The first 48 bits of the hex digest as a number (exact in a double); 0 for built-in rules only. */
  static double hashValue(String sha256) {
    return sha256 == null || sha256.equals(NO_USER_RULES) ? 0 : Long.parseLong(sha256.substring(0, 12), 16);
  }

  @Override
  public void close() {
    reloader.shutdownNow();
    holder.close();
  }

  /** The first rule set cannot be loaded (a user rule does not compile, or is refused): the controller does not start. */
  public static final class Unloadable extends IllegalStateException {
    Unloadable(String message) {
      super(message);
    }
  }
}
