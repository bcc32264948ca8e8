package dev.albc.changes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.desired.DesiredJson;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.intents.Ref;
import dev.albc.observe.Matching;
import dev.albc.observe.ObservedResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The load balancer: the one kept is {@link Matching#keptLoadBalancer}'s. A scheme or type change is
 * a replacement, the old one deleted first as the reference controller does (a target group serves
 * one load balancer only); a load balancer to delete with deletion protection on blocks the group.
 * Anything else is modified in place: security groups and subnets as sets, IP address type,
 * attributes and tags key by key, the IPAM pool ({@link LoadBalancerIpam}) and the capacity
 * reservation ({@link LoadBalancerCapacity}) (docs/apply.md, "The planner").
 */
final class LoadBalancerChanges {
  static final String DELETION_PROTECTION = "deletion_protection.enabled";

  private final ChangeContext ctx;

  LoadBalancerChanges(ChangeContext ctx) {
    this.ctx = ctx;
  }

  /**
   * The load balancer that is kept, or null when there is none (none wanted, new, or replaced).
   * {@code owned}: the stack's load balancers that {@code d} may keep or must delete (the ALB's
   * planning never sees the frontend NLB, nor the NLB's the ALB).
   */
  ObservedResource plan(LoadBalancerIntent d, List<ObservedResource> owned) {
    if (d == null) {
      return null;
    }
    ObservedResource kept = Matching.keptLoadBalancer(d, owned);
    List<ObservedResource> stale = owned.stream().filter(l -> l != kept).toList();
    for (ObservedResource s : stale) {
      if (isProtected(s)) {
        ctx.error("load balancer " + s.name() + " (" + s.id() + ") must be deleted ("
            + (d.resourceId().equals(s.resourceTag())
                ? "replaced: " + FieldDiff.describe(diffFields(d, s)) : "no longer wanted")
            + ") but has deletion protection on; albc does not turn it off: set the load-balancer-attributes "
            + "annotation to deletion_protection.enabled=false first");
      }
    }
    if (kept == null) {
      ObservedResource replaced = stale.stream()
          .filter(s -> d.resourceId().equals(s.resourceTag())).findFirst().orElse(null);
      for (ObservedResource s : stale) {
        if (s != replaced) {
          ctx.add(deletion(s, "no longer wanted by the group"));
        }
      }
      ctx.add(replaced == null ? Change.create(d.kind(), d.resourceId(), d.name(), "not in AWS", create(d))
          : replace(d, replaced));
      return null;
    }
    ctx.known(d.resourceId(), kept.id());
    for (ObservedResource s : stale) {
      ctx.add(deletion(s, "another load balancer tagged for the group (" + kept.name() + " is kept)"));
    }
    modify(d, kept);
    return kept;
  }

  static boolean isProtected(ObservedResource lb) {
    return lb.attributes() != null && "true".equals(lb.attributes().get(DELETION_PROTECTION));
  }

  private static Change replace(LoadBalancerIntent d, ObservedResource replaced) {
    List<Step> steps = new ArrayList<>();
    steps.add(deleteStep(replaced));
    steps.addAll(create(d));
    List<FieldDiff> why = diffFields(d, replaced).stream().filter(x -> !x.field().equals("Name")).toList();
    String reason = FieldDiff.describe(why) + ": a load balancer's scheme and type cannot change; " + d.name()
        + " replaces " + replaced.name();
    return Change.replace(d.kind(), d.resourceId(), d.name(), reason,
        "the old load balancer (" + replaced.text("DNSName") + ") is deleted first, as the reference controller "
            + "does (a target group serves one load balancer only): traffic stops until clients use the new "
            + "DNS name",
        diffFields(d, replaced), steps);
  }

  /** Scheme, type and name, where they differ. */
  static List<FieldDiff> diffFields(LoadBalancerIntent d, ObservedResource o) {
    List<FieldDiff> out = new ArrayList<>();
    if (!Objects.equals(d.scheme(), o.text("Scheme"))) {
      out.add(new FieldDiff("Scheme", o.text("Scheme"), d.scheme()));
    }
    String type = d.type() == null ? "application" : d.type();
    if (!type.equals(o.text("Type"))) {
      out.add(new FieldDiff("Type", o.text("Type"), type));
    }
    if (!Objects.equals(d.name(), o.name())) {
      out.add(new FieldDiff("Name", o.name(), d.name()));
    }
    return out;
  }

  /** Deletes a load balancer (not a post step: its listeners and rules go with it). */
  static Change deletion(ObservedResource lb, String reason) {
    return Change.delete(LoadBalancerIntent.KIND, lb.resourceTag(), lb.name(), reason, List.of(deleteStep(lb)))
        .withRiskNote("traffic to " + lb.text("DNSName") + " stops; its listeners and rules go with it");
  }

  private static Step deleteStep(ObservedResource lb) {
    ObjectNode req = Requests.obj();
    req.put("LoadBalancerArn", lb.id());
    return Step.of("elbv2:DeleteLoadBalancer", req);
  }

  static List<Step> create(LoadBalancerIntent d) {
    ObjectNode req = Requests.json(d);
    req.remove("Attributes");
    req.remove("MinimumLoadBalancerCapacity");
    req.set("Tags", Requests.tagList(d.tags()));
    List<Step> steps = new ArrayList<>();
    steps.add(Step.producing("elbv2:CreateLoadBalancer", req, d.resourceId()));
    if (d.attributes() != null && !d.attributes().isEmpty()) {
      ObjectNode attrs = Requests.obj();
      attrs.set("LoadBalancerArn", Requests.ref(d.resourceId()));
      attrs.set("Attributes", Requests.attributeList(d.attributes()));
      steps.add(Step.of("elbv2:ModifyLoadBalancerAttributes", attrs));
    }
    // a new load balancer has no reservation: CapacityUnits 0 (reset) has nothing to do
    if (d.capacityUnits() != null && d.capacityUnits() != 0) {
      steps.add(LoadBalancerCapacity.modify(Requests.ref(d.resourceId()), d.capacityUnits()));
    }
    return steps;
  }

  private void modify(LoadBalancerIntent d, ObservedResource o) {
    List<FieldDiff> diff = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    // an IPAM pool is removed before anything else (before an IP address type change), and added last
    LoadBalancerIpam.removal(d, o, diff, steps);
    securityGroups(d, o, diff, steps);
    Set<String> haveSubnets = new TreeSet<>();
    o.body().path("AvailabilityZones").forEach(z -> {
      if (z.hasNonNull("SubnetId")) {
        haveSubnets.add(z.get("SubnetId").asText());
      }
    });
    Set<String> wantSubnets = new TreeSet<>(d.subnetIds());
    if (!wantSubnets.isEmpty() && !wantSubnets.equals(haveSubnets)) {
      diff.add(new FieldDiff("Subnets", String.join(",", haveSubnets), String.join(",", wantSubnets)));
      ObjectNode req = Requests.obj();
      req.put("LoadBalancerArn", o.id());
      if (d.subnetMappings() != null) {
        req.set("SubnetMappings", DesiredJson.JSON.valueToTree(d.subnetMappings()));
      } else {
        ArrayNode a = req.putArray("Subnets");
        wantSubnets.forEach(a::add);
      }
      steps.add(Step.of("elbv2:SetSubnets", req));
    }
    if (d.ipAddressType() != null && !d.ipAddressType().equals(o.text("IpAddressType"))) {
      diff.add(new FieldDiff("IpAddressType", o.text("IpAddressType"), d.ipAddressType()));
      ObjectNode req = Requests.obj();
      req.put("LoadBalancerArn", o.id());
      req.put("IpAddressType", d.ipAddressType());
      steps.add(Step.of("elbv2:SetIpAddressType", req));
    }
    Map<String, String> attrs = AttributeDiff.changes(d.attributes(), o.attributes(),
        AwsEquivalence.LOAD_BALANCER_DEFAULTS, diff);
    if (!attrs.isEmpty()) {
      ObjectNode req = Requests.obj();
      req.put("LoadBalancerArn", o.id());
      req.set("Attributes", Requests.attributeList(attrs));
      steps.add(Step.of("elbv2:ModifyLoadBalancerAttributes", req));
    }
    steps.addAll(TagDiff.elbv2(d.tags(), o, diff));
    LoadBalancerIpam.addition(d, o, diff, steps);
    LoadBalancerCapacity.reservation(d, o, diff, steps);
    if (!steps.isEmpty()) {
      ctx.add(Change.modify(d.kind(), d.resourceId(), o.name(), diff, steps));
    }
  }

  /** Security groups as a set; one not known yet (created by this plan) always differs. */
  private void securityGroups(LoadBalancerIntent d, ObservedResource o, List<FieldDiff> diff, List<Step> steps) {
    Set<String> haveSgs = new TreeSet<>();
    o.body().path("SecurityGroups").forEach(x -> haveSgs.add(x.asText()));
    Set<String> wantSgs = new TreeSet<>();
    boolean unresolved = false;
    List<Object> sgs = d.securityGroups() == null ? List.of() : d.securityGroups();
    for (Object s : sgs) {
      String v = s instanceof Ref r ? ctx.refOf(r.ref()) : String.valueOf(s);
      if (v == null) {
        unresolved = true;
      } else {
        wantSgs.add(v);
      }
    }
    if (unresolved || !wantSgs.equals(haveSgs)) {
      diff.add(new FieldDiff("SecurityGroups", String.join(",", haveSgs),
          JsonMatch.show(DesiredJson.JSON.valueToTree(sgs))));
      ObjectNode req = Requests.obj();
      req.put("LoadBalancerArn", o.id());
      req.set("SecurityGroups", DesiredJson.JSON.valueToTree(sgs));
      steps.add(Step.of("elbv2:SetSecurityGroups", req));
    }
  }
}
