package dev.albc.rules.lib;

import dev.albc.facts.IngressClassParamsFact;
import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Precedence;
import dev.albc.rules.api.Setting;
import dev.albc.rules.api.Source;
import dev.albc.rules.lib.TargetGroups.Backend;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A target group's settings from the backend annotations of its Ingress and Service and from
 * IngressClassParams, for target-groups.drl. The DRL names each annotation, the values it allows
 * and the defaults (docs/rules.md, "How the built-in rules are written"); this class only reads the
 * raw values and turns a parsed value into a {@link Setting}, or a malformed one into a {@link
 * Malformed} note that the validate rules report once per object, however many target groups read it.
 */
public final class TargetGroupSettings {
  private TargetGroupSettings() {}

  /**
   * One raw backend annotation: on the Ingress (precedence ANNOTATION) or on the Service
   * (SERVICE_ANNOTATION, so the Service wins key by key).
   */
  public record Raw(String object, String key, String value, Source source, int precedence) {}

  /**
   * A backend annotation or IngressClassParams field whose value did not parse. {@code on} is the
   * kind of object that carries it: {@code Ingress}, {@code Service} or {@code IngressClassParams}.
   */
  public record Malformed(String on, String groupId, String object, String key, String error, String expected) {}

  /** The annotation {@code key} of the backend's Ingress, then of its Service (each when present). */
  public static List<Raw> annotations(Backend b, String key) {
    List<Raw> out = new ArrayList<>();
    String ingRaw = b.member().ingress().annotation(key);
    if (ingRaw != null) {
      out.add(new Raw(b.member().object(), key, ingRaw, Source.ANNOTATION, Precedence.ANNOTATION));
    }
    out.addAll(serviceAnnotation(b, key));
    return out;
  }

  /** The annotation {@code key} of the backend's Service only. */
  public static List<Raw> serviceAnnotation(Backend b, String key) {
    String svcRaw = b.service().annotations().get(key);
    return svcRaw == null
        ? List.of()
        : List.of(new Raw(b.serviceObject(), key, svcRaw, Source.SERVICE_ANNOTATION, Precedence.SERVICE_ANNOTATION));
  }

  /** The setting {@code name} of the backend's target group from {@code a} parsed into {@code r}, or a {@link Malformed}. */
  public static Object setting(Backend b, Raw a, Values.Result r, String name) {
    if (!r.ok()) {
      return malformed(b, a, r);
    }
    return Setting.of(b.scope(), name, r.value(), a.source(), a.precedence(), Origins.annotation(a.object(), a.key()));
  }

  /** A map-valued annotation as one setting per key, named {@code <prefix><key>}, or a {@link Malformed}. */
  @SuppressWarnings("unchecked")
  public static List<Object> perKey(Backend b, Raw a, Values.Result r, String prefix) {
    if (!r.ok()) {
      return List.of(malformed(b, a, r));
    }
    List<Object> out = new ArrayList<>();
    for (var e : ((Map<String, String>) r.value()).entrySet()) {
      out.add(Setting.of(b.scope(), prefix + e.getKey(), e.getValue(), a.source(), a.precedence(),
          Origins.annotation(a.object(), a.key())));
    }
    return out;
  }

  private static Malformed malformed(Backend b, Raw a, Values.Result r) {
    String on = a.source() == Source.SERVICE_ANNOTATION ? "Service" : "Ingress";
    return new Malformed(on, b.groupId(), a.object(), a.key(), r.error(), r.expected());
  }

  /** The setting {@code name} from IngressClassParams {@code field} parsed into {@code r} (beats annotations), or a {@link Malformed}. */
  public static Object params(Backend b, IngressClassParamsFact p, String field, Values.Result r, String name) {
    String object = "IngressClassParams " + p.name();
    if (!r.ok()) {
      return new Malformed("IngressClassParams", b.groupId(), object, field, r.error(), r.expected());
    }
    return Setting.of(b.scope(), name, r.value(), Source.INGRESS_CLASS_PARAMS, Precedence.INGRESS_CLASS_PARAMS,
        Origins.ofField(object, field));
  }

  /** One error per distinct {@link Malformed} (several target groups read the same annotation), sorted. */
  public static List<Diagnostic> errors(Collection<?> malformed, String rule) {
    TreeSet<Malformed> distinct = new TreeSet<>(Comparator.comparing(Malformed::groupId)
        .thenComparing(Malformed::object).thenComparing(Malformed::key).thenComparing(Malformed::error));
    for (Object o : malformed) {
      distinct.add((Malformed) o);
    }
    List<Diagnostic> out = new ArrayList<>();
    for (Malformed m : distinct) {
      out.add(Diagnostic.error(m.groupId(), m.object(), m.key(), m.error(), "expected " + m.expected(), rule));
    }
    return out;
  }

  /**
   * The Ingress's own {@code tag:*} settings, re-scoped to one of its target groups (same value,
   * source, precedence and origin), so the Service's tags (SERVICE_ANNOTATION) beat them key by key
   * while IngressClassParams and {@code --default-tags} still beat both.
   */
  public static Setting rescope(Setting s, Backend b) {
    return Setting.of(b.scope(), s.name(), s.value(), s.source(), s.precedence(), s.origin());
  }
}
