package dev.albc.executor;

import dev.albc.aws.AccountFacts;
import dev.albc.aws.AwsCallException;
import dev.albc.aws.AwsSession;
import dev.albc.facts.ControllerSettings;
import dev.albc.intents.Intent;
import dev.albc.observe.BindingClient;
import dev.albc.observe.ObservedResource;
import dev.albc.observe.ObservedStack;
import dev.albc.observe.Observer;
import dev.albc.desired.DesiredStateBuilder;
import dev.albc.desired.DesiredState;
import dev.albc.desired.DesiredState.DesiredGroup;
import dev.albc.changes.GroupChanges;
import dev.albc.changes.LiveChanges;
import dev.albc.changes.ChangePlanner;
import dev.albc.rules.RuleRunner;
import dev.albc.sources.AwsFacts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * One live run, the pipeline with I/O at its edges: the account's AWS facts (subnets, route
 * tables, security groups, certificates) + the Kubernetes facts → rules → plan; then per group,
 * one after the other: observe (by tags and names) → plan changes (pure) → (apply) execute.
 * A group with an error diagnostic is neither observed nor changed.
 */
public final class Reconciler {
  private final AwsSession aws;
  private final ControllerSettings settings;
  private final BindingClient bindings;
  private final RuleRunner runner;
  private final Observer observer;
  private Executor.Hook hook;
  private java.time.Duration dependencyWait;

  public Reconciler(AwsSession aws, ControllerSettings settings, BindingClient bindings, RuleRunner runner) {
    if (settings.vpcId() == null || settings.vpcId().isBlank()) {
      throw new IllegalArgumentException("--aws-vpc-id is required against a live account");
    }
    this.aws = aws;
    this.settings = settings;
    this.bindings = bindings;
    this.runner = runner;
    this.observer = new Observer(aws, settings.clusterName(), settings.vpcId(), bindings);
  }

  /** A hook called before every step (tests inject failures). */
  public Reconciler withHook(Executor.Hook h) {
    this.hook = h;
    return this;
  }

  /** Bound of retried deletions (DependencyViolation, ResourceInUse). */
  public Reconciler withDependencyWait(java.time.Duration d) {
    this.dependencyWait = d;
    return this;
  }

  public Observer observer() {
    return observer;
  }

  /** The rules' plan for these Kubernetes facts and the account's AWS facts. */
  public DesiredState desired(Collection<?> kubeFacts) {
    AwsFacts awsFacts = new AccountFacts(aws).read(settings.vpcId());
    List<Object> facts = new ArrayList<>(kubeFacts);
    facts.addAll(awsFacts.all());
    return new DesiredStateBuilder(runner).plan(settings, facts, false).plan();
  }

  /** The changes each group needs, reading AWS only. */
  public LiveChanges plan(Collection<?> kubeFacts) {
    DesiredState plan = desired(kubeFacts);
    Map<String, GroupChanges> changes = new LinkedHashMap<>();
    for (DesiredGroup g : plan.groups()) {
      changes.put(g.id(), planGroup(g));
    }
    return LiveChanges.of(plan, changes);
  }

  /** One group's changes against what AWS holds now. */
  public GroupChanges planGroup(DesiredGroup g) {
    ChangePlanner.Options opt = new ChangePlanner.Options(bindings != null, false);
    boolean blocked = g.diagnostics().stream().anyMatch(DesiredState.DesiredDiagnostic::isError);
    if (blocked || g.resources().isEmpty()) {
      return ChangePlanner.plan(g, ObservedStack.empty(g.id()), opt); // no AWS read at all
    }
    ObservedStack observed = observer.observe(g.id(), g.resources());
    return ChangePlanner.plan(g, observed, opt);
  }

  /** What one apply did: per group, its planned changes and the executor's result or failure. */
  public record Applied(LiveChanges plan, Map<String, Executor.Result> results, Map<String, String> failures) {
    public boolean failed() {
      return !failures.isEmpty();
    }
  }

