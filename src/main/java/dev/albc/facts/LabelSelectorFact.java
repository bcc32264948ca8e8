package dev.albc.facts;

import java.util.List;
import java.util.Map;

/** A metav1.LabelSelector: matchLabels AND every matchExpression. */
public record LabelSelectorFact(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

  public LabelSelectorFact {
    matchLabels = matchLabels == null ? Map.of() : Map.copyOf(matchLabels);
    matchExpressions = matchExpressions == null ? List.of() : List.copyOf(matchExpressions);
  }

  /** One requirement: operator In, NotIn, Exists or DoesNotExist. */
  public record Requirement(String key, String operator, List<String> values) {
    public Requirement {
      values = values == null ? List.of() : List.copyOf(values);
    }
  }

  /** True when the labels satisfy this selector (an empty selector matches everything). */
  public boolean matches(Map<String, String> labels) {
    for (var e : matchLabels.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (Requirement r : matchExpressions) {
      String v = labels.get(r.key());
      boolean ok =
          switch (r.operator()) {
            case "In" -> v != null && r.values().contains(v);
            case "NotIn" -> v == null || !r.values().contains(v);
            case "Exists" -> labels.containsKey(r.key());
            case "DoesNotExist" -> !labels.containsKey(r.key());
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
