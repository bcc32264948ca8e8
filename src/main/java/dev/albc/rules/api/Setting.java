package dev.albc.rules.api;

import java.util.List;
import java.util.Map;

/**
 * A candidate value for one setting of one scope. Rules insert settings; the {@code resolve} phase
 * turns the one with the highest precedence into an {@link Effective}.
 *
 * @param scope what the setting belongs to, see {@link Scopes}
 * @param name the setting's name (e.g. {@code scheme}, {@code healthcheck-path}); built-in names are
 *     the annotation suffixes
 * @param value a String, Integer, Boolean, List or Map
 * @param source the kind of source
 * @param precedence see {@link Precedence}
 * @param origin who set it: {@code ns/name annotation alb.ingress.kubernetes.io/scheme}, {@code flag
 *     --default-load-balancer-scheme}, {@code rule "<name>"}
 */
public record Setting(
    String scope, String name, Object value, Source source, int precedence, String origin) {

  public static Setting of(
      String scope, String name, Object value, Source source, int precedence, String origin) {
    return new Setting(scope, name, value, source, precedence, origin);
  }

  /** A setting inserted by a (user) rule at the given precedence. */
  public static Setting byRule(
      String scope, String name, Object value, int precedence, String ruleName) {
    return new Setting(scope, name, value, Source.RULE, precedence, "rule \"" + ruleName + "\"");
  }

  /**
   * A setting a (user) rule derives from an annotation of a member Ingress: origin
   * {@code Ingress ns/name annotation <key>}, so a conflict between two members names both
   * Ingresses and the annotation (the rule that inserted it is in the engine's record).
   */
  public static Setting fromAnnotation(
      Member m, String annotationKey, String scope, String name, Object value, int precedence) {
    return new Setting(scope, name, value, Source.RULE, precedence, m.object() + " annotation " + annotationKey);
  }

  public String stringValue() {
    return value == null ? null : String.valueOf(value);
  }

  @SuppressWarnings("unchecked")
  public List<String> listValue() {
    return (List<String>) value;
  }

  @SuppressWarnings("unchecked")
  public Map<String, String> mapValue() {
    return (Map<String, String>) value;
  }
}
