package dev.albc.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.intents.ListenerIntent;
import dev.albc.intents.ListenerRuleIntent;
import dev.albc.observe.ObservedResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of one listener, as the reference's rule synthesizer: (1) a rule wanted at the
 * priority it has, with the same conditions, actions and transforms, stays (its tags are updated); (2) a rule
 * whose content is wanted at another priority moves there with {@code SetRulePriorities}; (3) a rule
 * at a wanted priority with other content is modified in place ({@code ModifyRule}); (4) the rest is
 * created, then what is left in AWS is deleted. Rules that sit on a priority a moved rule needs are
 * first pushed to free priorities counted down from 50000, so every call is valid on its own (AWS
 * and the emulator both refuse a priority that is in use at the time of the call).
 */
final class ListenerRuleChanges {
  private final ChangeContext ctx;
  private final ListenerIntent listener;
  private final ObservedResource observedListener;
  private final List<ListenerRuleIntent> want;
  private final List<ObservedResource> have;

  ListenerRuleChanges(ChangeContext ctx, ListenerIntent listener, ObservedResource observedListener,
      List<ListenerRuleIntent> want, List<ObservedResource> have) {
    this.ctx = ctx;
    this.listener = listener;
    this.observedListener = observedListener;
    this.want = want;
    this.have = have;
  }

  /**
   * The rules of every wanted listener, listener by listener.
   *
   * @param listeners the wanted listeners, by port
   * @param observedByPort the kept load balancer's listeners in AWS ({@link ListenerChanges#plan})
   * @param rules the wanted rules, by port then priority
   */
  static void plan(ChangeContext ctx, List<ListenerIntent> listeners, Map<Integer, ObservedResource> observedByPort,
      List<ListenerRuleIntent> rules) {
    for (ListenerIntent l : listeners) {
      ObservedResource o = observedByPort.get(l.port());
      List<ObservedResource> have = new ArrayList<>();
      if (o != null) {
        for (ObservedResource r : ctx.observed.rules()) {
          if (o.id().equals(r.parent())) {
            have.add(r);
          }
        }
      }
      List<ListenerRuleIntent> want = rules.stream().filter(r -> r.port() == l.port()).toList();
      new ListenerRuleChanges(ctx, l, o, want, have).plan();
    }
  }

  private record Pair(ListenerRuleIntent desired, ObservedResource observed) {}

  void plan() {
    List<ListenerRuleIntent> openWant = new ArrayList<>(want);
    List<ObservedResource> openHave = new ArrayList<>(have);
    List<Pair> same = new ArrayList<>();
    List<Pair> moves = new ArrayList<>();
    List<Pair> modifies = new ArrayList<>();
    // (1) same priority, same content
    for (ListenerRuleIntent d : want) {
      for (ObservedResource o : openHave) {
        if (priority(o) == d.priority() && sameContent(d, o)) {
          same.add(new Pair(d, o));
          openWant.remove(d);
          openHave.remove(o);
          break;
        }
      }
    }
    // (2) same content elsewhere: move
    for (ListenerRuleIntent d : new ArrayList<>(openWant)) {
      for (ObservedResource o : openHave) {
        if (sameContent(d, o)) {
          moves.add(new Pair(d, o));
          openWant.remove(d);
          openHave.remove(o);
          break;
        }
      }
    }
    // (3) same priority, other content: modify in place
    for (ListenerRuleIntent d : new ArrayList<>(openWant)) {
      for (ObservedResource o : openHave) {
        if (priority(o) == d.priority()) {
          modifies.add(new Pair(d, o));
          openWant.remove(d);
          openHave.remove(o);
          break;
        }
      }
    }
    for (Pair p : same) {
      ctx.known(p.desired().resourceId(), p.observed().id());
    }
    for (Pair p : moves) {
      ctx.known(p.desired().resourceId(), p.observed().id());
    }
    for (Pair p : modifies) {
      ctx.known(p.desired().resourceId(), p.observed().id());
    }
    if (!moves.isEmpty()) {
      ctx.add(moveChange(moves, openHave));
    }
    for (Pair p : same) {
      tagsOnly(p);
    }
    for (Pair p : modifies) {
      modify(p);
    }
    for (ListenerRuleIntent d : openWant) {
      create(d);
    }
    for (ObservedResource o : openHave) {
      ObjectNode req = Requests.obj();
      req.put("RuleArn", o.id());
      ctx.add(Change.delete(ListenerRuleIntent.KIND, o.resourceTag(), "port " + listener.port() + " priority "
          + o.name(), "no longer wanted (its path or Ingress was removed)", List.of(Step.of("elbv2:DeleteRule", req))));
    }
  }

