package dev.albc.targets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A Kubernetes LabelSelector ({@code matchLabels} AND {@code matchExpressions}), evaluated on labels. */
public record LabelSelector(Map<String, String> matchLabels, List<Expression> expressions) {

  /** One {@code matchExpressions} term: operator In, NotIn, Exists or DoesNotExist. */
  public record Expression(String key, String operator, List<String> values) {
    boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      return switch (operator) {
        case "In" -> v != null && values.contains(v);
        case "NotIn" -> v == null || !values.contains(v);
        case "Exists" -> v != null;
        case "DoesNotExist" -> v == null;
        default -> throw new IllegalArgumentException("label selector operator \"" + operator + "\" is not one of In, NotIn, Exists, DoesNotExist");
      };
    }
  }

  public LabelSelector {
    matchLabels = new TreeMap<>(matchLabels);
    expressions = List.copyOf(expressions);
  }

  public static LabelSelector of(JsonNode n) {
    Map<String, String> labels = new TreeMap<>();
    n.path("matchLabels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    List<Expression> exprs = new ArrayList<>();
    for (JsonNode e : n.path("matchExpressions")) {
      List<String> values = new ArrayList<>();
      e.path("values").forEach(v -> values.add(v.asText()));
      exprs.add(new Expression(e.path("key").asText(), e.path("operator").asText(), values));
    }
    return new LabelSelector(labels, exprs);
  }

  public boolean matches(Map<String, String> labels) {
    Map<String, String> l = labels == null ? Map.of() : labels;
    for (var e : matchLabels.entrySet()) {
      if (!e.getValue().equals(l.get(e.getKey()))) {
        return false;
      }
    }
    return expressions.stream().allMatch(x -> x.matches(l));
  }
}
