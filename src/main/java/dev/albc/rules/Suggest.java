package dev.albc.rules;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean …": the known names closest to a misspelt one (edit distance, case ignored), for
 * messages about unknown case-file keys, rule names and setting names.
 */
public final class Suggest {
  private Suggest() {}

  /** The closest known names (at most three), or none when nothing is close. */
  public static List<String> closest(String wrong, Collection<String> known) {
    String w = wrong.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, w.length() / 3);
    return known.stream()
        .map(k -> new Scored(k, distance(w, k.toLowerCase(Locale.ROOT))))
        .filter(s -> s.distance() <= limit)
        .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
        .limit(3)
        .map(Scored::name)
        .toList();
  }

  /** {@code " (did you mean "a" or "b"?)"}, or "" when nothing is close. */
  public static String didYouMean(String wrong, Collection<String> known) {
    List<String> c = closest(wrong, known);
    if (c.isEmpty()) {
      return "";
    }
    return " (did you mean \"" + String.join("\" or \"", c) + "\"?)";
  }

  private record Scored(String name, int distance) {}

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
