package dev.albc.rules;

import java.util.List;

/**
 * A user rule file refused by {@link RuleGuard}: it reaches beyond the rule API and plain data.
 * Each problem names the file, the line when known, and what the file used.
 */
public class RuleRefusedException extends RuntimeException {
  private final List<String> problems;

  public RuleRefusedException(List<String> problems) {
    super("rules refused (user rules run with the controller's credentials, so they may use only the rule API"
        + " and plain data, and must end):\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
