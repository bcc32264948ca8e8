package dev.albc.changes;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Attributes compared key by key, only the keys the intents set (docs/apply.md, "The planner"): an
 * attribute removed from the annotation is left as it is.
 */
final class AttributeDiff {
  private AttributeDiff() {}

  /**
   * Desired attributes whose value differs from AWS's (unknown AWS values count as different), each
   * also added to {@code diff} as {@code Attributes.<key>}.
   */
  static Map<String, String> changes(Map<String, String> want, Map<String, String> have, List<FieldDiff> diff) {
    return changes(want, have, Map.of(), diff);
  }

  /**
   * The same, where a key AWS left out of the attributes it reported is at its default in
   * {@code defaults} (AwsEquivalence); attributes not read at all ({@code have} null) still differ.
   */
  static Map<String, String> changes(Map<String, String> want, Map<String, String> have, Map<String, String> defaults,
      List<FieldDiff> diff) {
    Map<String, String> out = new TreeMap<>();
    if (want == null) {
      return out;
    }
    new TreeMap<>(want).forEach((k, v) -> {
      String h = have == null ? null : have.get(k);
      if (!AwsEquivalence.sameAttribute(k, v, h, have == null ? Map.of() : defaults)) {
        out.put(k, v);
        diff.add(new FieldDiff("Attributes." + k, h == null ? "(not set)" : h, v));
      }
    });
    return out;
  }
}
