package dev.albc.rules.lib;

import dev.albc.facts.IngressClassParamsFact;
import dev.albc.facts.ServiceFact;
import dev.albc.rules.api.Ann;
import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Member;
import dev.albc.rules.api.Precedence;
import dev.albc.rules.api.Setting;
import dev.albc.rules.api.Source;

/**
 * Turns a parsed annotation or IngressClassParams value into a {@link Setting}, or, when it did not
 * parse, into an error {@link Diagnostic} naming the object, the annotation and what was expected.
 */
public final class Settings {
  private Settings() {}

  /** An Ingress annotation {@code alb.ingress.kubernetes.io/<suffix>} parsed into {@code r}. */
  public static Object annotation(
      Member m, String suffix, Values.Result r, String scope, String name, String rule) {
    String key = Ann.alb(suffix);
    if (!r.ok()) {
      return Diagnostic.error(m.groupId(), m.object(), key, r.error(), "expected " + r.expected(), rule);
    }
    return Setting.of(
        scope, name, r.value(), Source.ANNOTATION, Precedence.ANNOTATION,
        Origins.annotation(m.object(), key));
  }

  /** A Service annotation (wins over the Ingress's for backend settings). */
  public static Object serviceAnnotation(
      String groupId, ServiceFact s, String suffix, Values.Result r, String scope, String name, String rule) {
    String key = Ann.alb(suffix);
    String object = "Service " + s.key();
    if (!r.ok()) {
      return Diagnostic.error(groupId, object, key, r.error(), "expected " + r.expected(), rule);
    }
    return Setting.of(
        scope, name, r.value(), Source.SERVICE_ANNOTATION, Precedence.SERVICE_ANNOTATION,
        Origins.annotation(object, key));
  }

  /** An IngressClassParams field (beats annotations). */
  public static Object params(
      String groupId, IngressClassParamsFact p, String field, Values.Result r, String scope, String name, String rule) {
    String object = "IngressClassParams " + p.name();
    if (!r.ok()) {
      return Diagnostic.error(groupId, object, field, r.error(), "expected " + r.expected(), rule);
    }
    return Setting.of(
        scope, name, r.value(), Source.INGRESS_CLASS_PARAMS, Precedence.INGRESS_CLASS_PARAMS,
        Origins.ofField(object, field));
  }

  /** A controller flag. */
  public static Setting flag(String scope, String name, Object value, String flag) {
    return Setting.of(scope, name, value, Source.FLAG, Precedence.FLAG, Origins.flag(flag));
  }

  /** A built-in default. */
  public static Setting byDefault(String scope, String name, Object value) {
    return Setting.of(scope, name, value, Source.DEFAULT, Precedence.DEFAULT, Origins.DEFAULT);
  }

  /**
   * A map-valued Ingress annotation (attributes, tags) as one setting per key, named
   * {@code <prefix><key>}; a value that did not parse gives one diagnostic.
   */
  public static java.util.List<Object> perKey(
      Member m, String suffix, Values.Result r, String scope, String prefix, String rule) {
    String key = Ann.alb(suffix);
    if (!r.ok()) {
      return java.util.List.of(
          Diagnostic.error(m.groupId(), m.object(), key, r.error(), "expected " + r.expected(), rule));
    }
    java.util.List<Object> out = new java.util.ArrayList<>();
    @SuppressWarnings("unchecked")
    java.util.Map<String, String> map = (java.util.Map<String, String>) r.value();
    for (var e : map.entrySet()) {
      out.add(Setting.of(scope, prefix + e.getKey(), e.getValue(), Source.ANNOTATION,
          Precedence.ANNOTATION, Origins.annotation(m.object(), key)));
    }
    return out;
  }

  /** A value that is already valid (no parsing), as a Result. */
  public static Values.Result ok(Object v) {
    return new Values.Result(v, null, null);
  }
}
