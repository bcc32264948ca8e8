package dev.albc.rules.api;

/**
 * Precedence of a {@link Setting}'s source: for one (scope, name) the highest wins. Equal precedence
 * with different values is a conflict (an error diagnostic), as the reference controller's
 * group-wide "must agree" check.
 */
public final class Precedence {
  /** A built-in default (e.g. {@code HTTP:80}). */
  public static final int DEFAULT = 0;

  /** A controller flag ({@code --default-load-balancer-scheme} …). */
  public static final int FLAG = 10;

  /**
   * Suggested for a user rule's house default: beats built-in defaults and flags, loses to
   * anything a user writes (annotations, IngressClassParams).
   */
  public static final int HOUSE_DEFAULT = 15;

  /** An Ingress annotation. */
  public static final int ANNOTATION = 20;

  /** A Service annotation (beats the Ingress annotation for target-group settings). */
  public static final int SERVICE_ANNOTATION = 25;

  /** An IngressClassParams field (beats annotations). */
  public static final int INGRESS_CLASS_PARAMS = 30;

  /**
   * {@code --default-tags}: beats IngressClassParams, Service and Ingress tags (reference §8; with
   * gate EnableDefaultTagsLowPriority it drops to {@link #FLAG}).
   */
  public static final int DEFAULT_TAGS = 35;

  /** Suggested for a user rule that overrides what users wrote (a house override). */
  public static final int RULE = 40;

  /** Suggested for a policy that must win over everything. */
  public static final int POLICY = 100;

  private Precedence() {}
}
