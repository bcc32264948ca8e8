package dev.albc.desired;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.albc.intents.Intent;
import dev.albc.rules.api.Diagnostic;
import java.util.List;

/**
 * The plan document: {@code {"apiVersion": "albc.dev/v1alpha1", "kind": "Plan", "groups": [...]}}.
 * {@code diagnostics} at the top level holds findings tied to no group.
 */
@JsonPropertyOrder({"apiVersion", "kind", "groups", "diagnostics"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DesiredState(String apiVersion, String kind, List<DesiredGroup> groups, List<DesiredDiagnostic> diagnostics) {
  public static final String API_VERSION = "albc.dev/v1alpha1";
  public static final String KIND = "Plan";

  public static DesiredState of(List<DesiredGroup> groups, List<DesiredDiagnostic> diagnostics) {
    return new DesiredState(API_VERSION, KIND, List.copyOf(groups), List.copyOf(diagnostics));
  }

  /** True when any diagnostic (in a group or not) is an error. */
  @JsonIgnore
  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(DesiredDiagnostic::isError)
        || groups.stream().anyMatch(g -> g.diagnostics().stream().anyMatch(DesiredDiagnostic::isError));
  }

  /** One IngressGroup: its id, member Ingresses (in group order), resources and diagnostics. */
  @JsonPropertyOrder({"id", "members", "resources", "diagnostics"})
  public record DesiredGroup(
      String id, List<String> members, List<Intent> resources, List<DesiredDiagnostic> diagnostics) {}

  /** A diagnostic as the plan shows it. */
  @JsonPropertyOrder({"severity", "object", "field", "message", "hint", "rule"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DesiredDiagnostic(
      String severity, String object, String field, String message, String hint, String rule) {

    public static DesiredDiagnostic of(Diagnostic d) {
      return new DesiredDiagnostic(
          d.severity().name().toLowerCase(java.util.Locale.ROOT), d.object(), d.field(), d.message(), d.hint(), d.rule());
    }

    @JsonIgnore
    public boolean isError() {
      return "error".equals(severity);
    }
  }
}
