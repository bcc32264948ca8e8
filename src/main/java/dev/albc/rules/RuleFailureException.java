package dev.albc.rules;

/** A rule that threw while firing; names the rule. */
public class RuleFailureException extends RuntimeException {
  private final String rule;

  public RuleFailureException(String message, String rule, Throwable cause) {
    super(message, cause);
    this.rule = rule;
  }

  static RuleFailureException wrap(RuntimeException e, String rule) {
    if (e instanceof RuleFailureException r) {
      return r;
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String what = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    return new RuleFailureException(
        rule == null ? "rules failed: " + what : "rule \"" + rule + "\" threw while firing: " + what,
        rule,
        e);
  }

  /** The rule that threw, or null. */
  public String rule() {
    return rule;
  }
}
