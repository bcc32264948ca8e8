package dev.albc.rules.api;

/**
 * An {@code alb.ingress.kubernetes.io/} annotation some rule handles. An ALB annotation on an
 * Ingress with no KnownAnnotation is an error ("not supported"), so a user rule that handles its own
 * annotation under that prefix inserts one in phase {@code classify} or {@code parse}.
 *
 * @param key the full key, or a prefix ending in "." ({@code alb.ingress.kubernetes.io/actions.})
 * @param onService true when it is also valid on a Service (backend settings)
 */
public record KnownAnnotation(String key, boolean onService) {

  /** True when this entry covers the annotation key. */
  public boolean covers(String annotationKey) {
    return key.endsWith(".") ? annotationKey.startsWith(key) && annotationKey.length() > key.length()
        : key.equals(annotationKey);
  }
}
