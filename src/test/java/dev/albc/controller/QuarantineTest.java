package dev.albc.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.albc.desired.DesiredState.DesiredGroup;
import dev.albc.desired.DesiredStateBuilder;
import dev.albc.facts.ControllerSettings;
import dev.albc.facts.IngressFact;
import dev.albc.rules.RuleCompiler;
import dev.albc.rules.RuleRunner;
import dev.albc.sources.FactInputs;
import dev.albc.sources.InputText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A bad member does not block its group (docs/controller.md), with the built-in rules: who is held
 * at its last valid version, who is left out, when the group is held as a whole.
 */
class QuarantineTest {
  static final RuleRunner RUNNER = new RuleRunner(RuleCompiler.loadBuiltin());
  static final String VPC = "vpc-0123456789abcdef0";
  static final ControllerSettings SETTINGS = new ControllerSettings("demo", VPC, "us-west-2", null, null, null, null,
      null, null, true, null, true, true);
  static final String SERVICES = read("examples/quickstart/services.yaml");
  static final String SUBNETS = read("examples/quickstart/subnets.json");
  static final String CLASS = "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: alb\n"
      + "spec:\n  controller: ingress.k8s.aws/alb\n";
  static final ObjectMapper JSON = new ObjectMapper();

  int runs;
  final Function<List<Object>, DesiredGroup> rules = kube -> {
    runs++;
    List<Object> facts = new ArrayList<>(FactInputs.facts(List.of(), List.of(new InputText("aws.json", SUBNETS)), VPC));
    facts.addAll(kube);
    return new DesiredStateBuilder(RUNNER).plan(SETTINGS, facts, false).plan().groups().stream()
        .filter(g -> g.id().equals("shop")).findFirst().orElse(null);
  };

