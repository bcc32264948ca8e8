package dev.albc.facts;

import java.util.Map;

/**
 * A Namespace and its labels (for IngressClassParams namespaceSelector). Offline, a namespace that
 * no manifest declares gets only the {@code kubernetes.io/metadata.name} label.
 */
public record NamespaceFact(String name, Map<String, String> labels) {
  public NamespaceFact {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
