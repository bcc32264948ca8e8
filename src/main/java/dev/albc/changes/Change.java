package dev.albc.changes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Locale;

/**
 * One change to one resource, with why it is made, what it risks and the calls that make it.
 *
 * @param action create, modify, replace or delete
 * @param kind the plan's Kind of the resource
 * @param resourceId its ResourceId ({@code ingress.k8s.aws/resource} tag value)
 * @param name its name (or ARN / id for what has none)
 * @param reason why, in words
 * @param risk none, interruption (traffic may be disturbed), replacement (a new resource takes the
 *     old one's place: a new DNS name, or targets to register again) or deletion
 * @param diff the members that differ (modify, replace)
 * @param steps the API calls, in order
 */
@JsonPropertyOrder({"action", "kind", "resourceId", "name", "reason", "risk", "riskNote", "diff", "steps"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Change(
    Action action,
    String kind,
    String resourceId,
    String name,
    String reason,
    Risk risk,
    String riskNote,
    List<FieldDiff> diff,
    List<Step> steps) {

  public enum Action {
    CREATE, MODIFY, REPLACE, DELETE;

    @com.fasterxml.jackson.annotation.JsonValue
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public enum Risk {
    NONE, INTERRUPTION, REPLACEMENT, DELETION;

    @com.fasterxml.jackson.annotation.JsonValue
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Change {
    diff = diff == null ? List.of() : List.copyOf(diff);
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /** A resource to create: no risk. */
  public static Change create(String kind, String resourceId, String name, String reason, List<Step> steps) {
    return new Change(Action.CREATE, kind, resourceId, name, reason, Risk.NONE, null, List.of(), steps);
  }

  /**
   * A resource changed in place, without risk; its reason is the diff in words ({@link
   * FieldDiff#describe}) unless {@link #withReason} says otherwise.
   */
  public static Change modify(String kind, String resourceId, String name, List<FieldDiff> diff, List<Step> steps) {
    return new Change(Action.MODIFY, kind, resourceId, name, FieldDiff.describe(diff), Risk.NONE, null, diff, steps);
  }

  /** A new resource in place of one whose {@code diff} cannot change in place: a replacement risk. */
  public static Change replace(String kind, String resourceId, String name, String reason, String riskNote,
      List<FieldDiff> diff, List<Step> steps) {
    return new Change(Action.REPLACE, kind, resourceId, name, reason, Risk.REPLACEMENT, riskNote, diff, steps);
  }

  /** A resource to delete: a deletion risk ({@link #withRiskNote} says what it means here). */
  public static Change delete(String kind, String resourceId, String name, String reason, List<Step> steps) {
    return new Change(Action.DELETE, kind, resourceId, name, reason, Risk.DELETION, null, List.of(), steps);
  }

  /** This change with another reason. */
  public Change withReason(String why) {
    return new Change(action, kind, resourceId, name, why, risk, riskNote, diff, steps);
  }

  /** This change with another risk and what it means. */
  public Change withRisk(Risk r, String note) {
    return new Change(action, kind, resourceId, name, reason, r, note, diff, steps);
  }

  /** This change with what its risk means here. */
  public Change withRiskNote(String note) {
    return new Change(action, kind, resourceId, name, reason, risk, note, diff, steps);
  }

  /** The calls' names, in order ({@code elbv2:ModifyTargetGroup}, …). */
  public List<String> calls() {
    return steps.stream().map(Step::call).toList();
  }
}
