package dev.albc.rules.api;

/**
 * A finding about the input.
 *
 * @param group the IngressGroup id it belongs to, or null when not tied to one group
 * @param object the Kubernetes object ({@code Ingress ns/name}, {@code Service ns/name},
 *     {@code IngressClassParams name}, {@code Subnet subnet-…})
 * @param field the annotation key or field path ({@code alb.ingress.kubernetes.io/scheme},
 *     {@code spec.rules[0].http.paths[1].backend})
 * @param message what is wrong
 * @param hint what was expected / how to fix it
 * @param rule the rule that raised it
 */
public record Diagnostic(
    Severity severity,
    String group,
    String object,
    String field,
    String message,
    String hint,
    String rule) {

  public static Diagnostic error(
      String group, String object, String field, String message, String hint, String rule) {
    return new Diagnostic(Severity.ERROR, group, object, field, message, hint, rule);
  }

  public static Diagnostic warning(
      String group, String object, String field, String message, String hint, String rule) {
    return new Diagnostic(Severity.WARNING, group, object, field, message, hint, rule);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
