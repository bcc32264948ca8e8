package dev.albc.controller;

import dev.albc.facts.IngressClassFact;
import dev.albc.facts.IngressClassParamsFact;
import dev.albc.facts.IngressFact;
import dev.albc.facts.NamespaceFact;
import dev.albc.facts.ServiceFact;
import dev.albc.webhook.IngressFacts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The Ingress webhook's facts in {@code albc controller} (docs/targets.md, "Ingress validation"):
 * from the informer-fed {@link FactStore} and the account facts last read, never from AWS or the
 * API server. For a candidate Ingress: the facts of the group it would join (its members, their
 * Services and Namespaces, every IngressClass and IngressClassParams), the Services and Namespace of
 * its own namespace, and the account facts. Empty (the validator then allows with a warning) until
 * the informers have listed once and the account facts have been read once.
 */
final class WebhookFacts implements IngressFacts {
  private final FactStore store;
  private final BooleanSupplier synced;
  private final Supplier<Optional<List<Object>>> account;

  /** @param account the account facts last read, e.g. {@link CachedAccountFacts#lastRead()} */
  WebhookFacts(FactStore store, BooleanSupplier synced, Supplier<Optional<List<Object>>> account) {
    this.store = store;
    this.synced = synced;
    this.account = account;
  }

  @Override
  public Optional<List<Object>> factsFor(IngressFact candidate) {
    if (!synced.getAsBoolean()) {
      return Optional.empty();
    }
    Optional<List<Object>> aws = account.get();
    if (aws.isEmpty()) {
      return Optional.empty();
    }
    String group = store.membership().groupOf(candidate);
    Set<Object> out = new LinkedHashSet<>(group == null ? List.of() : store.forGroup(group));
    for (Object o : store.all()) {
      boolean wanted = o instanceof IngressClassFact || o instanceof IngressClassParamsFact
          || o instanceof ServiceFact s && s.namespace().equals(candidate.namespace())
          || o instanceof NamespaceFact n && n.name().equals(candidate.namespace());
      if (wanted) {
        out.add(o);
      }
    }
    out.addAll(aws.get());
    return Optional.of(new ArrayList<>(out));
  }
}
