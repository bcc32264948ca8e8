package dev.albc.rules.api;

import java.util.Collection;
import java.util.Objects;

/**
 * The candidate {@link Setting}s of one (scope, name) before {@code resolve} picks the winner: for
 * rules of phase {@code override}, which run before any {@link Effective} exists but may need to
 * know what the input asks for (e.g. "is this load balancer going to be internet-facing?").
 *
 * <pre>
 * $scheme : List() from collect (Setting(scope == $gscope, name == "scheme"))
 * eval(Candidates.valueIs($scheme, "internet-facing"))
 * </pre>
 *
 * The answer is the one {@code resolve} would give from these settings: the value of the highest
 * precedence; null (no winner) when none, or when settings of that precedence disagree.
 */
public final class Candidates {
  private Candidates() {}

  /** The setting that would win, or null (none, or a conflict). */
  public static Setting winner(Collection<?> settings) {
    Setting best = null;
    boolean conflict = false;
    for (Object o : settings) {
      if (!(o instanceof Setting s)) {
        continue;
      }
      if (best == null || s.precedence() > best.precedence()) {
        best = s;
        conflict = false;
      } else if (s.precedence() == best.precedence() && !Objects.equals(s.value(), best.value())) {
        conflict = true;
      }
    }
    return conflict ? null : best;
  }

  /** The winning value, or null. */
  public static Object value(Collection<?> settings) {
    Setting w = winner(settings);
    return w == null ? null : w.value();
  }

  /** True when the winning value equals the given one. */
  public static boolean valueIs(Collection<?> settings, Object value) {
    return Objects.equals(value(settings), value);
  }
}
