package dev.albc.live;

import dev.albc.changes.GroupChanges;
import dev.albc.changes.LiveChanges;
import dev.albc.desired.DesiredState.DesiredDiagnostic;
import dev.albc.desired.DesiredState.DesiredGroup;
import dev.albc.executor.Executor;
import java.util.List;

/**
 * What one group's live run produced.
 *
 * @param desired the rules' desired state of the group; null for a deletion, or when the rules name
 *     no such group (then nothing was read or done)
 * @param changes the changes planned against what AWS holds; null when nothing was planned (no such
 *     group, or reading AWS failed)
 * @param result what the executor did; null when nothing was executed (a plan, a dry run, a failure)
 * @param failure the one line saying why the run stopped ({@code [group] Operation on resource
 *     failed: …}); null when it did not
 */
public record GroupRun(String groupId, DesiredGroup desired, GroupChanges changes, Executor.Result result,
    String failure) {

  /** True when no change is made to the group's AWS resources (error diagnostics, a conflict, …). */
  public boolean blocked() {
    return changes != null && changes.blocked()
        || desired != null && desired.diagnostics().stream().anyMatch(DesiredDiagnostic::isError);
  }

  /** True when the group has an error: a diagnostic, a blocking error of the plan, or a failure. */
  public boolean hasErrors() {
    return failure != null || (changes != null && !changes.errors().isEmpty())
        || desired != null && desired.diagnostics().stream().anyMatch(DesiredDiagnostic::isError);
  }

  public boolean failed() {
    return failure != null;
  }

  /** The AWS (and Kubernetes) calls the executor made. */
  public int calls() {
    return result == null ? 0 : result.applied().size();
  }

  /** The group as the live plan document shows it (docs/plan-format.md). */
  public LiveChanges.LiveGroup liveGroup() {
    List<String> none = List.of();
    return new LiveChanges.LiveGroup(groupId, desired == null ? none : desired.members(),
        desired == null ? List.of() : desired.resources(), desired == null ? List.of() : desired.diagnostics(),
        changes == null ? List.of() : changes.changes(), changes == null ? none : changes.notes(),
        changes == null ? none : changes.errors());
  }
}
