package dev.albc.live;

import dev.albc.changes.GroupChanges;
import dev.albc.changes.LiveChanges;
import dev.albc.desired.DesiredState;
import dev.albc.executor.Executor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every group of the inputs run once, in the order of the desired state (what {@code albc apply}
 * and {@code albc plan --live} print): the desired state of all groups, read in one rule session,
 * and each group's run.
 */
public record LiveRun(DesiredState desired, List<GroupRun> groups) {
  public LiveRun {
    groups = List.copyOf(groups);
  }

  /** The live plan document: the desired state with each group's changes. */
  public LiveChanges changes() {
    Map<String, GroupChanges> changes = new LinkedHashMap<>();
    groups.forEach(g -> {
      if (g.changes() != null) {
        changes.put(g.groupId(), g.changes());
      }
    });
    return LiveChanges.of(desired, changes);
  }

  /** The executor's result by group, for the groups it ran to the end. */
  public Map<String, Executor.Result> results() {
    Map<String, Executor.Result> out = new LinkedHashMap<>();
    groups.forEach(g -> {
      if (g.result() != null) {
        out.put(g.groupId(), g.result());
      }
    });
    return out;
  }

  /** Why a group stopped, by group. */
  public Map<String, String> failures() {
    Map<String, String> out = new LinkedHashMap<>();
    groups.forEach(g -> {
      if (g.failure() != null) {
        out.put(g.groupId(), g.failure());
      }
    });
    return out;
  }

  public boolean failed() {
    return groups.stream().anyMatch(GroupRun::failed);
  }
}
