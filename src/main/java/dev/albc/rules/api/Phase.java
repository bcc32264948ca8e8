package dev.albc.rules.api;

import java.util.List;

/**
 * The phases a rule set runs in, in order. Every rule names its phase with {@code ruleflow-group}.
 * The engine fires each phase to quiescence before the next one starts.
 */
public final class Phase {
  /** Which Ingresses are albc's, their IngressClass, IngressClassParams and IngressGroup. */
  public static final String CLASSIFY = "classify";

  /** Annotation, IngressClassParams and flag values become {@link Setting}s; bad values become diagnostics. */
  public static final String PARSE = "parse";

  /** User and house rules: add or override settings, seeing what {@code parse} produced. */
  public static final String OVERRIDE = "override";

  /** For every (scope, name) the setting with the highest precedence becomes {@link Effective}. */
  public static final String RESOLVE = "resolve";

  /**
   * Derived facts built from effective settings (a member's listen ports, a listener's default
   * action, the chosen subnets). Rules here may {@code collect} only facts of earlier phases.
   */
  public static final String DERIVE = "derive";

  /** Checks on effective values; policies that refuse raise error diagnostics here. */
  public static final String VALIDATE = "validate";

  /** Intents are assembled from effective settings. */
  public static final String ASSEMBLE = "assemble";

  public static final List<String> ORDER =
      List.of(CLASSIFY, PARSE, OVERRIDE, RESOLVE, DERIVE, VALIDATE, ASSEMBLE);

  private Phase() {}
}
