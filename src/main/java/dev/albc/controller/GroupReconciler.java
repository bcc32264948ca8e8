package dev.albc.controller;

import dev.albc.aws.AwsCallException;
import dev.albc.desired.DesiredState.DesiredDiagnostic;
import dev.albc.desired.DesiredState.DesiredGroup;
import dev.albc.facts.IngressFact;
import dev.albc.rules.RuleTimeoutException;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1Ingress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One IngressGroup reconciled, as the reference's group controller (docs/controller.md "Reconcile
 * of one group"), read as its steps:
 *
 * <ol>
 *   <li>no active member: delete the group's stack, then the finalizers of its former members;
 *   <li>facts → rules, with a member that turned invalid held at its last valid version
 *       ({@link Quarantine}; docs/controller.md "A bad member does not block its group");
 *   <li>add the group's finalizer to every member planned (before any AWS write);
 *   <li>changes → executor through {@link GroupReconcile};
 *   <li>{@code status.loadBalancer.ingress} of every member planned, when it differs;
 *   <li>remove the finalizer from members that left (their AWS resources are gone now);
 *   <li>events and albc's annotations: {@code FailedBuildModel} and a Degraded status on the held
 *       members, {@code SuccessfullyReconciled}, a Ready status and the last valid inputs on the
 *       others ({@link MemberReports}).
 * </ol>
 *
 * Each step is a protected method, so a subclass can change one without copying the others.
 */
public class GroupReconciler {
  /** What one reconcile came to: ok, or the error that puts the group back with backoff. */
  public record Result(boolean ok, String error) {
    public static final Result OK = new Result(true, null);

    public static Result failed(String error) {
      return new Result(false, error);
    }
  }

  protected final FactStore store;
  protected final KubeWrites kube;
  protected final GroupReconcile live;
  protected final Function<String, String> dnsOf;
  protected final Metrics metrics;
  protected final JsonLog log;
  protected final MemberReports reports;
  /** Told when the rules of a reconcile ran past their time budget. */
  private OnRulesHung onRulesHung = (g, e) -> false;

  /** What the controller does when a reconcile's rules run past their time budget (docs/controller.md "A rule that hangs"). */
  public interface OnRulesHung {
    /** Marks the offending rule source rejected and reports it; true when the controller is to exit. */
    boolean mark(String groupId, RuleTimeoutException e);

    /** Exits, after the group's members were told (called only when {@link #mark} said so). */
    default void exit() {}
  }

  /** @param dnsOf a load balancer's ARN → its DNS name */
  public GroupReconciler(FactStore store, KubeWrites kube, GroupReconcile live, Function<String, String> dnsOf,
      Metrics metrics, JsonLog log) {
    this(store, kube, live, dnsOf, metrics, log, Clock.systemUTC());
  }

  public GroupReconciler(FactStore store, KubeWrites kube, GroupReconcile live, Function<String, String> dnsOf,
      Metrics metrics, JsonLog log, Clock clock) {
    this.store = store;
    this.kube = kube;
    this.live = live;
    this.dnsOf = dnsOf;
    this.metrics = metrics;
    this.log = log;
    this.reports = new MemberReports(kube, store, clock);
  }

  public Result reconcile(String groupId) {
    List<IngressFact> active = store.activeMembers(groupId);
    List<IngressFact> inactive = store.inactiveMembers(groupId);
    if (active.isEmpty()) {
      return deleteGroup(groupId, inactive);
    }
    long t = System.nanoTime();
    List<Quarantine.Member> members;
    Quarantine.Decision plan;
    try {
      members = members(groupId, active);
      plan = plan(groupId, members);
    } catch (AwsCallException e) { // the account facts could not be read
      metrics.stage("deploy_model", t);
      return deployFailed(groupId, active, "[" + groupId + "] " + e.getMessage());
    } catch (RuleTimeoutException e) { // stuck in user rule code: nothing was written for the group
      metrics.stage("deploy_model", t);
      return rulesHung(groupId, active, e);
    }
    List<IngressFact> planned = active.stream()
        .filter(i -> plan.held().stream().noneMatch(h -> h.leftOut() && h.key().equals(i.key()))).toList();
    Result r = addFinalizers(groupId, planned);
    if (!r.ok()) {
      return r;
    }
    if (plan.wholeGroup()) {
      metrics.stage("deploy_model", t);
      return groupHeld(groupId, active, plan);
    }
    GroupOutcome out = plan.desired() == null ? GroupOutcome.nothing(groupId) : live.deploy(plan.desired());
    metrics.stage("deploy_model", t);
    if (out.buildFailed()) {
      return buildFailed(groupId, active, out);
    }
    if (out.deployFailed()) {
      return deployFailed(groupId, active, out.failure());
    }
    log.info("deploy_model", "reconciled: " + out.changes() + " change(s)", groupId, null);
    r = updateStatus(groupId, planned, out);
    if (!r.ok()) {
      return r;
    }
    r = removeFinalizers(groupId, inactive);
    if (!r.ok()) {
      return r;
    }
    r = membersHeld(groupId, active, plan);
    Result s = succeeded(groupId, members, plan);
    if (!r.ok()) {
      return r;
    }
    return s;
  }

