package dev.albc.changes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.intents.ListenerIntent;
import dev.albc.intents.ListenerRuleIntent;
import dev.albc.observe.ObservedResource;
import dev.albc.changes.Change.Action;
import dev.albc.changes.Change.Risk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of one listener, as the reference's rule synthesizer: (1) a rule wanted at the
 * priority it has, with the same conditions and actions, stays (its tags are updated); (2) a rule
 * whose content is wanted at another priority moves there with {@code SetRulePriorities}; (3) a rule
 * at a wanted priority with other content is modified in place ({@code ModifyRule}); (4) the rest is
 * created, then what is left in AWS is deleted. Rules that sit on a priority a moved rule needs are
 * first pushed to free priorities counted down from 50000, so every call is valid on its own (AWS
 * and the emulator both refuse a priority that is in use at the time of the call).
 */
final class ListenerRuleChanges {
  private final ChangePlanner.Run run;
  private final ListenerIntent listener;
  private final ObservedResource observedListener;
  private final List<ListenerRuleIntent> want;
  private final List<ObservedResource> have;

  private final Map<String, String> refs;
  private final List<Change> changes;

  ListenerRuleChanges(ChangePlanner.Run run, ListenerIntent listener, ObservedResource observedListener, List<ListenerRuleIntent> want,
      List<ObservedResource> have) {
    this.run = run;
    this.listener = listener;
    this.observedListener = observedListener;
    this.want = want;
    this.have = have;
    this.refs = run.refs;
    this.changes = run.changes;
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
      refs.put(p.desired().resourceId(), p.observed().id());
    }
    for (Pair p : moves) {
      refs.put(p.desired().resourceId(), p.observed().id());
    }
    for (Pair p : modifies) {
      refs.put(p.desired().resourceId(), p.observed().id());
    }
    if (!moves.isEmpty()) {
      changes.add(moveChange(moves, openHave));
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
      ObjectNode req = ChangePlanner.obj();
      req.put("RuleArn", o.id());
      changes.add(new Change(Action.DELETE, ListenerRuleIntent.KIND, o.resourceTag(),
          "port " + listener.port() + " priority " + o.name(), "no longer wanted (its path or Ingress was removed)",
          Risk.DELETION, null, List.of(), List.of(Step.of("elbv2:DeleteRule", req))));
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
    ObjectNode j = ChangePlanner.json(d);
    return JsonMatch.matches("Conditions", j.get("Conditions"), o.body().get("Conditions"), refs)
        && JsonMatch.matches("Actions", j.get("Actions"), o.body().get("Actions"), refs);
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
      ObjectNode req = ChangePlanner.obj();
      ArrayNode a = req.putArray("RulePriorities");
      pushed.forEach((o, p) -> {
        ObjectNode x = a.addObject();
        x.put("RuleArn", o.id());
        x.put("Priority", p);
      });
      steps.add(Step.of("elbv2:SetRulePriorities", req));
    }
    ObjectNode req = ChangePlanner.obj();
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
      steps.addAll(run.elbTags(p.desired().tags(), p.observed(), new ArrayList<>()));
    }
    String ids = String.join(", ", moves.stream().map(p -> p.desired().resourceId()).toList());
    return new Change(Action.MODIFY, ListenerRuleIntent.KIND, ids, "port " + listener.port(),
        "rules keep their conditions and actions but move to other priorities (a rule before them was added or "
            + "removed)", Risk.NONE, null, diff, steps);
  }

  private void tagsOnly(Pair p) {
    List<FieldDiff> diff = new ArrayList<>();
    List<Step> steps = run.elbTags(p.desired().tags(), p.observed(), diff);
    if (!steps.isEmpty()) {
      changes.add(new Change(Action.MODIFY, ListenerRuleIntent.KIND, p.desired().resourceId(),
          "port " + listener.port() + " priority " + p.desired().priority(), ChangePlanner.describe(diff), Risk.NONE, null,
          diff, steps));
    }
  }

  private void modify(Pair p) {
    ObjectNode j = ChangePlanner.json(p.desired());
    List<FieldDiff> diff = new ArrayList<>();
    for (String f : List.of("Conditions", "Actions")) {
      if (!JsonMatch.matches(f, j.get(f), p.observed().body().get(f), refs)) {
        diff.add(new FieldDiff(f, JsonMatch.show(p.observed().body().get(f)), JsonMatch.show(j.get(f))));
      }
    }
    ObjectNode req = ChangePlanner.obj();
    req.put("RuleArn", p.observed().id());
    req.set("Conditions", j.get("Conditions"));
    req.set("Actions", j.get("Actions"));
    List<Step> steps = new ArrayList<>();
    steps.add(Step.of("elbv2:ModifyRule", req));
    steps.addAll(run.elbTags(p.desired().tags(), p.observed(), diff));
    changes.add(new Change(Action.MODIFY, ListenerRuleIntent.KIND, p.desired().resourceId(),
        "port " + listener.port() + " priority " + p.desired().priority(), ChangePlanner.describe(diff), Risk.NONE, null,
        diff, steps));
  }

  private void create(ListenerRuleIntent d) {
    ObjectNode req = ChangePlanner.json(d);
    req.set("Tags", ChangePlanner.tagList(d.tags()));
    changes.add(new Change(Action.CREATE, ListenerRuleIntent.KIND, d.resourceId(),
        "port " + listener.port() + " priority " + d.priority(),
        observedListener == null ? "the listener is new" : "not in AWS", Risk.NONE, null, List.of(),
        List.of(Step.producing("elbv2:CreateRule", req, d.resourceId()))));
  }
}
