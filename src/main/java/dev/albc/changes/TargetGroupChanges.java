package dev.albc.changes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.intents.TargetGroupIntent;
import dev.albc.observe.ObservedResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Target groups, matched by their ResourceId tag (the one with the wanted name first). A target
 * type, protocol, protocol version, target control port, port (a Service's NodePort changed), IP
 * address type or VPC change is a replacement: a new target group, the old one
 * deleted once the rules point at the new one (a post step). Anything else is modified in place:
 * the health check, attributes key by key, tags key by key (docs/apply.md, "The planner").
 */
final class TargetGroupChanges {
  static final List<String> HEALTH_CHECK = List.of("HealthCheckProtocol", "HealthCheckPort", "HealthCheckPath",
      "HealthCheckIntervalSeconds", "HealthCheckTimeoutSeconds", "HealthyThresholdCount", "UnhealthyThresholdCount",
      "Matcher");

  private final ChangeContext ctx;

  TargetGroupChanges(ChangeContext ctx) {
    this.ctx = ctx;
  }

  /** {@code desired}: by ResourceId. */
  void plan(List<TargetGroupIntent> desired) {
    Set<String> ids = new HashSet<>();
    for (TargetGroupIntent t : desired) {
      ids.add(t.id());
      List<ObservedResource> cands = ctx.observed.targetGroups().stream()
          .filter(g -> t.id().equals(g.resourceTag()))
          .sorted(Comparator.comparing((ObservedResource g) -> !Objects.equals(g.name(), t.name()))
              .thenComparing(ObservedResource::id))
          .toList();
      ObservedResource kept = cands.stream().filter(g -> replacementReasons(t, g).isEmpty()).findFirst().orElse(null);
      if (kept == null) {
        ctx.add(cands.isEmpty() ? Change.create(t.kind(), t.id(), t.name(), "not in AWS", create(t)) : replace(t, cands));
        continue;
      }
      ctx.known(t.id(), kept.id());
      modify(t, kept);
      for (ObservedResource extra : cands) {
        if (extra != kept) {
          ctx.add(Change.delete(t.kind(), t.id(), extra.name(),
              "a second target group tagged " + t.id() + " (" + kept.name() + " is kept)",
              List.of(deleteStep(extra))));
        }
      }
    }
    for (ObservedResource g : ctx.observed.targetGroups()) {
      if (g.resourceTag() == null || !ids.contains(g.resourceTag())) {
        ctx.add(deletion(g, "no longer wanted by the group (its path or backend was removed)"));
      }
    }
  }

  /** A new target group for {@code t}; every one tagged with its ResourceId is deleted last. */
  private static Change replace(TargetGroupIntent t, List<ObservedResource> cands) {
    List<Step> steps = new ArrayList<>(create(t));
    ObservedResource old = cands.get(0);
    List<FieldDiff> diff = replacementReasons(t, old);
    for (ObservedResource c : cands) {
      steps.add(deleteStep(c));
    }
    return Change.replace(t.kind(), t.id(), t.name(), FieldDiff.describe(diff)
            + ": a target group's target type, protocol, protocol version, port, IP address type and VPC "
            + "cannot change; "
            + "a new target group replaces " + old.name(),
        "requests to this backend fail until its targets are registered and healthy in the new target group",
        diff, steps);
  }

  /**
   * What differs that a target group cannot change in place (CreateTargetGroup's own fields: no
   * ModifyTargetGroup member sets them); empty when it can be kept. Port, IP address type and VPC
   * count only when AWS reports them (a lambda target group has no port).
   */
  static List<FieldDiff> replacementReasons(TargetGroupIntent t, ObservedResource o) {
    List<FieldDiff> out = new ArrayList<>();
    if (!Objects.equals(t.targetType(), o.text("TargetType"))) {
      out.add(new FieldDiff("TargetType", o.text("TargetType"), t.targetType()));
    }
    if (!Objects.equals(t.protocol(), o.text("Protocol"))) {
      out.add(new FieldDiff("Protocol", o.text("Protocol"), t.protocol()));
    }
    if (t.protocolVersion() != null && !t.protocolVersion().equals(o.text("ProtocolVersion"))) {
      out.add(new FieldDiff("ProtocolVersion", o.text("ProtocolVersion"), t.protocolVersion()));
    }
    String control = t.targetControlPort() == null ? null : String.valueOf(t.targetControlPort());
    if (!Objects.equals(control, o.text("TargetControlPort"))) {
      out.add(new FieldDiff("TargetControlPort", o.text("TargetControlPort"), control));
    }
    differs(out, "Port", String.valueOf(t.port()), o);
    differs(out, "IpAddressType", t.ipAddressType(), o);
    differs(out, "VpcId", t.vpcId(), o);
    return out;
  }

  private static void differs(List<FieldDiff> out, String field, String wanted, ObservedResource o) {
    String now = o.text(field);
    if (wanted != null && now != null && !wanted.equals(now)) {
      out.add(new FieldDiff(field, now, wanted));
    }
  }

  static List<Step> create(TargetGroupIntent t) {
    ObjectNode req = Requests.json(t);
    req.remove("Attributes");
    req.remove("Targets"); // registered once they exist (TargetRegistrationChanges)
    req.set("Tags", Requests.tagList(t.tags()));
    List<Step> steps = new ArrayList<>();
    steps.add(Step.producing("elbv2:CreateTargetGroup", req, t.id()));
    if (t.attributes() != null && !t.attributes().isEmpty()) {
      ObjectNode attrs = Requests.obj();
      attrs.set("TargetGroupArn", Requests.ref(t.id()));
      attrs.set("Attributes", Requests.attributeList(t.attributes()));
      steps.add(Step.of("elbv2:ModifyTargetGroupAttributes", attrs));
    }
    return steps;
  }

  private void modify(TargetGroupIntent t, ObservedResource o) {
    ObjectNode want = Requests.json(t);
    List<FieldDiff> diff = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    boolean hc = false;
    for (String f : HEALTH_CHECK) {
      if (!JsonMatch.matches(f, want.get(f), o.body().get(f), ctx.refs())) {
        diff.add(new FieldDiff(f, JsonMatch.show(o.body().get(f)), JsonMatch.show(want.get(f))));
        hc = true;
      }
    }
    if (hc) {
      ObjectNode req = Requests.obj();
      req.put("TargetGroupArn", o.id());
      for (String f : HEALTH_CHECK) {
        if (want.has(f)) {
          req.set(f, want.get(f));
        }
      }
      steps.add(Step.of("elbv2:ModifyTargetGroup", req));
    }
    Map<String, String> attrs = AttributeDiff.changes(t.attributes(), o.attributes(),
        AwsEquivalence.TARGET_GROUP_DEFAULTS, diff);
    if (!attrs.isEmpty()) {
      ObjectNode req = Requests.obj();
      req.put("TargetGroupArn", o.id());
      req.set("Attributes", Requests.attributeList(attrs));
      steps.add(Step.of("elbv2:ModifyTargetGroupAttributes", req));
    }
    steps.addAll(TagDiff.elbv2(t.tags(), o, diff));
    if (!steps.isEmpty()) {
      ctx.add(Change.modify(t.kind(), t.id(), o.name(), diff, steps));
    }
  }

  /** Deletes a target group after every other change of the group: its targets are deregistered. */
  static Change deletion(ObservedResource g, String reason) {
    return Change.delete(TargetGroupIntent.KIND, g.resourceTag(), g.name(), reason, List.of(deleteStep(g)))
        .withRiskNote("its targets are deregistered");
  }

  static Step deleteStep(ObservedResource g) {
    ObjectNode req = Requests.obj();
    req.put("TargetGroupArn", g.id());
    return Step.post("elbv2:DeleteTargetGroup", req);
  }
}
