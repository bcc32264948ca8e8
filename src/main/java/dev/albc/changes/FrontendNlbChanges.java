package dev.albc.changes;

import dev.albc.intents.ListenerIntent;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.observe.ObservedResource;
import dev.albc.rules.lib.FrontendNlbs;
import java.util.List;

/**
 * The frontend NLB in front of the group's ALB (frontend-nlb.drl, docs/annotations.md "Frontend
 * NLB"): the load balancer tagged {@code ingress.k8s.aws/resource: FrontendNlb} is kept, replaced
 * (scheme or type) or modified as the ALB is ({@link LoadBalancerChanges}), and its listeners are
 * matched by port under it ({@link ListenerChanges}). When the group wants no NLB any more
 * ({@code enable-frontend-nlb} removed or false) the NLB is deleted, its listeners with it; its
 * target groups go as every unwanted target group ({@link TargetGroupChanges}), their target
 * deregistered first ({@link TargetRegistrationChanges}).
 */
final class FrontendNlbChanges {
  private final ChangeContext ctx;

  FrontendNlbChanges(ChangeContext ctx) {
    this.ctx = ctx;
  }

  /** The stack's load balancers that are not its frontend NLB (the ALB's planning sees these). */
  static List<ObservedResource> notFrontendNlb(List<ObservedResource> lbs) {
    return lbs.stream().filter(lb -> !FrontendNlbs.NLB.equals(lb.resourceTag())).toList();
  }

  /** The stack's frontend NLBs (one, or none; more only after an interrupted replacement). */
  static List<ObservedResource> frontendNlbs(List<ObservedResource> lbs) {
    return lbs.stream().filter(lb -> FrontendNlbs.NLB.equals(lb.resourceTag())).toList();
  }

  /** {@code nlb}: the wanted NLB or null; {@code listeners}: its listeners. */
  void plan(LoadBalancerIntent nlb, List<ListenerIntent> listeners) {
    List<ObservedResource> owned = frontendNlbs(ctx.observed.loadBalancers());
    if (nlb == null) {
      for (ObservedResource o : owned) {
        if (LoadBalancerChanges.isProtected(o)) {
          ctx.error("frontend NLB " + o.name() + " (" + o.id() + ") must be deleted (enable-frontend-nlb is not true "
              + "any more) but has deletion protection on; albc does not turn it off: set the frontend-nlb-attributes "
              + "annotation to deletion_protection.enabled=false first");
        } else {
          ctx.add(LoadBalancerChanges.deletion(o, "the group wants no frontend NLB (enable-frontend-nlb is not true)"));
        }
      }
      return;
    }
    ObservedResource kept = new LoadBalancerChanges(ctx).plan(nlb, owned);
    new ListenerChanges(ctx).plan(kept, listeners);
  }
}