  static String read(String p) {
    try {
      return Files.readString(Path.of(p));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String ingress(String name, String host, String service, String extraAnnotation) {
    return "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: " + name + "\n  namespace: demo\n"
        + "  annotations:\n    alb.ingress.kubernetes.io/group.name: shop\n" + extraAnnotation
        + "spec:\n  ingressClassName: alb\n  rules:\n    - host: " + host + "\n      http:\n        paths:\n"
        + "          - path: /\n            pathType: Prefix\n            backend:\n              service:\n"
        + "                name: " + service + "\n                port:\n                  name: http\n";
  }

  static List<Object> kube(String... ingresses) {
    return FactInputs.facts(List.of(new InputText("k.yaml", CLASS + "---\n" + SERVICES + "\n---\n"
        + String.join("\n---\n", ingresses))), List.of(), VPC);
  }

  static IngressFact fact(List<Object> facts, String name) {
    return facts.stream().filter(o -> o instanceof IngressFact i && i.name().equals(name)).map(o -> (IngressFact) o)
        .findFirst().orElseThrow();
  }

  static Quarantine.Member member(List<Object> now, String name, List<Object> lastValid, boolean deployed) {
    return new Quarantine.Member(fact(now, name), MemberInputs.of(fact(now, name), now),
        lastValid == null ? null : MemberInputs.of(fact(lastValid, name), lastValid), deployed);
  }

  static String json(DesiredGroup g) throws Exception {
    return JSON.writeValueAsString(g.resources());
  }

  static final String BAD = "    alb.ingress.kubernetes.io/shceme: internal\n";

  @Test
  void aValidGroupIsPlannedAsItIsInOneRun() {
    List<Object> now = kube(ingress("a", "a.example.com", "web", ""), ingress("b", "b.example.com", "api", ""));
    Quarantine.Decision d = Quarantine.decide(now, List.of(member(now, "a", null, false), member(now, "b", null, false)),
        rules);
    assertThat(d.held()).isEmpty();
    assertThat(d.wholeGroup()).isFalse();
    assertThat(d.desired().members()).containsExactly("demo/a", "demo/b");
    assertThat(runs).isEqualTo(1);
  }

  @Test
  void aMemberThatTurnsInvalidIsHeldAtItsLastValidVersionAndTheOthersEditGoesOut() throws Exception {
    List<Object> before = kube(ingress("a", "a.example.com", "web", ""), ingress("b", "b.example.com", "api", ""));
    List<Object> now = kube(ingress("a", "a2.example.com", "web", ""), ingress("b", "b2.example.com", "api", BAD));
    Quarantine.Decision d = Quarantine.decide(now, List.of(member(now, "a", before, true),
        member(now, "b", before, true)), rules);
    assertThat(d.wholeGroup()).isFalse();
    assertThat(d.held()).singleElement().satisfies(h -> {
      assertThat(h.key()).isEqualTo("demo/b");
      assertThat(h.leftOut()).isFalse();
      assertThat(h.why()).isNotEmpty().allSatisfy(w -> {
        assertThat(w.object()).isEqualTo("Ingress demo/b");
        assertThat(w.field()).contains("shceme");
      });
    });
    // a's edit goes out; b is planned as it was: its rule (b.example.com) stays
    assertThat(json(d.desired())).contains("a2.example.com", "b.example.com").doesNotContain("b2.example.com");
    assertThat(d.desired().members()).containsExactly("demo/a", "demo/b");
  }

  @Test
  void aServiceGoneIsPinnedOnTheMemberThatRefersToIt() throws Exception {
    List<Object> before = kube(ingress("a", "a.example.com", "web", ""), ingress("b", "b.example.com", "api", ""));
    // b now refers to a Service port that does not exist: the Service's port was renamed
    List<Object> now = kube(ingress("a", "a.example.com", "web", ""), ingress("b", "b.example.com", "api", ""));
    now.removeIf(o -> o instanceof dev.albc.facts.ServiceFact s && s.name().equals("api"));
    now.add(new dev.albc.facts.ServiceFact("demo", "api", "0c9b8a7d-6e5f-4d3c-8b2a-1f0e9d8c7b6a", "ClusterIP",
        java.util.Map.of(), List.of(new dev.albc.facts.ServiceFact.PortFact("grpc", 8080, "TCP", "http", null)),
        List.of(), java.util.Map.of()));
    Quarantine.Member a = member(now, "a", before, true);
    Quarantine.Member b = member(now, "b", before, true);
    assertThat(a.lastValid()).isEqualTo(a.now());
    assertThat(b.lastValid()).isNotEqualTo(b.now());
    Quarantine.Decision d = Quarantine.decide(now, List.of(a, b), rules);
    assertThat(d.wholeGroup()).isFalse();
    assertThat(d.held()).extracting(Quarantine.Held::key).containsExactly("demo/b");
    assertThat(json(d.desired())).contains("b.example.com", "31081");
  }

  static List<Object> withParams(String scheme, String... ingresses) {
    String cls = "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: alb\nspec:\n"
        + "  controller: ingress.k8s.aws/alb\n  parameters:\n    apiGroup: elbv2.k8s.aws\n"
        + "    kind: IngressClassParams\n    name: house\n---\napiVersion: elbv2.k8s.aws/v1beta1\n"
        + "kind: IngressClassParams\nmetadata:\n  name: house\nspec:\n  scheme: " + scheme + "\n";
    return FactInputs.facts(List.of(new InputText("k.yaml", cls + "---\n" + SERVICES + "\n---\n"
        + String.join("\n---\n", ingresses))), List.of(), VPC);
  }

  @Test
  void anEditedIngressClassParamsHoldsEveryMemberThatUsesIt() throws Exception {
    List<Object> before = withParams("internal", ingress("a", "a.example.com", "web", ""),
        ingress("b", "b.example.com", "api", ""));
    List<Object> now = withParams("bogus", ingress("a", "a.example.com", "web", ""),
        ingress("b", "b.example.com", "api", ""));
    Quarantine.Member a = member(now, "a", before, true);
    Quarantine.Member b = member(now, "b", before, true);
    assertThat(a.now().params().scheme()).isEqualTo("bogus");
    assertThat(MemberInputs.fromJson(a.lastValid().toJson())).isEqualTo(a.lastValid());
    Quarantine.Decision d = Quarantine.decide(now, List.of(a, b), rules);
    assertThat(d.wholeGroup()).isFalse();
    assertThat(d.held()).extracting(Quarantine.Held::key).containsExactly("demo/a", "demo/b");
    assertThat(d.held()).allSatisfy(h -> assertThat(h.why()).isNotEmpty());
    assertThat(json(d.desired())).contains("\"internal\"").doesNotContain("bogus");
  }

  @Test
  void aMemberNeverValidIsLeftOut() throws Exception {
    List<Object> before = kube(ingress("a", "a.example.com", "web", ""));
    List<Object> now = kube(ingress("a", "a.example.com", "web", ""), ingress("b", "b.example.com", "api", BAD));
    Quarantine.Decision d = Quarantine.decide(now, List.of(member(now, "a", before, true),
        member(now, "b", null, false)), rules);
    assertThat(d.held()).singleElement().satisfies(h -> assertThat(h.leftOut()).isTrue());
    assertThat(d.desired().members()).containsExactly("demo/a");
    assertThat(json(d.desired())).doesNotContain("b.example.com");
  }

  @Test
  void aGroupWhoseOnlyMemberWasNeverValidDeploysNothing() {
    List<Object> now = kube(ingress("b", "b.example.com", "api", BAD));
    Quarantine.Decision d = Quarantine.decide(now, List.of(member(now, "b", null, false)), rules);
    assertThat(d.desired()).isNull();
    assertThat(d.wholeGroup()).isFalse();
    assertThat(d.held()).singleElement().satisfies(h -> assertThat(h.leftOut()).isTrue());
  }

  @Test
  void aDeployedMemberWithoutALastValidVersionCannotBeLeftOutSoTheGroupIsHeld() {
    List<Object> before = kube(ingress("a", "a.example.com", "web", ""));
    List<Object> now = kube(ingress("a", "a.example.com", "web", ""), ingress("b", "b.example.com", "api", BAD));
    Quarantine.Decision d = Quarantine.decide(now, List.of(member(now, "a", before, true),
        member(now, "b", null, true)), rules);
    assertThat(d.wholeGroup()).isTrue();
    assertThat(d.desired()).isNull();
    assertThat(d.errors()).isNotEmpty();
  }

  @Test
  void errorsNoChangedMemberExplainsHoldTheWholeGroup() {
    List<Object> now = kube(ingress("a", "a.example.com", "web", BAD));
    Quarantine.Decision d = Quarantine.decide(now, List.of(member(now, "a", now, true)), rules);
    assertThat(d.wholeGroup()).isTrue();
    assertThat(d.held()).isEmpty();
  }

  @Test
  void lastValidInputsSurviveTheirAnnotation() {
    List<Object> now = kube(ingress("a", "a.example.com", "web", ""), ingress("b", "b.example.com", "api", ""));
    MemberInputs in = MemberInputs.of(fact(now, "b"), now);
    assertThat(in.services()).extracting(s -> s.name()).containsExactly("api");
    assertThat(in.ingressClass().name()).isEqualTo("alb");
    assertThat(in.annotations()).doesNotContainKey(MemberInputs.ANNOTATION);
    assertThat(MemberInputs.fromJson(in.toJson())).isEqualTo(in);
    assertThat(MemberInputs.fromJson("{not json")).isNull();
    // albc's own annotations are no input
    IngressFact b = fact(now, "b");
    java.util.Map<String, String> ann = new java.util.HashMap<>(b.annotations());
    ann.put(MemberStatus.ANNOTATION, "{}");
    IngressFact annotated = new IngressFact(b.namespace(), b.name(), b.uid(), b.ingressClassName(), ann, b.labels(),
        b.defaultBackend(), b.rules(), b.tls(), b.finalizers(), b.deleting());
    assertThat(MemberInputs.of(annotated, now)).isEqualTo(in);
    assertThat(in.asFact(annotated).annotations()).containsKey(MemberStatus.ANNOTATION);
  }

  @Test
  void theStatusKeepsItsTransitionTimeUntilTheTypeChanges() {
    Instant t1 = Instant.parse("2026-11-29T10:00:00Z");
    Instant t2 = Instant.parse("2026-11-29T11:00:00Z");
    MemberStatus ready = MemberStatus.next(null, MemberStatus.READY, "SuccessfullyReconciled", "ok", 1L, t1);
    MemberStatus again = MemberStatus.next(ready, MemberStatus.READY, "SuccessfullyReconciled", "ok", 1L, t2);
    assertThat(again.sameAs(ready)).isTrue();
    MemberStatus newer = MemberStatus.next(ready, MemberStatus.READY, "SuccessfullyReconciled", "ok", 2L, t2);
    assertThat(newer.lastTransitionTime()).isEqualTo("2026-11-29T10:00:00Z");
    assertThat(newer.sameAs(ready)).isFalse();
    MemberStatus bad = MemberStatus.next(newer, MemberStatus.DEGRADED, "FailedBuildModel", "x", 2L, t2);
    assertThat(bad.lastTransitionTime()).isEqualTo("2026-11-29T11:00:00Z");
    assertThat(MemberStatus.fromJson(bad.toJson())).isEqualTo(bad);
    assertThat(bad.toJson()).startsWith("{\"type\":\"Degraded\",\"reason\":\"FailedBuildModel\",\"message\":\"x\","
        + "\"observedGeneration\":2,\"lastTransitionTime\":\"2026-11-29T11:00:00Z\"}");
  }
}
