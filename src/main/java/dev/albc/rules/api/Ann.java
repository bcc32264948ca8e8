package dev.albc.rules.api;

/** Annotation keys. */
public final class Ann {
  /** The prefix of every ALB annotation. */
  public static final String ALB = "alb.ingress.kubernetes.io/";

  /** The legacy class annotation. */
  public static final String INGRESS_CLASS = "kubernetes.io/ingress.class";

  private Ann() {}

  /** {@code alb.ingress.kubernetes.io/<suffix>}. */
  public static String alb(String suffix) {
    return ALB + suffix;
  }
}
