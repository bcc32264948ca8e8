package dev.albc.changes;

import dev.albc.observe.ObservedStack;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One planning run of one group, shared by the per-kind classes: what they read (the group, its
 * observed stack, the options) and what they collect (the references known so far, the changes in
 * order, notes and errors). Each step of {@link ChangePlanner} adds to it; nothing else does.
 */
final class ChangeContext {
  final String groupId;
  final ObservedStack observed;
  final ChangePlanner.Options options;
  private final Map<String, String> refs = new LinkedHashMap<>();
  private final List<Change> changes = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();

  ChangeContext(String groupId, ObservedStack observed, ChangePlanner.Options options) {
    this.groupId = groupId;
    this.observed = observed;
    this.options = options;
  }

  /** A kept resource: its ResourceId resolves to this ARN or id from now on. */
  void known(String resourceId, String arnOrId) {
    refs.put(resourceId, arnOrId);
  }

  /** The ARN or id of a kept resource, or null (not kept, or created by this plan). */
  String refOf(String resourceId) {
    return refs.get(resourceId);
  }

  /** The references known so far, read-only (what {@link JsonMatch} resolves against). */
  Map<String, String> refs() {
    return Collections.unmodifiableMap(refs);
  }

  void add(Change c) {
    changes.add(c);
  }

  /** Something the plan leaves out, and why. */
  void note(String n) {
    notes.add(n);
  }

  /** Why the group must not change at all (it is then blocked). */
  void error(String e) {
    errors.add(e);
  }

  /** The changes, or a blocked group when an error was found. */
  GroupChanges result() {
    if (!errors.isEmpty()) {
      return GroupChanges.blocked(groupId, errors);
    }
    return new GroupChanges(groupId, false, changes, refs, notes, List.of());
  }
}
