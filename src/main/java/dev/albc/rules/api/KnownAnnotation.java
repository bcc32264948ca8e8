package dev.albc.rules.api;

import dev.albc.rules.lib.Annotations;

/**
 * An {@code alb.ingress.kubernetes.io/} annotation some rule handles. An ALB annotation on an
 * Ingress with no KnownAnnotation is an error ("not supported"), so a user rule that handles its own
 * annotation under that prefix inserts one in phase {@code classify} or {@code parse}.
 *
 * <p>Only full keys of annotations the reference controller does not have can be declared (a house
 * annotation such as {@code alb.ingress.kubernetes.io/house-waf}): a prefix ({@code alb.}) would
 * switch off the refusal of every unknown or unsupported annotation, and declaring one of the
 * reference's own unsupported annotations ({@code waf-acl-id}) would build a load balancer without
 * what it asks for. Both throw (docs/limits.md#rules). The built-in annotations' own prefixes
 * ({@code actions.}, {@code conditions.}) are the only prefixes.
 *
 * @param key the full key, or one of the built-in prefixes
 * @param onService true when it is also valid on a Service (backend settings)
 */
public record KnownAnnotation(String key, boolean onService) {

  public KnownAnnotation {
    String why = refusal(key);
    if (why != null) {
      throw new IllegalArgumentException("KnownAnnotation \"" + key + "\": " + why);
    }
  }

  private static String refusal(String key) {
    if (key == null || !key.startsWith(Ann.ALB) || key.length() == Ann.ALB.length()) {
      return "not a full alb.ingress.kubernetes.io/<name> key (only those annotations need declaring)";
    }
    String name = key.substring(Ann.ALB.length());
    if (Annotations.INGRESS.contains(name) || Annotations.BACKEND.contains(name)) {
      return null; // the built-in annotations, prefixes included (actions., conditions.)
    }
    if (key.endsWith(".") || key.endsWith("-") || name.contains("/")) {
      return "a prefix would declare annotations no rule handles; declare each key your rules handle";
    }
    String why = Annotations.whyNotSupported(key);
    if (!why.startsWith("unknown annotation")) {
      return "the reference controller's own annotation, which albc does not handle (" + why
          + "); a rule cannot declare it handled";
    }
    return null;
  }

  /** True when this entry covers the annotation key. */
  public boolean covers(String annotationKey) {
    return key.endsWith(".") ? annotationKey.startsWith(key) && annotationKey.length() > key.length()
        : key.equals(annotationKey);
  }
}