  /**
   * Plans and applies, group after group (so the shared backend security group made for the first
   * group is seen by the next). A group that fails stops; the others still run.
   */
  public Applied apply(Collection<?> kubeFacts) {
    DesiredState plan = desired(kubeFacts);
    Map<String, GroupChanges> changes = new LinkedHashMap<>();
    Map<String, Executor.Result> results = new LinkedHashMap<>();
    Map<String, String> failures = new LinkedHashMap<>();
    Executor executor = executor();
    for (DesiredGroup g : plan.groups()) {
      GroupChanges gc;
      try {
        gc = planGroup(g);
      } catch (AwsCallException e) {
        failures.put(g.id(), "[" + g.id() + "] " + e.getMessage());
        continue;
      }
      changes.put(g.id(), gc);
      try {
        results.put(g.id(), executor.apply(gc));
      } catch (Executor.ExecutionFailure e) {
        failures.put(g.id(), e.getMessage());
      }
    }
    return new Applied(LiveChanges.of(plan, changes), results, failures);
  }

  /** What one deletion found and did. */
  public record Deleted(Map<String, GroupChanges> changes, Map<String, Executor.Result> results,
      Map<String, String> failures) {}

  /** Plans (and unless {@code dryRun}, applies) the removal of every resource of these groups. */
  public Deleted delete(List<String> groupIds, boolean dryRun) {
    Map<String, ObservedStack> observed = new LinkedHashMap<>();
    for (String id : groupIds) {
      observed.put(id, observer.observe(id, List.<Intent>of()));
    }
    Set<String> deleting = new HashSet<>();
    observed.values().forEach(o -> o.loadBalancers().forEach(lb -> deleting.add(lb.id())));
    ObservedResource backend = observer.backendSecurityGroup();
    boolean backendFree = backend != null && !backendInUse(backend.id(), deleting);
    Map<String, GroupChanges> changes = new LinkedHashMap<>();
    Map<String, Executor.Result> results = new LinkedHashMap<>();
    Map<String, String> failures = new LinkedHashMap<>();
    Executor executor = executor();
    int i = 0;
    for (var e : observed.entrySet()) {
      boolean last = ++i == observed.size();
      GroupChanges gc = ChangePlanner.planDeletion(e.getKey(), e.getValue(),
          new ChangePlanner.Options(bindings != null, backendFree && last));
      changes.put(e.getKey(), gc);
      if (!dryRun) {
        try {
          results.put(e.getKey(), executor.apply(gc));
        } catch (Executor.ExecutionFailure f) {
          failures.put(e.getKey(), f.getMessage());
        }
      }
    }
    return new Deleted(changes, results, failures);
  }

  /**
   * Whether a load balancer of the cluster other than {@code deleting} uses the backend security
   * group: the cluster's load balancers by tag (one tagging call, or the run's listing), described by ARN.
   */
  boolean backendInUse(String sgId, Set<String> deleting) {
    List<String> arns = new ArrayList<>();
    observer.taggedArns(Map.of(ObservedResource.CLUSTER_TAG, settings.clusterName()),
        "the load balancers of cluster " + settings.clusterName()).keySet().forEach(arn -> {
          if (arn.contains(":loadbalancer/") && !deleting.contains(arn)) {
            arns.add(arn);
          }
        });
    for (int i = 0; i < arns.size(); i += 20) {
      List<String> batch = arns.subList(i, Math.min(arns.size(), i + 20));
      List<LoadBalancer> lbs;
      try {
        lbs = aws.elbv2().describeLoadBalancers(r -> r.loadBalancerArns(batch)).loadBalancers();
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
    Executor e = new Executor(aws, bindings, observer, settings.vpcId(), hook);
    if (dependencyWait != null) {
      e.withWaits(dependencyWait, java.time.Duration.ofMillis(Math.min(2000, Math.max(100, dependencyWait.toMillis() / 10))));
    }
    return e;
  }
}
