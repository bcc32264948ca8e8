package dev.albc.sources;

import dev.albc.facts.ControllerSettings;
import dev.albc.rules.lib.Values;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Parsers for the controller flags whose values are maps. */
public final class SettingsFlags {
  private SettingsFlags() {}

  /**
   * Tag keys {@code --default-tags} may not set: the tracking tags of the reference controller
   * ({@code pkg/config/controller_config.go}).
   */
  public static final Set<String> TRACKING_TAG_KEYS =
      Set.of(
          "elbv2.k8s.aws/cluster",
          "elbv2.k8s.aws/resource",
          "ingress.k8s.aws/stack",
          "ingress.k8s.aws/resource",
          "service.k8s.aws/stack",
          "service.k8s.aws/resource");

  /**
   * {@code --default-tags}: {@code k=v,k2=v2} (the stringMap format: split on the first {@code =},
   * trimmed, {@code \,} is a comma inside a value, a later duplicate key wins). Null or blank gives
   * an empty map. The result is sorted by key and immutable.
   *
   * @throws IllegalArgumentException for an item without {@code =}, an empty key, or a tracking tag
   *     key
   */
  public static Map<String, String> defaultTags(String value) {
    if (value == null || value.isBlank()) {
      return Map.of();
    }
    Values.Result r = Values.stringMap(value);
    if (!r.ok()) {
      throw new IllegalArgumentException(
          "--default-tags: " + r.error() + "; expected " + r.expected() + " (k1=v1,k2=v2)");
    }
    @SuppressWarnings("unchecked")
    Map<String, String> tags = new TreeMap<>((Map<String, String>) r.value());
    for (String k : tags.keySet()) {
      if (TRACKING_TAG_KEYS.contains(k)) {
        throw new IllegalArgumentException(
            "--default-tags: tag key " + k + " cannot be set; the controller sets its tracking tags "
                + String.join(", ", new TreeSet<>(TRACKING_TAG_KEYS)) + " itself");
      }
    }
    return Collections.unmodifiableMap(tags);
  }

  /**
   * {@code --feature-gates}: {@code Name=true,Other=false}, as the reference controller parses it
   * (items split on commas, empty items ignored, name and value trimmed, value as Go's
   * strconv.ParseBool: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False). Returns only the
   * gates given (a later one wins); {@link ControllerSettings} merges them with the defaults. The
   * result is sorted by name and immutable.
   *
   * @throws IllegalArgumentException naming the item for an unknown gate, an item without {@code
   *     =}, or a value that is not a boolean
   */
  public static Map<String, Boolean> featureGates(String value) {
    Map<String, Boolean> out = new TreeMap<>();
    if (value == null) {
      return Map.of();
    }
    for (String item : value.split(",", -1)) {
      if (item.isBlank()) {
        continue;
      }
      int eq = item.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            "--feature-gates: \"" + item.strip() + "\" has no value; expected Name=true or Name=false");
      }
      String name = item.substring(0, eq).strip();
      String raw = item.substring(eq + 1).strip();
      if (!ControllerSettings.DEFAULT_FEATURE_GATES.containsKey(name)) {
        throw new IllegalArgumentException(
            "--feature-gates: unknown feature gate \"" + name + "\"; known gates: "
                + String.join(", ", knownGates()));
      }
      Values.Result b = Values.bool(raw);
      if (!b.ok()) {
        throw new IllegalArgumentException(
            "--feature-gates: " + name + "=" + raw + ": \"" + raw + "\" is not a boolean; expected "
                + "true or false");
      }
      out.put(name, (Boolean) b.value());
    }
    return Collections.unmodifiableMap(out);
  }

  /** The known feature gates, sorted. */
  public static List<String> knownGates() {
    return List.copyOf(new TreeSet<>(ControllerSettings.DEFAULT_FEATURE_GATES.keySet()));
  }
}