  /**
   * What to do when the rules of a reconcile run past their time budget (docs/controller.md "A
   * rule that hangs"): the controller marks the offending source and exits; true when it does.
   */
  public GroupReconciler onRulesHung(OnRulesHung h) {
    this.onRulesHung = h;
    return this;
  }

  /**
   * The rules ran past their time budget: no AWS write was made for the group (the rules run
   * before any), the members are told, and the handler decides (mark the source and exit).
   */
  protected Result rulesHung(String groupId, List<IngressFact> active, RuleTimeoutException e) {
    metrics.error("build_model_error");
    boolean exiting = onRulesHung.mark(groupId, e);
    String msg = e.getMessage() + (exiting ? "; the rule source is marked rejected and the controller restarts"
        + " without it (docs/controller.md \"A rule that hangs\")" : "; retried with backoff");
    active.forEach(i -> event(store.rawIngress(i.key()), true, "FailedBuildModel", msg));
    log.warn("build_model", msg, groupId, null);
    if (exiting) {
      onRulesHung.exit();
    }
    return Result.failed(msg);
  }

  /** Each active member as it is now, with its last valid inputs and whether it was deployed. */
  protected List<Quarantine.Member> members(String groupId, List<IngressFact> active) {
    List<Object> facts = store.forGroup(groupId);
    String fin = Membership.finalizerOf(groupId);
    List<Quarantine.Member> out = new ArrayList<>();
    for (IngressFact i : active) {
      out.add(new Quarantine.Member(i, MemberInputs.of(i, facts),
          MemberInputs.fromJson(i.annotation(MemberInputs.ANNOTATION)), i.finalizers().contains(fin)));
    }
    return out;
  }

  /**
   * Rules only: the group as it is, or with its bad members held ({@link Quarantine}). When the
   * rules refuse something, the account facts are read again and, if they changed, it is planned
   * once more (a subnet or certificate made since the last read).
   */
  protected Quarantine.Decision plan(String groupId, List<Quarantine.Member> members) {
    Function<List<Object>, DesiredGroup> rules = f -> live.desired(groupId, f);
    List<Object> facts = store.forGroup(groupId);
    Quarantine.Decision d = Quarantine.decide(facts, members, rules);
    if (!d.errors().isEmpty() && live.refreshAccountFacts()) {
      d = Quarantine.decide(facts, members, rules);
    }
    return d;
  }

  /** The last member is gone: the stack goes, then the members' finalizers. */
  protected Result deleteGroup(String groupId, List<IngressFact> inactive) {
    long t = System.nanoTime();
    GroupOutcome out = live.delete(groupId);
    metrics.stage("deploy_model", t);
    if (out.deployFailed()) {
      return deployFailed(groupId, inactive, out.failure());
    }
    if (out.changes() > 0) {
      log.info("deploy_model", "deleted the group's resources: " + out.changes() + " change(s)", groupId, null);
    }
    return removeFinalizers(groupId, inactive);
  }

  protected Result addFinalizers(String groupId, List<IngressFact> active) {
    long t = System.nanoTime();
    try {
      for (IngressFact i : active) {
        V1Ingress raw = store.rawIngress(i.key());
        if (raw == null) {
          continue;
        }
        try {
          kube.addFinalizer(raw, Membership.finalizerOf(groupId));
        } catch (ApiException e) {
          String msg = "adding finalizer " + Membership.finalizerOf(groupId) + " failed: HTTP " + e.getCode() + " "
              + e.getResponseBody();
          event(raw, true, "FailedAddFinalizer", msg);
          metrics.error("add_group_finalizer_error");
          log.warn("add_group_finalizer", msg, groupId, i.key());
          return Result.failed(msg);
        }
      }
      return Result.OK;
    } finally {
      metrics.stage("add_group_finalizer", t);
    }
  }

