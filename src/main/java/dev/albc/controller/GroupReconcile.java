package dev.albc.controller;

import dev.albc.desired.DesiredState.DesiredGroup;
import java.util.List;

/**
 * One IngressGroup against AWS, as the live entry point does it ({@code live.LiveGroups}): the
 * controller's only door to rules, planner and executor, bound by {@link LiveGroupReconcile}; see
 * docs/controller.md "Reconcile of one group". The rules run apart from the deploy, so the
 * controller can plan a group with a bad member held at its last valid version ({@link Quarantine}).
 */
public interface GroupReconcile {
  /**
   * Facts → rules for this group, over the given Kubernetes facts (the account's are added): its
   * desired state, or null when the rules name no such group. Writes nothing.
   */
  DesiredGroup desired(String groupId, List<Object> kubeFacts);

  /**
   * The account facts read again (a plan the rules refused may name a subnet or certificate made
   * since the last read); true when they changed, so planning again may give another answer.
   */
  boolean refreshAccountFacts();

  /** Changes → executor for this desired state (nothing when it has an error diagnostic). */
  GroupOutcome deploy(DesiredGroup desired);

  /** Removes everything of the group (its members are gone). */
  GroupOutcome delete(String groupId);
}
