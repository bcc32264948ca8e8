package dev.albc.controller;

import dev.albc.aws.AwsCallException;
import dev.albc.changes.LiveChanges;
import dev.albc.executor.Executor;
import dev.albc.executor.Reconciler;
import java.util.List;
import java.util.Map;

/**
 * {@link GroupReconcile} over {@code executor.Reconciler}, fed with one group's facts from the
 * {@link FactStore}; the binding until {@code live.LiveGroups} is merged (then {@code LiveGroups}
 * replaces this class).
 */
public final class ReconcilerGroups implements GroupReconcile {
  private final Reconciler reconciler;
  private final FactStore store;

  public ReconcilerGroups(Reconciler reconciler, FactStore store) {
    this.reconciler = reconciler;
    this.store = store;
  }

  @Override
  public GroupOutcome reconcile(String groupId) {
    Reconciler.Applied a;
    try {
      a = reconciler.apply(store.forGroup(groupId));
    } catch (AwsCallException e) {
      return new GroupOutcome(groupId, null, null, null, null, 0, null, e.getMessage());
    }
    LiveChanges.LiveGroup g = a.plan().groups().stream().filter(x -> x.id().equals(groupId)).findFirst().orElse(null);
    Executor.Result r = a.results().get(groupId);
    String failure = a.failures().get(groupId);
    if (g == null) {
      return new GroupOutcome(groupId, List.of(), List.of(), a.plan().diagnostics(), List.of(), 0, Map.of(), failure);
    }
    return new GroupOutcome(groupId, g.members(), g.resources(), g.diagnostics(), g.errors(), g.changes().size(),
        r == null ? Map.of() : r.refs(), failure);
  }

  @Override
  public GroupOutcome delete(String groupId) {
    Reconciler.Deleted d;
    try {
      d = reconciler.delete(List.of(groupId), false);
    } catch (AwsCallException e) {
      return new GroupOutcome(groupId, null, null, null, null, 0, null, e.getMessage());
    }
    var c = d.changes().get(groupId);
    return new GroupOutcome(groupId, List.of(), List.of(), List.of(), List.of(), c == null ? 0 : c.changes().size(),
        Map.of(), d.failures().get(groupId));
  }
}