  /** The planner refused the group (a name held by another stack, …): every member is told. */
  protected Result buildFailed(String groupId, List<IngressFact> active, GroupOutcome out) {
    metrics.error("build_model_error");
    List<String> messages = new ArrayList<>();
    for (DesiredDiagnostic d : out.diagnostics()) {
      if (!d.isError()) {
        continue;
      }
      String msg = Quarantine.describe(d);
      messages.add(msg);
      for (IngressFact i : active) {
        if (d.object() == null || !d.object().startsWith("Ingress ") || d.object().equals("Ingress " + i.key())) {
          event(store.rawIngress(i.key()), true, "FailedBuildModel", msg);
        }
      }
    }
    for (String e : out.errors()) {
      messages.add(e);
      active.forEach(i -> event(store.rawIngress(i.key()), true, "FailedBuildModel", e));
    }
    String all = String.join("; ", messages);
    active.forEach(i -> status(groupId, i, null, MemberStatus.DEGRADED, "FailedBuildModel",
        "the group is not deployed: " + all));
    log.warn("build_model", "the group is not deployed: " + all, groupId, null);
    return Result.failed(all);
  }

  /**
   * The rules refuse the group and no member whose inputs changed can be blamed: the group keeps
   * its last valid plan as a whole (no AWS write); every member is told.
   */
  protected Result groupHeld(String groupId, List<IngressFact> active, Quarantine.Decision plan) {
    metrics.error("build_model_error");
    String all = String.join("; ", plan.errors().stream().map(Quarantine::describe).toList());
    String msg = "the group keeps its last valid plan (no member's change can be blamed): " + all;
    for (IngressFact i : active) {
      event(store.rawIngress(i.key()), true, "FailedBuildModel", msg);
      status(groupId, i, null, MemberStatus.DEGRADED, "FailedBuildModel", msg);
    }
    log.warn("build_model", msg, groupId, null);
    return Result.failed(all);
  }

  /**
   * Members held at their last valid version, or left out (never valid): each is told why. The
   * rest of the group was deployed; a fix (or a change of what it refers to) enqueues the group.
   */
  protected Result membersHeld(String groupId, List<IngressFact> active, Quarantine.Decision plan) {
    if (plan.held().isEmpty()) {
      return Result.OK;
    }
    metrics.error("build_model_error");
    List<String> all = new ArrayList<>();
    for (Quarantine.Held h : plan.held()) {
      String why = String.join("; ", h.why().stream().map(Quarantine::describe).toList());
      String msg = (h.leftOut() ? "left out of the group (it was never valid): "
          : "held at its last valid version; the rest of the group is deployed: ") + why;
      all.add(h.key() + " " + msg);
      IngressFact i = store.ingress(h.key());
      event(store.rawIngress(h.key()), true, "FailedBuildModel", msg);
      if (i != null) {
        status(groupId, i, null, MemberStatus.DEGRADED, "FailedBuildModel", msg);
      }
      log.warn("build_model", msg, groupId, h.key());
    }
    // nothing deployed at all (every member left out): retried with backoff, as a refused group
    return plan.desired() == null ? Result.failed(String.join("; ", all)) : Result.OK;
  }

  protected Result deployFailed(String groupId, List<IngressFact> members, String failure) {
    metrics.error("deploy_model_error");
    members.forEach(i -> event(store.rawIngress(i.key()), true, "FailedDeployModel", failure));
    members.stream().filter(i -> !i.deleting()).forEach(i -> status(groupId, i, null, MemberStatus.PROGRESSING,
        "FailedDeployModel", failure + " (retried with backoff)"));
    String fix = CredentialProblems.fix(failure);
    if (fix != null) {
      log.error("credentials", "AWS credentials failed: " + failure + "; fix: " + fix + "; retrying with backoff",
          groupId, null);
    } else {
      log.warn("deploy_model", failure, groupId, null);
    }
    return Result.failed(failure);
  }

  protected Result updateStatus(String groupId, List<IngressFact> active, GroupOutcome out) {
    String arn = out.loadBalancerArn();
    if (arn == null) {
      return Result.OK;
    }
    long t = System.nanoTime();
    try {
      String host = KubeWrites.hostname(dnsOf.apply(arn));
      if (host == null) {
        return Result.OK;
      }
      // the frontend NLB's hostname is the status's second entry, as the reference writes it
      String nlbArn = out.frontendNlbArn();
      String nlbHost = nlbArn == null ? null : KubeWrites.hostname(dnsOf.apply(nlbArn));
      for (IngressFact i : active) {
        V1Ingress raw = store.rawIngress(i.key());
        if (raw == null) {
          continue;
        }
        try {
          if (kube.updateStatus(raw, host, out.listenerPorts(), nlbHost)) {
            log.info("dns_resolve_and_update_status", "status: " + host + " " + out.listenerPorts()
                + (nlbHost == null ? "" : " " + nlbHost), groupId, i.key());
          }
        } catch (ApiException e) {
          String msg = "updating status failed: HTTP " + e.getCode() + " " + e.getResponseBody();
          event(raw, true, "FailedUpdateStatus", msg);
          metrics.error("dns_resolve_and_update_status_error");
          return Result.failed(msg);
        }
      }
      return Result.OK;
    } catch (RuntimeException e) {
      String msg = "resolving the load balancer's DNS name failed: " + e.getMessage();
      active.forEach(i -> event(store.rawIngress(i.key()), true, "FailedUpdateStatus", msg));
      metrics.error("dns_resolve_and_update_status_error");
      return Result.failed(msg);
    } finally {
      metrics.stage("dns_resolve_and_update_status", t);
    }
  }

