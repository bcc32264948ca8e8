package dev.albc.live;

import dev.albc.aws.AwsCallException;
import dev.albc.aws.AwsSession;
import dev.albc.changes.ChangePlanner;
import dev.albc.changes.GroupChanges;
import dev.albc.desired.DesiredState;
import dev.albc.desired.DesiredState.DesiredDiagnostic;
import dev.albc.desired.DesiredState.DesiredGroup;
import dev.albc.desired.DesiredStateBuilder;
import dev.albc.executor.Executor;
import dev.albc.executor.SecretValues;
import dev.albc.facts.ControllerSettings;
import dev.albc.intents.Intent;
import dev.albc.observe.AwsReads;
import dev.albc.observe.BindingClient;
import dev.albc.observe.ObservationCache;
import dev.albc.observe.ObservedResource;
import dev.albc.observe.ObservedStack;
import dev.albc.observe.Observer;
import dev.albc.observe.SessionReads;
import dev.albc.observe.SharedObservations;
import dev.albc.rules.RuleRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * IngressGroups reconciled against AWS (docs/apply.md), one group at a time: facts → rules →
 * desired state → observe (by names and tags) → changes (pure) → execute. Used by {@code apply},
 * {@code plan --live} and {@code delete}; its unit, one group, is the controller's work-queue item.
 *
 * <p>The Kubernetes facts come from a {@link KubeFacts}, the account's from an
 * {@link AccountFactSource}, the rules from a supplier read at each call (a reload of the rule set
 * takes effect at the next group). A group with an error diagnostic is neither observed nor changed.
 * What a run reads once for all its groups (the backend security group, the Shield subscription, the
 * listing when the tagging API is denied) lives in this object's {@link ObservationCache}: one
 * {@code LiveGroups} is one run; {@link #newRun} starts another over the same sources.
 */
public final class LiveGroups {
  private final AwsSession aws;
  private final AwsReads reads;
  private final ControllerSettings settings;
  private final BindingClient bindings;
  private final Supplier<RuleRunner> rules;
  private final KubeFacts kube;
  private final AccountFactSource account;
  private final AccountLookups lookups;
  private final Observer observer;
  private final SharedObservations shared;
  private final ObservationCache cache;
  private final TrustStoreLookups trustStores;
  private Executor.Hook hook;
  private Duration dependencyWait;
  /** Secret values for the executor, and the hashes of the client secrets sent (kept across runs). */
  private SecretValues secrets;
  /** Where the hashes of the client secrets sent are kept across runs, or null (docs/apply.md#client-secrets). */
  private SentSecrets.Store sentSecrets;

  /**
   * @param bindings the cluster's TargetGroupBindings, or null (no cluster: bindings are left out)
   * @param rules the rule set at each call (e.g. {@code RuleSetHolder}'s); null for a run that only
   *     deletes
   */
  public LiveGroups(AwsSession aws, ControllerSettings settings, BindingClient bindings, Supplier<RuleRunner> rules,
      KubeFacts kube, AccountFactSource account) {
    this(aws, new SessionReads(aws), settings, bindings, rules, kube, account, null, AccountLookups.of(aws));
  }

  /**
   * As above, the runs sharing what the controller keeps across them ({@code shared}: the backend
   * security group, the snapshot after a start, DNS names; docs/controller.md "AWS reads after a start").
   */
  public LiveGroups(AwsSession aws, ControllerSettings settings, BindingClient bindings, Supplier<RuleRunner> rules,
      KubeFacts kube, AccountFactSource account, SharedObservations shared) {
    this(aws, new SessionReads(aws), settings, bindings, rules, kube, account, shared, AccountLookups.of(aws));
  }

  LiveGroups(AwsSession aws, AwsReads reads, ControllerSettings settings, BindingClient bindings,
      Supplier<RuleRunner> rules, KubeFacts kube, AccountFactSource account) {
    this(aws, reads, settings, bindings, rules, kube, account, null, AccountLookups.of(aws));
  }

  LiveGroups(AwsSession aws, AwsReads reads, ControllerSettings settings, BindingClient bindings,
      Supplier<RuleRunner> rules, KubeFacts kube, AccountFactSource account, AccountLookups lookups) {
    this(aws, reads, settings, bindings, rules, kube, account, null, lookups);
  }

  LiveGroups(AwsSession aws, AwsReads reads, ControllerSettings settings, BindingClient bindings,
      Supplier<RuleRunner> rules, KubeFacts kube, AccountFactSource account, SharedObservations shared,
      AccountLookups lookups) {
    if (settings.vpcId() == null || settings.vpcId().isBlank()) {
      throw new IllegalArgumentException("--aws-vpc-id is required against a live account");
    }
    this.aws = aws;
    this.reads = reads;
    this.settings = settings;
    this.bindings = bindings;
    this.rules = rules;
    this.kube = kube;
    this.account = account;
    this.shared = shared;
    this.cache = new ObservationCache(shared);
    this.lookups = lookups;
    this.observer = new Observer(reads, settings.clusterName(), settings.vpcId(), bindings)
        .withCertificates(settings.gate(dev.albc.rules.lib.Certificates.GATE));
    this.trustStores = new TrustStoreLookups(reads);
    this.secrets = new SecretValues(kube::all);
  }

  /** A hook called before every step (tests inject failures, the controller checks its lease). */
  public LiveGroups withHook(Executor.Hook h) {
    this.hook = h;
    return this;
  }

  /**
   * Keep the hashes of the client secrets sent in the member Ingresses' {@value SentSecrets#ANNOTATION}
   * annotation through {@code store} (the controller, {@code apply} on a cluster); without one they
   * are read from the facts but never written.
   */
  public LiveGroups withSentSecrets(SentSecrets.Store store) {
    this.sentSecrets = store;
    return this;
  }

  /** Bound of retried deletions (DependencyViolation, ResourceInUse). */
  public LiveGroups withDependencyWait(Duration d) {
    this.dependencyWait = d;
    return this;
  }

  /** The same sources, hook and waits, with nothing read yet: the next run. */
  public LiveGroups newRun() {
    LiveGroups next = new LiveGroups(aws, reads, settings, bindings, rules, kube, account, shared, lookups);
    next.hook = hook;
    next.dependencyWait = dependencyWait;
    next.secrets = secrets;
    next.sentSecrets = sentSecrets;
    return next;
  }

  // ---- desired state ---------------------------------------------------------------------------

  /** The desired state of every group of the facts, in one rule session. */
  public DesiredState desired() {
    return desired(kube.all());
  }

  /** One group's desired state from the facts it needs; null when the rules name no such group. */
  public DesiredGroup desired(String groupId) {
    return desired(groupId, kube.forGroup(groupId));
  }

  /**
   * One group's desired state from the given Kubernetes facts (the controller plans a group with a
   * bad member held at its last valid version, docs/controller.md); null when the rules name no
   * such group.
   */
  public DesiredGroup desired(String groupId, List<Object> kubeFacts) {
    return desired(kubeFacts).groups().stream()
        .filter(g -> g.id().equals(groupId)).findFirst().orElse(null);
  }

  /** The groups the current facts name (the rules run over every fact). */
  public SortedSet<String> groupIds() {
    SortedSet<String> out = new TreeSet<>();
    desired().groups().forEach(g -> out.add(g.id()));
    return out;
  }

  /**
   * The rules over the account facts (with the look-ups answered so far) and {@code kubeFacts}; when
   * they need a look-up the facts lack (docs/apply.md "Look-ups"), the account is read for it and
   * the rules run once more, with what was found and what was not.
   */
  private DesiredState desired(List<Object> kubeFacts) {
    RuleRunner runner = rules == null ? null : rules.get();
    if (runner == null) {
      throw new IllegalStateException("no rule set: this live run only deletes");
    }
    DesiredStateBuilder builder = new DesiredStateBuilder(runner);
    List<Object> facts = new ArrayList<>(lookups.with(account.facts()));
    facts.addAll(kubeFacts);
    List<Object> stores = trustStores.facts(kubeFacts);
    facts.addAll(stores);
    DesiredStateBuilder.Result r = builder.plan(settings, facts, false);
    if (r.translation().lookups().isEmpty()) {
      return r.plan();
    }
    List<Object> misses = new ArrayList<>(lookups.resolve(r.translation().lookups()));
    List<Object> again = new ArrayList<>(lookups.with(account.facts()));
    again.addAll(misses);
    again.addAll(kubeFacts);
    again.addAll(stores);
    return builder.plan(settings, again, false).plan();
  }

  // ---- one group ---------------------------------------------------------------------------------

  /** The group's changes against AWS, read-only. An AWS error throws {@link AwsCallException}. */
  public GroupRun plan(String groupId) {
    DesiredGroup g = desired(groupId);
    return g == null ? nothing(groupId) : plan(g);
  }

  /** Plans and executes the group's changes; an AWS error is the run's {@code failure}. */
  public GroupRun reconcile(String groupId) {
    DesiredGroup g;
    try {
      g = desired(groupId);
    } catch (AwsCallException e) {
      return new GroupRun(groupId, null, null, null, "[" + groupId + "] " + e.getMessage());
    }
    return g == null ? nothing(groupId) : reconcile(g);
  }

  /** Plans (and unless {@code dryRun}, executes) the removal of every resource of the group. */
  public GroupRun delete(String groupId, boolean dryRun) {
    return delete(List.of(groupId), dryRun).get(0);
  }

  public GroupRun plan(DesiredGroup g) {
    return new GroupRun(g.id(), g, changes(g), null, null);
  }

  public GroupRun reconcile(DesiredGroup g) {
    GroupChanges changes;
    try {
      changes = changes(g);
    } catch (AwsCallException e) {
      return new GroupRun(g.id(), g, null, null, "[" + g.id() + "] " + e.getMessage());
    }
    try {
      writing(g.id(), changes);
      Executor.Result result = executor().apply(changes);
      keepSentSecrets(g, changes, result);
      return new GroupRun(g.id(), g, changes, result, null);
    } catch (Executor.ExecutionFailure e) {
      forgetShared();
      return new GroupRun(g.id(), g, changes, null, e.getMessage());
    }
  }

  /** The members' {@value SentSecrets#ANNOTATION} annotations that differ from what this run knows, written. */
  private void keepSentSecrets(DesiredGroup g, GroupChanges changes, Executor.Result result) {
    if (sentSecrets == null || changes.blocked()) {
      return;
    }
    SentSecrets.annotations(g, result.refs(), kube.forGroup(g.id()), secrets).forEach(sentSecrets::write);
  }

  /**
   * Reads the snapshot of the cluster's resources that the groups' first observations use
   * (docs/controller.md "AWS reads after a start"); without shared observations it does nothing.
   * An AWS error throws {@link AwsCallException} and leaves no snapshot: each group reads for itself.
   */
  public void takeSnapshot(java.time.Instant now) {
    if (shared != null) {
      shared.snapshot(observer.snapshot(now));
    }
  }

  /** The executor is about to write for the group: the snapshot is no longer trusted for it. */
  private void writing(String groupId, GroupChanges changes) {
    if (shared != null && !changes.isEmpty()) {
      shared.writing(groupId);
    }
  }

  /** A run failed part way: what earlier runs found (the backend security group) is read again. */
  private void forgetShared() {
    if (shared != null) {
      shared.forgetBackendSecurityGroup();
    }
  }

  private static GroupRun nothing(String groupId) {
    return new GroupRun(groupId, null, null, null, null);
  }

  /** One group's changes against what AWS holds now; a blocked or empty group is not read at all. */
  private GroupChanges changes(DesiredGroup g) {
    ChangePlanner.Options opt = new ChangePlanner.Options(bindings != null, false);
    boolean blocked = g.diagnostics().stream().anyMatch(DesiredDiagnostic::isError);
    if (blocked || g.resources().isEmpty()) {
      return ChangePlanner.plan(g, ObservedStack.empty(g.id()), opt);
    }
    ObservedStack observed = observer.observe(g.id(), g.resources(), cache);
    SentSecrets.annotate(observed, secrets, kube.forGroup(g.id()));
    return ChangePlanner.plan(g, observed, opt);
  }

  // ---- every group (the CLI) ---------------------------------------------------------------------

  /** Every group's changes, read-only; the first AWS error throws {@link AwsCallException}. */
  public LiveRun planAll() {
    DesiredState d = desired();
    return new LiveRun(d, d.groups().stream().map(this::plan).toList());
  }

  /**
   * Plans and executes group after group (so the shared backend security group made for the first
   * group is seen by the next). A group that fails stops; the others still run.
   */
  public LiveRun reconcileAll() {
    DesiredState d = desired();
    return new LiveRun(d, d.groups().stream().map(this::reconcile).toList());
  }

  /**
   * Plans (and unless {@code dryRun}, executes) the removal of every resource of these groups. All
   * are read first; the shared backend security group goes with the last one, when no other load
   * balancer of the cluster uses it. Reading AWS throws {@link AwsCallException}; an execution that
   * fails is that group's {@code failure}.
   */
  public List<GroupRun> delete(List<String> groupIds, boolean dryRun) {
    Map<String, ObservedStack> observed = new LinkedHashMap<>();
    for (String id : groupIds) {
      observed.put(id, observer.observe(id, List.<Intent>of(), cache));
    }
    Set<String> deleting = new HashSet<>();
    observed.values().forEach(o -> o.loadBalancers().forEach(lb -> deleting.add(lb.id())));
    ObservedResource backend = observer.backendSecurityGroup(cache);
    boolean backendFree = backend != null && !backendInUse(backend.id(), deleting);
    List<GroupRun> out = new ArrayList<>();
    Executor executor = executor();
    int i = 0;
    for (var e : observed.entrySet()) {
      boolean last = ++i == observed.size();
      GroupChanges gc = ChangePlanner.planDeletion(e.getKey(), e.getValue(),
          new ChangePlanner.Options(bindings != null, backendFree && last));
      Executor.Result result = null;
      String failure = null;
      if (!dryRun) {
        writing(e.getKey(), gc);
        if (backendFree && last) {
          forgetShared();
        }
        try {
          result = executor.apply(gc);
        } catch (Executor.ExecutionFailure f) {
          forgetShared();
          failure = f.getMessage();
        }
      }
      out.add(new GroupRun(e.getKey(), null, gc, result, failure));
    }
    return out;
  }

  /**
   * Whether a load balancer of the cluster other than {@code deleting} uses the backend security
   * group: the cluster's load balancers by tag (one tagging call, or the run's listing), described by ARN.
   */
  boolean backendInUse(String sgId, Set<String> deleting) {
    List<String> arns = new ArrayList<>();
    observer.taggedArns(Map.of(ObservedResource.CLUSTER_TAG, settings.clusterName()),
        "the load balancers of cluster " + settings.clusterName(), cache).keySet().forEach(arn -> {
          if (arn.contains(":loadbalancer/") && !deleting.contains(arn)) {
            arns.add(arn);
          }
        });
    for (int i = 0; i < arns.size(); i += 20) {
      List<LoadBalancer> lbs;
      try {
        lbs = reads.loadBalancersByArn(List.copyOf(arns.subList(i, Math.min(arns.size(), i + 20))));
      } catch (software.amazon.awssdk.core.exception.SdkException e) {
        return true; // cannot tell: keep it
      }
      for (LoadBalancer lb : lbs) {
        if (lb.securityGroups().contains(sgId)) {
          return true;
        }
      }
    }
    return false;
  }

  private Executor executor() {
    Executor e = new Executor(aws, bindings, cache::backendSecurityGroupCreated, settings.vpcId(), hook)
        .withSecrets(secrets);
    if (dependencyWait != null) {
      e.withWaits(dependencyWait,
          Duration.ofMillis(Math.min(2000, Math.max(100, dependencyWait.toMillis() / 10))));
    }
    return e;
  }
}
