package dev.albc.controller;

/**
 * One IngressGroup against AWS, as the live entry point does it ({@code live.LiveGroups}): the
 * controller's only door to rules, planner and executor, bound by {@link LiveGroupReconcile}; see
 * docs/controller.md "Reconcile of one group".
 */
public interface GroupReconcile {
  /** Facts → rules → changes → executor for this group. */
  GroupOutcome reconcile(String groupId);

  /** Removes everything of the group (its members are gone). */
  GroupOutcome delete(String groupId);
}