  protected Result removeFinalizers(String groupId, List<IngressFact> inactive) {
    long t = System.nanoTime();
    try {
      for (IngressFact i : inactive) {
        V1Ingress raw = store.rawIngress(i.key());
        if (raw == null) {
          continue;
        }
        try {
          kube.removeFinalizer(raw, Membership.finalizerOf(groupId));
          log.info("remove_group_finalizer", "finalizer removed", groupId, i.key());
        } catch (ApiException e) {
          String msg = "removing finalizer " + Membership.finalizerOf(groupId) + " failed: HTTP " + e.getCode() + " "
              + e.getResponseBody();
          event(raw, true, "FailedRemoveFinalizer", msg);
          metrics.error("remove_group_finalizer_error");
          return Result.failed(msg);
        }
      }
      return Result.OK;
    } finally {
      metrics.stage("remove_group_finalizer", t);
    }
  }

  /**
   * The members planned as they are: {@code SuccessfullyReconciled}, a Ready status, and their
   * inputs kept as their last valid version.
   */
  protected Result succeeded(String groupId, List<Quarantine.Member> members, Quarantine.Decision plan) {
    Result r = Result.OK;
    for (Quarantine.Member m : members) {
      if (plan.isHeld(m.key())) {
        continue;
      }
      event(store.rawIngress(m.key()), false, "SuccessfullyReconciled", "Successfully reconciled");
      Result s = status(groupId, m.fact(), m.now(), MemberStatus.READY, "SuccessfullyReconciled",
          "Successfully reconciled");
      r = r.ok() ? s : r;
    }
    return r;
  }

  /** albc's annotations on the member ({@link MemberReports}); a failure is an event and an error. */
  protected Result status(String groupId, IngressFact member, MemberInputs valid, String type, String reason,
      String message) {
    try {
      if (reports.report(member, valid, type, reason, message)) {
        log.debug("dns_resolve_and_update_status", "albc.dev/status: " + type + " " + reason, groupId, member.key());
      }
      return Result.OK;
    } catch (ApiException e) {
      String msg = "updating the albc.dev annotations failed: HTTP " + e.getCode() + " " + e.getResponseBody();
      event(store.rawIngress(member.key()), true, "FailedUpdateStatus", msg);
      metrics.error("dns_resolve_and_update_status_error");
      log.warn("dns_resolve_and_update_status", msg, groupId, member.key());
      return Result.failed(msg);
    } catch (RuntimeException e) {
      log.warn("dns_resolve_and_update_status", "updating the albc.dev annotations failed: " + e.getMessage(),
          groupId, member.key());
      return Result.failed(e.getMessage());
    }
  }

  protected void event(V1Ingress raw, boolean warning, String reason, String message) {
    if (raw == null || !transition(raw, warning, reason, message)) {
      return;
    }
    String failed = kube.event(raw, warning, reason, message);
    if (failed != null) {
      log.warn("event", "recording event " + reason + " failed: " + failed, null,
          raw.getMetadata().getNamespace() + "/" + raw.getMetadata().getName());
    }
  }

  /** The warnings recorded on each Ingress (ns/name) at its current version, until a Normal event. */
  private final Map<String, Warned> warned = new java.util.concurrent.ConcurrentHashMap<>();

  private record Warned(String version, Set<String> sent) {}

  /**
   * Whether the event is a change: a warning already recorded on the Ingress as it is now (same uid
   * and generation, same reason and message, no Normal event since) is not recorded again — a held
   * group or a failing deploy retried with backoff tells each member once, not once per retry. A
   * Normal event is always recorded and ends the repetition.
   */
  private boolean transition(V1Ingress raw, boolean warning, String reason, String message) {
    String key = raw.getMetadata().getNamespace() + "/" + raw.getMetadata().getName();
    if (!warning) {
      warned.remove(key);
      return true;
    }
    String version = raw.getMetadata().getUid() + "/" + raw.getMetadata().getGeneration();
    Warned w = warned.compute(key, (k, old) -> old != null && old.version().equals(version) ? old
        : new Warned(version, java.util.concurrent.ConcurrentHashMap.newKeySet()));
    return w.sent().add(reason + "\u0000" + message);
  }
}
