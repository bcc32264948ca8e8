package dev.albc.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.intents.LoadBalancerIntent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which existing load balancer serves the wanted one, and the labels of a stack's bindings. */
class MatchingTest {
  static ObservedResource lb(String arn, String name, String scheme, String resourceTag) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("Scheme", scheme);
    body.put("Type", "application");
    return new ObservedResource(LoadBalancerIntent.KIND, arn, name,
        resourceTag == null ? Map.of() : Map.of(ObservedResource.RESOURCE_TAG, resourceTag), body, null, null);
  }

  static LoadBalancerIntent want(String name, String scheme) {
    return new LoadBalancerIntent("g", name, "application", scheme, "ipv4", List.of(), List.of(), null, null, Map.of());
  }

  @Test
  void theSameSchemeIsKeptWhateverItsNameTheWantedNameFirst() {
    ObservedResource other = lb("arn:1", "k8s-old-name", "internal", "LoadBalancer");
    ObservedResource same = lb("arn:2", "k8s-new-name", "internal", "LoadBalancer");
    assertThat(Matching.keptLoadBalancer(want("k8s-new-name", "internal"), List.of(other, same))).isSameAs(same);
    assertThat(Matching.keptLoadBalancer(want("k8s-renamed", "internal"), List.of(other))).isSameAs(other);
  }

  @Test
  void anotherSchemeOrNoResourceTagIsNeverKept() {
    ObservedResource facing = lb("arn:1", "k8s-x", "internet-facing", "LoadBalancer");
    ObservedResource untagged = lb("arn:2", "k8s-x", "internal", null);
    assertThat(Matching.keptLoadBalancer(want("k8s-x", "internal"), List.of(facing, untagged))).isNull();
    assertThat(Matching.requiresReplacement(want("k8s-x", "internal"), facing)).isTrue();
    assertThat(Matching.keptLoadBalancer(null, List.of(facing))).isNull();
  }

  @Test
  void bindingsOfImplicitAndExplicitGroupsAreFoundByTheReferencesStackLabels() {
    assertThat(Observer.bindingLabels("demo/shop", List.of()))
        .isEqualTo(Map.of("ingress.k8s.aws/stack-namespace", "demo", "ingress.k8s.aws/stack-name", "shop"));
    assertThat(Observer.bindingLabels("shared-web", List.of())).isEqualTo(Map.of("ingress.k8s.aws/stack", "shared-web"));
  }

  @Test
  void batchesOfTwenty() {
    List<Integer> all = java.util.stream.IntStream.range(0, 45).boxed().toList();
    assertThat(StackLookup.batches(all, 20)).extracting(List::size).containsExactly(20, 20, 5);
    assertThat(StackLookup.batches(List.of(), 20)).isEmpty();
  }
}
