package dev.albc.rules;

import java.util.List;

/** A rule set that failed to compile; each message names the file, the line (if known) and why. */
public class RuleCompileException extends RuntimeException {
  private final List<String> problems;

  public RuleCompileException(List<String> problems) {
    super("rules failed to compile:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