  static int priority(ObservedResource o) {
    try {
      return Integer.parseInt(o.name());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private boolean sameContent(ListenerRuleIntent d, ObservedResource o) {
    ObjectNode j = Requests.json(d);
    return JsonMatch.matches("Conditions", j.get("Conditions"), o.body().get("Conditions"), ctx.refs())
        && JsonMatch.matches("Actions", j.get("Actions"), o.body().get("Actions"), ctx.refs())
        && sameTransforms(j, o);
  }

  /** Transforms as wanted; none wanted matches none (or an empty list) in AWS. */
  static boolean sameTransforms(ObjectNode want, ObservedResource o) {
    JsonNode have = o.body().get("Transforms");
    if (!want.has("Transforms")) {
      return have == null || have.isNull() || have.isEmpty();
    }
    return have != null && JsonMatch.matches(want.get("Transforms"), have, java.util.Map.of())
        && have.size() == want.get("Transforms").size();
  }

  private Change moveChange(List<Pair> moves, List<ObservedResource> obsolete) {
    Set<Integer> used = new HashSet<>();
    have.forEach(o -> used.add(priority(o)));
    want.forEach(d -> used.add(d.priority()));
    Set<Integer> targets = new HashSet<>();
    moves.forEach(p -> targets.add(p.desired().priority()));
    // rules sitting on a target priority are pushed down first (moved ones and obsolete ones)
    Map<ObservedResource, Integer> pushed = new LinkedHashMap<>();
    int next = 50000;
    List<ObservedResource> occupants = new ArrayList<>();
    for (Pair p : moves) {
      if (targets.contains(priority(p.observed()))) {
        occupants.add(p.observed());
      }
    }
    for (ObservedResource o : obsolete) {
      if (targets.contains(priority(o))) {
        occupants.add(o);
      }
    }
    for (ObservedResource o : occupants) {
      while (used.contains(next)) {
        next--;
      }
      pushed.put(o, next);
      used.add(next);
      next--;
    }
    List<Step> steps = new ArrayList<>();
    if (!pushed.isEmpty()) {
      ObjectNode req = Requests.obj();
      ArrayNode a = req.putArray("RulePriorities");
      pushed.forEach((o, p) -> {
        ObjectNode x = a.addObject();
        x.put("RuleArn", o.id());
        x.put("Priority", p);
      });
      steps.add(Step.of("elbv2:SetRulePriorities", req));
    }
    ObjectNode req = Requests.obj();
    ArrayNode a = req.putArray("RulePriorities");
    List<FieldDiff> diff = new ArrayList<>();
    for (Pair p : moves) {
      ObjectNode x = a.addObject();
      x.put("RuleArn", p.observed().id());
      x.put("Priority", p.desired().priority());
      diff.add(new FieldDiff("Priority", p.observed().name(), String.valueOf(p.desired().priority())));
    }
    steps.add(Step.of("elbv2:SetRulePriorities", req));
    for (Pair p : moves) {
      steps.addAll(TagDiff.elbv2(p.desired().tags(), p.observed(), new ArrayList<>()));
    }
    String ids = String.join(", ", moves.stream().map(p -> p.desired().resourceId()).toList());
    return Change.modify(ListenerRuleIntent.KIND, ids, "port " + listener.port(), diff, steps)
        .withReason("rules keep their conditions and actions but move to other priorities (a rule before them was "
            + "added or removed)");
  }

  private void tagsOnly(Pair p) {
    List<FieldDiff> diff = new ArrayList<>();
    List<Step> steps = TagDiff.elbv2(p.desired().tags(), p.observed(), diff);
    if (!steps.isEmpty()) {
      ctx.add(Change.modify(ListenerRuleIntent.KIND, p.desired().resourceId(),
          "port " + listener.port() + " priority " + p.desired().priority(), diff, steps));
    }
  }

  private void modify(Pair p) {
    ObjectNode j = Requests.json(p.desired());
    List<FieldDiff> diff = new ArrayList<>();
    for (String f : List.of("Conditions", "Actions")) {
      if (!JsonMatch.matches(f, j.get(f), p.observed().body().get(f), ctx.refs())) {
        diff.add(new FieldDiff(f, JsonMatch.show(p.observed().body().get(f)), JsonMatch.show(j.get(f))));
      }
    }
    boolean transformsChange = !sameTransforms(j, p.observed());
    if (transformsChange) {
      diff.add(new FieldDiff("Transforms", JsonMatch.show(p.observed().body().get("Transforms")),
          JsonMatch.show(j.get("Transforms"))));
    }
    ObjectNode req = Requests.obj();
    req.put("RuleArn", p.observed().id());
    req.set("Conditions", j.get("Conditions"));
    req.set("Actions", j.get("Actions"));
    if (j.has("Transforms")) {
      req.set("Transforms", j.get("Transforms"));
    } else if (transformsChange) {
      req.put("ResetTransforms", true); // the transforms found in AWS go
    }
    List<Step> steps = new ArrayList<>();
    steps.add(Step.of("elbv2:ModifyRule", req));
    steps.addAll(TagDiff.elbv2(p.desired().tags(), p.observed(), diff));
    ctx.add(Change.modify(ListenerRuleIntent.KIND, p.desired().resourceId(),
        "port " + listener.port() + " priority " + p.desired().priority(), diff, steps));
  }

  private void create(ListenerRuleIntent d) {
    ObjectNode req = Requests.json(d);
    req.set("Tags", Requests.tagList(d.tags()));
    ctx.add(Change.create(ListenerRuleIntent.KIND, d.resourceId(), "port " + listener.port() + " priority "
        + d.priority(), observedListener == null ? "the listener is new" : "not in AWS",
        List.of(Step.producing("elbv2:CreateRule", req, d.resourceId()))));
  }
}
