package dev.albc.rules;

import java.time.Duration;
import java.util.List;

/**
 * The rules ran past the time budget of a session ({@link RuleRunner}): the session was abandoned
 * on its worker thread, which Java cannot stop. Names the user rule files the stuck code came from
 * (read from the worker's stack and the rule that was firing; empty when none can be blamed, e.g.
 * a built-in rule was merely slow) and carries the user sources of the rule set that ran, so the
 * controller can record which version of a source hung (docs/controller.md "A rule that hangs").
 */
public final class RuleTimeoutException extends RuleFailureException {
  private final Duration budget;
  private final List<String> files;
  private final List<RuleSource> userSources;

  public RuleTimeoutException(String message, String rule, Duration budget, List<String> files,
      List<RuleSource> userSources) {
    super(message, rule, null);
    this.budget = budget;
    this.files = List.copyOf(files);
    this.userSources = List.copyOf(userSources);
  }

  /** The time budget that ran out. */
  public Duration budget() {
    return budget;
  }

  /** The user rule files the stuck code belongs to, innermost first; empty when none can be named. */
  public List<String> files() {
    return files;
  }

  /** The user rule files of the rule set that ran (name and text). */
  public List<RuleSource> userSources() {
    return userSources;
  }
}
