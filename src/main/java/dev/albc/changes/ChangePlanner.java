package dev.albc.changes;

import dev.albc.desired.DesiredState.DesiredDiagnostic;
import dev.albc.desired.DesiredState.DesiredGroup;
import dev.albc.observe.ObservedResource;
import dev.albc.observe.ObservedStack;
import java.util.List;
import java.util.Map;

/**
 * The planner: a pure function from a group's intents and its observed AWS state to ordered
 * changes (docs/apply.md, "The planner"). It matches existing resources to intents by their
 * {@code ingress.k8s.aws/resource} tag (listeners by port, rules by content then priority), and
 * replaces, modifies and deletes where the reference controller does. One class per resource kind
 * does the matching, diffing and request building, all sharing one {@link ChangeContext}; this class
 * only lists the steps in dependency order ({@link #changes}). A group with an error diagnostic, or
 * whose wanted names another stack holds, gets no change at all.
 */
public final class ChangePlanner {
  private ChangePlanner() {}

  /** The protection name the reference controller gives Shield protections. */
  public static final String SHIELD_PROTECTION_NAME = "managed by aws-load-balancer-controller";

  /**
   * @param manageBindings TargetGroupBindings are read and written (a cluster is connected)
   * @param deleteBackendSecurityGroup a deletion may remove the shared backend security group (no
   *     other load balancer uses it)
   */
  public record Options(boolean manageBindings, boolean deleteBackendSecurityGroup) {}

  /** Changes for one group of a plan; none when the group has an error diagnostic. */
  public static GroupChanges plan(DesiredGroup group, ObservedStack observed, Options options) {
    boolean hasError = group.diagnostics().stream().anyMatch(DesiredDiagnostic::isError);
    if (hasError || group.resources().isEmpty()) {
      return GroupChanges.blocked(group.id(), List.of());
    }
    if (!observed.conflicts().isEmpty()) {
      return GroupChanges.blocked(group.id(), observed.conflicts());
    }
    return changes(new ChangeContext(group.id(), observed, options), Wanted.of(group.resources()));
  }

  /**
   * The steps, in dependency order. Each kind also deletes what it no longer wants: target groups,
   * bindings and security groups as post steps, which the executor runs after every other change
   * (bindings, then target groups, then security groups); listeners and rules at once; a replaced
   * load balancer before its successor is created. Unwanted target groups of type alb let go of
   * their ALB first, as the reference controller does; the frontend NLB comes last, and then its
   * target groups register the ALB, whose listeners exist by then. Certificates albc requests come
   * before the listeners that name them (the reference's order); those no longer wanted are
   * deleted as post steps, after the listeners let go of them.
   */
  static GroupChanges changes(ChangeContext ctx, Wanted wanted) {
    TargetRegistrationChanges registrations = new TargetRegistrationChanges(ctx);
    new SecurityGroupChanges(ctx).plan(wanted.securityGroups());
    new CertificateChanges(ctx).plan(wanted.certificates(), allListeners(wanted));
    registrations.deregisterUnwanted(wanted.targetGroups());
    new TargetGroupChanges(ctx).plan(wanted.targetGroups());
    ObservedResource keptLb = new LoadBalancerChanges(ctx).plan(wanted.loadBalancer(),
        FrontendNlbChanges.notFrontendNlb(ctx.observed.loadBalancers()));
    Map<Integer, ObservedResource> keptListeners = new ListenerChanges(ctx).plan(keptLb, wanted.listeners());
    ListenerRuleChanges.plan(ctx, wanted.listeners(), keptListeners, wanted.rules());
    new BindingChanges(ctx).plan(wanted.bindings());
    new AddonChanges(ctx).plan(wanted.addons(), keptLb);
    new FrontendNlbChanges(ctx).plan(wanted.frontendNlb(), wanted.frontendNlbListeners());
    registrations.plan(wanted.targetGroups());
    return ctx.result();
  }

  private static List<dev.albc.intents.ListenerIntent> allListeners(Wanted w) {
    List<dev.albc.intents.ListenerIntent> out = new java.util.ArrayList<>(w.listeners());
    out.addAll(w.frontendNlbListeners());
    return out;
  }

  /** Changes that remove everything of a group ({@code albc delete}). */
  public static GroupChanges planDeletion(String groupId, ObservedStack observed, Options options) {
    return new GroupDeletion(new ChangeContext(groupId, observed, options)).plan();
  }
}
