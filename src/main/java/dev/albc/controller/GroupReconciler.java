package dev.albc.controller;

import dev.albc.desired.DesiredState.DesiredDiagnostic;
import dev.albc.facts.IngressFact;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1Ingress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One IngressGroup reconciled, as the reference's group controller (docs/controller.md "Reconcile
 * of one group"), read as its steps:
 *
 * <ol>
 *   <li>no active member: delete the group's stack, then the finalizers of its former members;
 *   <li>add the group's finalizer to every active member (before any AWS write);
 *   <li>facts → rules → changes → executor through {@link GroupReconcile};
 *   <li>{@code status.loadBalancer.ingress} of every member, when it differs;
 *   <li>remove the finalizer from members that left (their AWS resources are gone now);
 *   <li>{@code SuccessfullyReconciled} on every member.
 * </ol>
 *
 * Each step is a protected method, so a subclass can change one (quarantine of a bad member,
 * a status annotation) without copying the others.
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

  /** @param dnsOf a load balancer's ARN → its DNS name */
  public GroupReconciler(FactStore store, KubeWrites kube, GroupReconcile live, Function<String, String> dnsOf,
      Metrics metrics, JsonLog log) {
    this.store = store;
    this.kube = kube;
    this.live = live;
    this.dnsOf = dnsOf;
    this.metrics = metrics;
    this.log = log;
  }

  public Result reconcile(String groupId) {
    List<IngressFact> active = store.activeMembers(groupId);
    List<IngressFact> inactive = store.inactiveMembers(groupId);
    if (active.isEmpty()) {
      return deleteGroup(groupId, inactive);
    }
    Result r = addFinalizers(groupId, active);
    if (!r.ok()) {
      return r;
    }
    long t = System.nanoTime();
    GroupOutcome out = live.reconcile(groupId);
    metrics.stage("deploy_model", t);
    if (out.buildFailed()) {
      return buildFailed(groupId, active, out);
    }
    if (out.deployFailed()) {
      return deployFailed(groupId, active, out.failure());
    }
    log.info("deploy_model", "reconciled: " + out.changes() + " change(s)", groupId, null);
    r = updateStatus(groupId, active, out);
    if (!r.ok()) {
      return r;
    }
    r = removeFinalizers(groupId, inactive);
    if (!r.ok()) {
      return r;
    }
    succeeded(groupId, active);
    return Result.OK;
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

  /** The rules or the planner refused the group: each error goes to the member it names, else to all. */
  protected Result buildFailed(String groupId, List<IngressFact> active, GroupOutcome out) {
    metrics.error("build_model_error");
    List<String> messages = new ArrayList<>();
    for (DesiredDiagnostic d : out.diagnostics()) {
      if (!d.isError()) {
        continue;
      }
      String msg = d.object() + (d.field() == null ? "" : " " + d.field()) + ": " + d.message()
          + (d.hint() == null ? "" : " (" + d.hint() + ")");
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
    log.warn("build_model", "the group is not deployed: " + all, groupId, null);
    return Result.failed(all);
  }

  protected Result deployFailed(String groupId, List<IngressFact> members, String failure) {
    metrics.error("deploy_model_error");
    members.forEach(i -> event(store.rawIngress(i.key()), true, "FailedDeployModel", failure));
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
      for (IngressFact i : active) {
        V1Ingress raw = store.rawIngress(i.key());
        if (raw == null) {
          continue;
        }
        try {
          if (kube.updateStatus(raw, host, out.listenerPorts())) {
            log.info("dns_resolve_and_update_status", "status: " + host + " " + out.listenerPorts(), groupId, i.key());
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

  protected void succeeded(String groupId, List<IngressFact> active) {
    for (IngressFact i : active) {
      event(store.rawIngress(i.key()), false, "SuccessfullyReconciled", "Successfully reconciled");
    }
  }

  protected void event(V1Ingress raw, boolean warning, String reason, String message) {
    if (raw == null) {
      return;
    }
    String failed = kube.event(raw, warning, reason, message);
    if (failed != null) {
      log.warn("event", "recording event " + reason + " failed: " + failed, null,
          raw.getMetadata().getNamespace() + "/" + raw.getMetadata().getName());
    }
  }
}
