package dev.albc.sources;

import dev.albc.facts.IngressClassFact;
import dev.albc.facts.IngressClassParamsFact;
import dev.albc.facts.IngressFact;
import dev.albc.facts.NamespaceFact;
import dev.albc.facts.SecretFact;
import dev.albc.facts.ServiceFact;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The Kubernetes side of the facts: Ingresses, Services, IngressClasses, IngressClassParams,
 * Namespaces and the Secrets the Ingresses' auth-idp-oidc annotations name. Every list is immutable and sorted (namespaced objects by namespace then name,
 * cluster-scoped ones by name), so the same objects in any order give equal ClusterFacts.
 */
public record ClusterFacts(
    List<IngressFact> ingresses,
    List<ServiceFact> services,
    List<IngressClassFact> ingressClasses,
    List<IngressClassParamsFact> ingressClassParams,
    List<NamespaceFact> namespaces,
    List<SecretFact> secrets) {

  /** Without Secrets (no Ingress names one). */
  public ClusterFacts(List<IngressFact> ingresses, List<ServiceFact> services, List<IngressClassFact> ingressClasses,
      List<IngressClassParamsFact> ingressClassParams, List<NamespaceFact> namespaces) {
    this(ingresses, services, ingressClasses, ingressClassParams, namespaces, List.of());
  }

  public ClusterFacts {
    secrets = sorted(secrets, SecretFact::namespace, SecretFact::name);
    ingresses = sorted(ingresses, IngressFact::namespace, IngressFact::name);
    services = sorted(services, ServiceFact::namespace, ServiceFact::name);
    ingressClasses = sorted(ingressClasses, c -> "", IngressClassFact::name);
    ingressClassParams = sorted(ingressClassParams, p -> "", IngressClassParamsFact::name);
    namespaces = sorted(namespaces, n -> "", NamespaceFact::name);
  }

  /** No objects at all. */
  public static ClusterFacts empty() {
    return new ClusterFacts(List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /** Every fact, in the order above (ingresses, services, classes, params, namespaces, secrets). */
  public List<Object> all() {
    var out = new java.util.ArrayList<Object>();
    out.addAll(ingresses);
    out.addAll(services);
    out.addAll(ingressClasses);
    out.addAll(ingressClassParams);
    out.addAll(namespaces);
    out.addAll(secrets);
    return List.copyOf(out);
  }

  private static <T> List<T> sorted(
      List<T> in, Function<T, String> namespace, Function<T, String> name) {
    if (in == null) {
      return List.of();
    }
    Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
    return in.stream()
        .sorted(
            Comparator.comparing(namespace, nullsFirst).thenComparing(name, nullsFirst))
        .toList();
  }
}
