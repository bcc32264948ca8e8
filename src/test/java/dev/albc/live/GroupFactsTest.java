package dev.albc.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.desired.DesiredState;
import dev.albc.desired.DesiredState.DesiredGroup;
import dev.albc.desired.DesiredStateBuilder;
import dev.albc.facts.ControllerSettings;
import dev.albc.facts.IngressFact;
import dev.albc.rules.RuleCompiler;
import dev.albc.rules.RuleRunner;
import dev.albc.sources.FactInputs;
import dev.albc.sources.InputText;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A group's rules run over {@link GroupFacts#select} (what {@code LiveGroups.reconcile(groupId)}
 * does) give the group the rules give it over every fact (what {@code albc apply} does).
 */
class GroupFactsTest {
  static final DesiredStateBuilder BUILDER = new DesiredStateBuilder(new RuleRunner(RuleCompiler.loadBuiltin()));
  static final ControllerSettings SETTINGS = new ControllerSettings("demo", "vpc-0123456789abcdef0", "eu-west-1",
      null, null, null, null, null, null, true, null, true, true);

  /** Implicit and explicit groups across namespaces, a group named by IngressClassParams, a missing class. */
  static final String MIXED = """
      apiVersion: networking.k8s.io/v1
      kind: IngressClass
      metadata: {name: alb}
      spec: {controller: ingress.k8s.aws/alb}
      ---
      apiVersion: networking.k8s.io/v1
      kind: IngressClass
      metadata: {name: shared}
      spec:
        controller: ingress.k8s.aws/alb
        parameters: {apiGroup: elbv2.k8s.aws, kind: IngressClassParams, name: shared-params}
      ---
      apiVersion: elbv2.k8s.aws/v1beta1
      kind: IngressClassParams
      metadata: {name: shared-params}
      spec:
        group: {name: shared}
      ---
      %s
      """;

  static String ingress(String ns, String name, String cls, String group) {
    return ingressOnly(ns, name, cls, group) + """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: %1$s, uid: uid-%1$s}
        spec:
          type: NodePort
          ports: [{name: http, port: 80, targetPort: 8080, nodePort: 31080}]
        ---
        """.formatted(ns);
  }

  static String ingressOnly(String ns, String name, String cls, String group) {
    return """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: %2$s
          namespace: %1$s
          annotations:
            alb.ingress.kubernetes.io/scheme: internet-facing
            %4$s
        spec:
          ingressClassName: %3$s
          rules:
            - host: %2$s.example.com
              http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend: {service: {name: web, port: {number: 80}}}
        ---
        """.formatted(ns, name, cls, group == null ? "" : "alb.ingress.kubernetes.io/group.name: " + group);
  }

  static void assertEachGroupAsFromAllFacts(List<Object> all) {
    DesiredState whole = BUILDER.plan(SETTINGS, all, false).plan();
    assertThat(whole.groups()).isNotEmpty();
    for (DesiredGroup g : whole.groups()) {
      List<Object> selected = GroupFacts.select(all, g.id());
      DesiredState alone = BUILDER.plan(SETTINGS, selected, false).plan();
      assertThat(alone.groups()).as("group %s from its facts", g.id()).contains(g);
      if (whole.groups().size() > 1) {
        assertThat(selected.stream().filter(o -> o instanceof IngressFact).count())
            .as("Ingresses selected for %s", g.id())
            .isLessThan(all.stream().filter(o -> o instanceof IngressFact).count());
      }
    }
  }

  @Test
  void everyExampleGroupIsTheSameFromItsOwnFacts() {
    for (String example : List.of("quickstart", "ingress-group", "https", "invalid")) {
      Path dir = Path.of("examples", example);
      assertEachGroupAsFromAllFacts(FactInputs.read(List.of(dir), List.of(dir), SETTINGS.vpcId()));
    }
  }

  @Test
  void groupsAcrossNamespacesClassesAndParamsAreTheSameFromTheirOwnFacts() {
    String yaml = MIXED.formatted(ingress("a", "one", "alb", null) + ingressOnly("a", "two", "alb", "team")
        + ingress("b", "three", "alb", "team")
        + ingress("c", "four", "shared", null) + ingress("d", "five", "missing", null));
    List<Object> all = FactInputs.facts(List.of(new InputText("mixed.yaml", yaml)),
        List.of(new InputText("subnets.json", readSubnets())), SETTINGS.vpcId());
    DesiredState whole = BUILDER.plan(SETTINGS, all, false).plan();
    assertThat(whole.groups()).extracting(DesiredGroup::id).contains("a/one", "team", "shared", "d/five");
    assertEachGroupAsFromAllFacts(all);
  }

  static String readSubnets() {
    try {
      return java.nio.file.Files.readString(Path.of("examples", "quickstart", "subnets.json"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
