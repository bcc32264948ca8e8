package dev.albc.changes;

import dev.albc.intents.AddonIntent;
import dev.albc.intents.CertificateIntent;
import dev.albc.intents.Intent;
import dev.albc.intents.ListenerIntent;
import dev.albc.intents.ListenerRuleIntent;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.intents.SecurityGroupIntent;
import dev.albc.intents.TargetGroupBindingIntent;
import dev.albc.intents.TargetGroupIntent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A group's intents by kind, each list in the order its changes are planned: the backend security
 * group first then by ResourceId, target groups by ResourceId, listeners by port, rules by port
 * then priority; add-ons and bindings as the plan lists them.
 *
 * @param loadBalancer the group's ALB, or null
 * @param listeners the ALB's listeners
 * @param frontendNlb the frontend NLB in front of the ALB, or null
 * @param frontendNlbListeners the frontend NLB's listeners
 * @param certificates the ACM certificates albc requests (create-acm-cert), by ResourceId
 */
record Wanted(
    List<SecurityGroupIntent> securityGroups,
    List<TargetGroupIntent> targetGroups,
    LoadBalancerIntent loadBalancer,
    List<ListenerIntent> listeners,
    LoadBalancerIntent frontendNlb,
    List<ListenerIntent> frontendNlbListeners,
    List<ListenerRuleIntent> rules,
    List<TargetGroupBindingIntent> bindings,
    List<AddonIntent> addons,
    List<CertificateIntent> certificates) {

  static Wanted of(List<Intent> resources) {
    List<SecurityGroupIntent> sgs = new ArrayList<>();
    List<TargetGroupIntent> tgs = new ArrayList<>();
    LoadBalancerIntent lb = null;
    LoadBalancerIntent nlb = null;
    List<ListenerIntent> listeners = new ArrayList<>();
    List<ListenerIntent> nlbListeners = new ArrayList<>();
    List<ListenerRuleIntent> rules = new ArrayList<>();
    List<TargetGroupBindingIntent> bindings = new ArrayList<>();
    List<AddonIntent> addons = new ArrayList<>();
    List<CertificateIntent> certs = new ArrayList<>();
    for (Intent i : resources) {
      if (i instanceof SecurityGroupIntent s) {
        sgs.add(s);
      } else if (i instanceof TargetGroupIntent t) {
        tgs.add(t);
      } else if (i instanceof LoadBalancerIntent l) {
        if (LoadBalancerIntent.RESOURCE_ID.equals(l.resourceId())) {
          lb = l;
        } else {
          nlb = l;
        }
      } else if (i instanceof ListenerIntent l) {
        (l.onAlb() ? listeners : nlbListeners).add(l);
      } else if (i instanceof ListenerRuleIntent r) {
        rules.add(r);
      } else if (i instanceof TargetGroupBindingIntent b) {
        bindings.add(b);
      } else if (i instanceof AddonIntent a) {
        addons.add(a);
      } else if (i instanceof CertificateIntent c) {
        certs.add(c);
      }
    }
    sgs.sort(Comparator.comparing((SecurityGroupIntent s) -> !SecurityGroupIntent.BACKEND.equals(s.id()))
        .thenComparing(SecurityGroupIntent::id));
    tgs.sort(Comparator.comparing(TargetGroupIntent::id));
    certs.sort(Comparator.comparing(CertificateIntent::id));
    listeners.sort(Comparator.comparingInt(ListenerIntent::port));
    nlbListeners.sort(Comparator.comparingInt(ListenerIntent::port));
    rules.sort(Comparator.comparingInt(ListenerRuleIntent::port).thenComparingInt(ListenerRuleIntent::priority));
    return new Wanted(List.copyOf(sgs), List.copyOf(tgs), lb, List.copyOf(listeners), nlb, List.copyOf(nlbListeners),
        List.copyOf(rules),
        List.copyOf(bindings), List.copyOf(addons), List.copyOf(certs));
  }
}
