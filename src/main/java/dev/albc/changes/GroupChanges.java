package dev.albc.changes;

import java.util.List;
import java.util.Map;

/**
 * The changes that bring one group's AWS resources (and TargetGroupBindings) to its intents.
 *
 * @param blocked true when the group has an error diagnostic or a conflict: no change at all
 * @param changes in execution order
 * @param knownRefs ARN or id of every existing resource that is kept, by ResourceId (the executor
 *     starts from these and adds what it creates)
 * @param notes what the plan leaves out and why (bindings without a cluster, Shield without a
 *     subscription, …)
 * @param errors why the group is blocked beyond its diagnostics (a wanted name held by another
 *     stack, deletion protection)
 */
public record GroupChanges(
    String groupId,
    boolean blocked,
    List<Change> changes,
    Map<String, String> knownRefs,
    List<String> notes,
    List<String> errors) {

  public GroupChanges {
    changes = List.copyOf(changes);
    knownRefs = Map.copyOf(knownRefs);
    notes = List.copyOf(notes);
    errors = List.copyOf(errors);
  }

  public static GroupChanges blocked(String groupId, List<String> errors) {
    return new GroupChanges(groupId, true, List.of(), Map.of(), List.of(), errors);
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  public long count(Change.Action a) {
    return changes.stream().filter(c -> c.action() == a).count();
  }
}
