package dev.albc.rules;

import java.util.List;

/**
 * One rule that fired: its name, package, phase, the facts it matched (rendered, and as objects)
 * and the facts its consequence inserted. This is the engine's own record, used by {@code explain}
 * and {@code test-rules}.
 *
 * @param facts the matched facts themselves, in the rule's pattern order (an accumulated or
 *     collected list is one element)
 */
public record Firing(
    int sequence,
    String rule,
    String pkg,
    String phase,
    List<String> matched,
    List<Object> inserted,
    List<Object> facts) {

  public Firing(int sequence, String rule, String pkg, String phase, List<String> matched, List<Object> inserted) {
    this(sequence, rule, pkg, phase, matched, inserted, List.of());
  }
}
