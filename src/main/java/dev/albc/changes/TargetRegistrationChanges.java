package dev.albc.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.intents.Ref;
import dev.albc.intents.TargetGroupIntent;
import dev.albc.observe.ObservedResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Targets that albc registers itself: those a target group's intent lists (a frontend NLB's
 * target groups of type {@code alb}: the group's ALB on its listener port; other target groups'
 * targets are the TargetGroupBindings'). A wanted target not registered is registered
 * ({@code RegisterTargets}, planned after the ALB's listeners exist); a registered one no longer
 * wanted (a replaced ALB, another ALB port) is deregistered first, as a target group of type
 * {@code alb} holds one load balancer. A target group of type {@code alb} that is not wanted any
 * more has its targets deregistered before it is deleted, as the reference controller does. What
 * is registered is read by the observer ({@code DescribeTargetHealth}, the body's {@code Targets}).
 */
final class TargetRegistrationChanges {
  static final String ALB = "alb";

  private final ChangeContext ctx;

  TargetRegistrationChanges(ChangeContext ctx) {
    this.ctx = ctx;
  }

  /** {@code desired}: every wanted target group (those without targets are left alone). */
  void plan(List<TargetGroupIntent> desired) {
    for (TargetGroupIntent t : desired) {
      if (t.targets() != null) {
        registrations(t);
      }
    }
  }

  /** The targets of the stack's target groups of type alb that are not wanted any more. */
  void deregisterUnwanted(List<TargetGroupIntent> desired) {
    Set<String> wanted = new HashSet<>();
    desired.forEach(t -> wanted.add(t.id()));
    for (ObservedResource g : ctx.observed.targetGroups()) {
      if (ALB.equals(g.text("TargetType")) && (g.resourceTag() == null || !wanted.contains(g.resourceTag()))) {
        deregisterAll(g, "no longer wanted: its target is deregistered before it is deleted");
      }
    }
  }

  /** Every registered target of the stack's target groups of type alb (the group is deleted). */
  void deregisterAll() {
    for (ObservedResource g : ctx.observed.targetGroups()) {
      if (ALB.equals(g.text("TargetType"))) {
        deregisterAll(g, "the group is deleted: its target is deregistered first");
      }
    }
  }

  private void registrations(TargetGroupIntent t) {
    String arn = ctx.refOf(t.id());
    ObservedResource o = arn == null ? null
        : ctx.observed.targetGroups().stream().filter(g -> g.id().equals(arn)).findFirst().orElse(null);
    Map<String, JsonNode> have = registered(o);
    Map<String, ObjectNode> want = new LinkedHashMap<>();
    for (TargetGroupIntent.Target target : t.targets()) {
      String id = target.id() instanceof Ref r ? ctx.refOf(r.ref()) : String.valueOf(target.id());
      ObjectNode d = Requests.obj();
      d.set("Id", id != null ? d.textNode(id) : Requests.ref(((Ref) target.id()).ref()));
      d.put("Port", target.port());
      // a target made by this plan (its ARN not known yet) is always registered
      want.put(id != null ? id + ":" + target.port() : "new:" + want.size(), d);
    }
    List<JsonNode> stale = have.entrySet().stream().filter(e -> !want.containsKey(e.getKey())).map(Map.Entry::getValue)
        .toList();
    List<JsonNode> missing = want.entrySet().stream().filter(e -> !have.containsKey(e.getKey()))
        .map(e -> (JsonNode) e.getValue()).toList();
    if (stale.isEmpty() && missing.isEmpty()) {
      return;
    }
    JsonNode tgArn = arn != null ? Requests.obj().textNode(arn) : Requests.ref(t.id());
    List<Step> steps = new ArrayList<>();
    if (!stale.isEmpty()) {
      steps.add(Step.of("elbv2:DeregisterTargets", targets(tgArn, stale)));
    }
    if (!missing.isEmpty()) {
      steps.add(Step.of("elbv2:RegisterTargets", targets(tgArn, missing)));
    }
    List<FieldDiff> diff = List.of(new FieldDiff("Targets", String.join(",", have.keySet()),
        JsonMatch.show(Requests.obj().arrayNode().addAll(want.values()))));
    ctx.add(Change.modify(t.kind(), t.id(), t.name(), diff, steps));
  }

  private void deregisterAll(ObservedResource g, String reason) {
    Map<String, JsonNode> have = registered(g);
    if (have.isEmpty()) {
      return;
    }
    ctx.add(Change.modify(TargetGroupIntent.KIND, g.resourceTag(), g.name(),
            List.of(new FieldDiff("Targets", String.join(",", have.keySet()), "")),
            List.of(Step.of("elbv2:DeregisterTargets", targets(Requests.obj().textNode(g.id()),
                List.copyOf(have.values())))))
        .withReason(reason));
  }

  /** The registered targets of an observed target group, by {@code id:port}. */
  static Map<String, JsonNode> registered(ObservedResource o) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (o != null && o.body() != null) {
      for (JsonNode x : o.body().path("Targets")) {
        ObjectNode d = Requests.obj();
        d.put("Id", x.path("Id").asText());
        d.put("Port", x.path("Port").asInt());
        out.put(x.path("Id").asText() + ":" + x.path("Port").asInt(), d);
      }
    }
    return out;
  }

  private static ObjectNode targets(JsonNode tgArn, List<JsonNode> targets) {
    ObjectNode req = Requests.obj();
    req.set("TargetGroupArn", tgArn);
    ArrayNode a = req.putArray("Targets");
    targets.forEach(a::add);
    return req;
  }
}
