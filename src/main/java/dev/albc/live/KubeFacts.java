package dev.albc.live;

import java.util.List;

/**
 * Where a live run takes its Kubernetes facts from: manifest files, one cluster read, or (later) the
 * controller's informer-fed store. Facts of the types {@code dev.albc.sources} produces
 * (IngressFact, ServiceFact, IngressClassFact, IngressClassParamsFact, NamespaceFact).
 */
public interface KubeFacts {
  /** Every fact (the CLI: files, or a cluster read). */
  List<Object> all();

  /**
   * The facts one group's rules need: its member Ingresses and the Services, IngressClasses,
   * IngressClassParams and Namespaces they use ({@link GroupFacts}; a store may answer faster).
   */
  default List<Object> forGroup(String groupId) {
    return GroupFacts.select(all(), groupId);
  }

  /** A fixed list of facts. */
  static KubeFacts of(List<?> facts) {
    List<Object> copy = List.copyOf(facts);
    return () -> copy;
  }
}
