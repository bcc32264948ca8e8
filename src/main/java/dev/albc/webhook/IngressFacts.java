package dev.albc.webhook;

import dev.albc.facts.IngressFact;
import java.util.List;
import java.util.Optional;

/**
 * The cached facts the Ingress validator plans with (docs/targets.md, "Ingress validation"): the
 * controller's informer-fed store and its last account facts implement it. It never calls AWS or
 * the API server.
 */
@FunctionalInterface
public interface IngressFacts {
  /**
   * The facts the rules need to plan the group of {@code candidate}: the group's other members, the
   * Services, IngressClasses, IngressClassParams and Namespaces they use, and the account facts
   * (subnets, security groups, certificates). May include the candidate's stored version (the
   * validator replaces it). Empty when the caches are not ready: the validator then allows with a
   * warning rather than block every Ingress write.
   */
  Optional<List<Object>> factsFor(IngressFact candidate);
}
