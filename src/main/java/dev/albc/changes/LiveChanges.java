package dev.albc.changes;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.albc.intents.Intent;
import dev.albc.desired.DesiredState;
import dev.albc.desired.DesiredState.DesiredDiagnostic;
import dev.albc.desired.DesiredJson;
import dev.albc.desired.DesiredTable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A plan against a live account: the offline plan document (docs/plan-format.md) whose groups also
 * carry {@code changes} (what albc would do in AWS, with reason and risk), {@code notes} and
 * {@code errors} (why a group is blocked beyond its diagnostics). Only fields are added; a reader of
 * the offline format reads it unchanged.
 */
@JsonPropertyOrder({"apiVersion", "kind", "groups", "diagnostics"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LiveChanges(String apiVersion, String kind, List<LiveGroup> groups, List<DesiredDiagnostic> diagnostics) {

  /** A plan group plus its changes. {@code changes} is always present (empty: nothing to do). */
  @JsonPropertyOrder({"id", "members", "resources", "diagnostics", "changes", "notes", "errors"})
  public record LiveGroup(
      String id,
      @JsonInclude(JsonInclude.Include.ALWAYS) List<String> members,
      @JsonInclude(JsonInclude.Include.ALWAYS) List<Intent> resources,
      @JsonInclude(JsonInclude.Include.ALWAYS) List<DesiredDiagnostic> diagnostics,
      @JsonInclude(JsonInclude.Include.ALWAYS) List<Change> changes,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> errors) {

    @JsonIgnore
    public boolean blocked() {
      return !errors.isEmpty() || diagnostics.stream().anyMatch(DesiredDiagnostic::isError);
    }
  }

  /** The plan's groups with the planner's changes (a group without changes gets an empty list). */
  public static LiveChanges of(DesiredState plan, Map<String, GroupChanges> changes) {
    List<LiveGroup> groups = new ArrayList<>();
    for (DesiredState.DesiredGroup g : plan.groups()) {
      GroupChanges c = changes.get(g.id());
      groups.add(new LiveGroup(g.id(), g.members(), g.resources(), g.diagnostics(),
          c == null ? List.of() : c.changes(), c == null ? List.of() : c.notes(),
          c == null ? List.of() : c.errors()));
    }
    return new LiveChanges(DesiredState.API_VERSION, DesiredState.KIND, groups, plan.diagnostics());
  }

  @JsonIgnore
  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(DesiredDiagnostic::isError) || groups.stream().anyMatch(LiveGroup::blocked);
  }

  @JsonIgnore
  public int changeCount() {
    return groups.stream().mapToInt(g -> g.changes().size()).sum();
  }

  public String json() {
    try {
      return DesiredJson.JSON.writeValueAsString(this) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String yaml() {
    try {
      return DesiredJson.YAML.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The changes as a person reads them: one line per change, its diff and risk under it. */
  public String table() {
    StringBuilder out = new StringBuilder();
    int[] counts = new int[4];
    int blocked = 0;
    for (LiveGroup g : groups) {
      out.append("Group ").append(g.id());
      if (!g.members().isEmpty()) {
        out.append("  (").append(String.join(", ", g.members())).append(")");
      }
      if (g.blocked()) {
        blocked++;
        out.append("  — BLOCKED: no change is made to its AWS resources\n");
      } else if (g.changes().isEmpty()) {
        out.append("  — no change\n");
      } else {
        out.append('\n');
      }
      for (Change c : g.changes()) {
        counts[c.action().ordinal()]++;
        out.append(line(c)).append('\n');
        for (FieldDiff d : c.diff()) {
          out.append("        ").append(d.field()).append(": ").append(d.from()).append(" → ").append(d.to()).append('\n');
        }
        if (c.risk() != Change.Risk.NONE) {
          out.append("        risk: ").append(c.risk().json());
          if (c.riskNote() != null) {
            out.append(" — ").append(c.riskNote());
          }
          out.append('\n');
        }
      }
      for (String e : g.errors()) {
        out.append("  error   ").append(e).append('\n');
      }
      for (DesiredDiagnostic d : g.diagnostics()) {
        out.append("  ").append(DesiredTable.line(d)).append('\n');
      }
      for (String n : g.notes()) {
        out.append("  note    ").append(n).append('\n');
      }
      out.append('\n');
    }
    for (DesiredDiagnostic d : diagnostics) {
      out.append(DesiredTable.line(d)).append('\n');
    }
    out.append(String.format("Plan: %d to create, %d to modify, %d to replace, %d to delete; %d group(s), %d blocked.%n",
        counts[0], counts[1], counts[2], counts[3], groups.size(), blocked));
    return out.toString();
  }

  static String line(Change c) {
    String sign = switch (c.action()) {
      case CREATE -> "+";
      case MODIFY -> "~";
      case REPLACE -> "±";
      case DELETE -> "-";
    };
    String kind = c.kind().substring(c.kind().lastIndexOf(':') + 1);
    StringBuilder s = new StringBuilder(String.format("  %s %-8s %-18s", sign, c.action().json(), kind));
    if (c.resourceId() != null) {
      s.append(' ').append(c.resourceId());
    }
    if (c.name() != null && !c.name().equals(c.resourceId())) {
      s.append("  ").append(c.name());
    }
    boolean reasonIsDiff = c.action() == Change.Action.MODIFY && !c.diff().isEmpty();
    if (c.reason() != null && !c.reason().isEmpty() && !reasonIsDiff) {
      s.append("  — ").append(c.reason());
    }
    s.append("  [").append(String.join(", ", c.calls())).append(']');
    return s.toString();
  }
}
