package dev.albc.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.facts.IngressFact;
import dev.albc.facts.NamespaceFact;
import dev.albc.facts.ServiceFact;
import dev.albc.sources.IngressClassFactMapper;
import dev.albc.sources.IngressFactMapper;
import dev.albc.sources.ServiceFactMapper;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressClass;
import io.kubernetes.client.openapi.models.V1IngressClassSpec;
import io.kubernetes.client.openapi.models.V1IngressSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The Ingress webhook's facts: the candidate's group and namespace from the store, the account facts last read. */
class WebhookFactsTest {
  static V1Ingress ingress(String ns, String name, String group) {
    return new V1Ingress().metadata(new V1ObjectMeta().namespace(ns).name(name).uid(ns + name)
        .annotations(group == null ? Map.of() : Map.of("alb.ingress.kubernetes.io/group.name", group)))
        .spec(new V1IngressSpec().ingressClassName("alb"));
  }

  static ServiceFact service(String ns) {
    return ServiceFactMapper.INSTANCE.toFact(new V1Service().metadata(new V1ObjectMeta().namespace(ns).name("web"))
        .spec(new V1ServiceSpec().type("NodePort")));
  }

  @Test
  void theGroupsMembersAndTheCandidatesNamespaceNothingElse() {
    FactStore store = new FactStore("alb");
    store.putClass(IngressClassFactMapper.INSTANCE.toFact(new V1IngressClass().metadata(new V1ObjectMeta().name("alb"))
        .spec(new V1IngressClassSpec().controller("ingress.k8s.aws/alb"))));
    for (V1Ingress i : List.of(ingress("a", "one", "shared"), ingress("b", "two", "shared"), ingress("c", "alone", null))) {
      store.putIngress(i, IngressFactMapper.INSTANCE.toFact(i));
    }
    store.putService(service("a"));
    store.putService(service("b"));
    store.putService(service("c"));
    store.putService(service("d"));
    store.putNamespace(new NamespaceFact("d", Map.of()));
    AtomicBoolean synced = new AtomicBoolean(false);
    Object subnet = "subnet facts";
    WebhookFacts facts = new WebhookFacts(store, synced::get, () -> Optional.of(List.of(subnet)));
    IngressFact candidate = IngressFactMapper.INSTANCE.toFact(ingress("d", "new", "shared"));
    assertThat(facts.factsFor(candidate)).as("informers not synced").isEmpty();
    synced.set(true);
    List<Object> got = facts.factsFor(candidate).orElseThrow();
    assertThat(got.stream().filter(IngressFact.class::isInstance).map(o -> ((IngressFact) o).key()))
        .containsExactlyInAnyOrder("a/one", "b/two");
    assertThat(got.stream().filter(ServiceFact.class::isInstance).map(o -> ((ServiceFact) o).namespace()))
        .containsExactlyInAnyOrder("a", "b", "d");
    assertThat(got).contains(subnet, new NamespaceFact("d", Map.of()));
    assertThat(new WebhookFacts(store, synced::get, Optional::empty).factsFor(candidate))
        .as("no account facts read yet").isEmpty();
  }
}
