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

  /** The calls' names, in order ({@code elbv2:ModifyTargetGroup}, …). */
  public List<String> calls() {
    return steps.stream().map(Step::call).toList();
  }
}
