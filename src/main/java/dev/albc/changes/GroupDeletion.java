package dev.albc.changes;

import dev.albc.intents.AddonIntent;
import dev.albc.intents.SecurityGroupIntent;
import dev.albc.observe.ObservedResource;
import java.util.Comparator;

/**
 * Everything of a group removed ({@code albc delete}, docs/apply.md): bindings, Shield protections,
 * the frontend NLB's registered ALB, load balancers (the frontend NLB first; their listeners and
 * rules go with them), target groups, security groups, the ACM certificates albc requested, and the
 * shared backend security group when no other load balancer uses it. A load balancer with deletion
 * protection on, or a conflict, blocks the whole deletion.
 */
final class GroupDeletion {
  private final ChangeContext ctx;

  GroupDeletion(ChangeContext ctx) {
    this.ctx = ctx;
  }

  GroupChanges plan() {
    if (!ctx.observed.conflicts().isEmpty()) {
      return GroupChanges.blocked(ctx.groupId, ctx.observed.conflicts());
    }
    for (ObservedResource lb : ctx.observed.loadBalancers()) {
      if (LoadBalancerChanges.isProtected(lb)) {
        ctx.error("deletion_protection is enabled, cannot delete the load balancer " + lb.name() + " (" + lb.id()
            + "): turn it off first (load-balancer-attributes deletion_protection.enabled=false)");
      }
    }
    bindings();
    for (ObservedResource lb : ctx.observed.loadBalancers()) {
      String p = ctx.observed.shieldProtections().getOrDefault(lb.id(), "");
      if (!p.isEmpty()) {
        ctx.add(AddonChanges.protectionDeletion(AddonIntent.SHIELD, "ShieldProtection", p, "the group is deleted"));
      }
    }
    // a frontend NLB's target groups let go of the ALB first, and the NLB goes before the ALB
    new TargetRegistrationChanges(ctx).deregisterAll();
    FrontendNlbChanges.frontendNlbs(ctx.observed.loadBalancers())
        .forEach(lb -> ctx.add(LoadBalancerChanges.deletion(lb, "the group is deleted")));
    FrontendNlbChanges.notFrontendNlb(ctx.observed.loadBalancers())
        .forEach(lb -> ctx.add(LoadBalancerChanges.deletion(lb, "the group is deleted")));
    ctx.observed.targetGroups().forEach(g -> ctx.add(TargetGroupChanges.deletion(g, "the group is deleted")));
    ctx.observed.securityGroups().forEach(g -> ctx.add(SecurityGroupChanges.deletion(g, "the group is deleted")));
    new CertificateChanges(ctx).deleteAll();
    ObservedResource backend = ctx.observed.backendSecurityGroup();
    if (backend != null && ctx.options.deleteBackendSecurityGroup()) {
      ctx.add(SecurityGroupChanges.deletion(backend, SecurityGroupIntent.BACKEND,
          "no other load balancer of the cluster uses it"));
    }
    return ctx.result();
  }

  private void bindings() {
    if (ctx.observed.bindings() != null) {
      ctx.observed.bindings().stream().sorted(Comparator.comparing(ObservedResource::id))
          .forEach(b -> ctx.add(BindingChanges.deletion(b, "the group is deleted")));
    } else if (!ctx.options.manageBindings()) {
      ctx.note("TargetGroupBindings not deleted: no cluster (--kubeconfig)");
    }
  }
}
