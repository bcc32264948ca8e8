package dev.albc.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.desired.DesiredState.DesiredDiagnostic;
import dev.albc.desired.DesiredState.DesiredGroup;
import dev.albc.facts.IngressFact;
import dev.albc.intents.Intent;
import dev.albc.intents.ListenerIntent;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.sources.IngressFactMapper;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressLoadBalancerIngress;
import io.kubernetes.client.openapi.models.V1IngressLoadBalancerStatus;
import io.kubernetes.client.openapi.models.V1IngressPortStatus;
import io.kubernetes.client.openapi.models.V1IngressSpec;
import io.kubernetes.client.openapi.models.V1IngressStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupReconcilerTest {
  final List<String> journal = new ArrayList<>();
  final FactStore store = new FactStore("alb");
  final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  GroupOutcome next;
  /** Thrown by the rules (the live reconcile's {@code desired}) when set. */
  RuntimeException rulesThrow;

  final KubeWrites kube = new KubeWrites(new ApiClient(), () -> { }) {
    @Override
    public V1Ingress addFinalizer(V1Ingress ing, String finalizer) {
      journal.add("add " + finalizer + " " + ing.getMetadata().getName());
      return ing;
    }

    @Override
    public V1Ingress removeFinalizer(V1Ingress ing, String finalizer) {
      journal.add("remove " + finalizer + " " + ing.getMetadata().getName());
      return ing;
    }

    @Override
    public boolean updateStatus(V1Ingress ing, String hostname, List<Integer> ports, String nlbHostname) {
      journal.add("status " + ing.getMetadata().getName() + " " + hostname + " " + ports
          + (nlbHostname == null ? "" : " " + nlbHostname));
      return true;
    }

    @Override
    public String event(V1Ingress ing, boolean warning, String reason, String message) {
      journal.add("event " + ing.getMetadata().getName() + " " + reason + (warning ? ": " + message : ""));
      return null;
    }

    @Override
    public V1Ingress annotate(V1Ingress ing, Map<String, String> annotations) {
      journal.add("annotate " + ing.getMetadata().getName() + " " + annotations.keySet());
      annotated.put(ing.getMetadata().getName(), annotations);
      // as the API server answers: the same object with the annotations merged, a new resourceVersion
      Map<String, String> merged = new java.util.HashMap<>(ing.getMetadata().getAnnotations() == null ? Map.of()
          : ing.getMetadata().getAnnotations());
      merged.putAll(annotations);
      V1ObjectMeta m = ing.getMetadata();
      return new V1Ingress().metadata(new V1ObjectMeta().namespace(m.getNamespace()).name(m.getName())
          .annotations(merged).finalizers(m.getFinalizers()).generation(m.getGeneration())
          .resourceVersion(m.getResourceVersion() + "+")).spec(ing.getSpec());
    }
  };
  final Map<String, Map<String, String>> annotated = new java.util.HashMap<>();

  /** The rules' answer is {@link #next}, cut to the members the facts hold (a held member is absent). */
  final GroupReconcile live = new GroupReconcile() {
    @Override
    public DesiredGroup desired(String groupId, List<Object> kubeFacts) {
      if (rulesThrow != null) {
        throw rulesThrow;
      }
      if (next == null) {
        return null;
      }
      List<String> present = kubeFacts.stream().filter(o -> o instanceof IngressFact)
          .map(o -> ((IngressFact) o).key()).toList();
      return new DesiredGroup(groupId, next.members().stream().filter(present::contains).toList(), next.resources(),
          next.diagnostics().stream().filter(d -> d.object() == null || !d.object().startsWith("Ingress ")
              || present.contains(d.object().substring("Ingress ".length()))).toList());
    }

    @Override
    public boolean refreshAccountFacts() {
      journal.add("refresh account facts");
      return false;
    }

    @Override
    public GroupOutcome deploy(DesiredGroup g) {
      journal.add("reconcile " + g.id());
      return new GroupOutcome(g.id(), g.members(), g.resources(), g.diagnostics(), next.errors(), next.changes(),
          next.refs(), next.failure());
    }

    @Override
    public GroupOutcome delete(String groupId) {
      journal.add("delete " + groupId);
      return next;
    }
  };

  final GroupReconciler r = new GroupReconciler(store, kube, live, arn -> "My-ALB-1.elb.example", new Metrics(),
      new JsonLog(new PrintStream(logged), "info"));

  void ingress(String name, Map<String, String> ann, List<String> finalizers, boolean deleting) {
    V1Ingress i = new V1Ingress().metadata(new V1ObjectMeta().namespace("ns").name(name).annotations(ann)
        .finalizers(finalizers).deletionTimestamp(deleting ? OffsetDateTime.now() : null))
        .spec(new V1IngressSpec().ingressClassName("alb"));
    store.putIngress(i, IngressFactMapper.INSTANCE.toFact(i));
  }

  {
    store.putClass(new dev.albc.facts.IngressClassFact("alb", dev.albc.facts.IngressClassFact.ALB_CONTROLLER, false,
        null, null, null));
  }

  static final Map<String, String> WEB = Map.of("alb.ingress.kubernetes.io/group.name", "web");

  static GroupOutcome deployed(String... members) {
    List<Intent> res = List.of(
        new LoadBalancerIntent("web", "k8s-web", "application", "internal", "ipv4", List.of(), List.of(), null,
            Map.of(), Map.of()),
        new ListenerIntent("web", null, 443, "HTTPS", null, List.of(), List.of(), List.of(), Map.of(), Map.of()),
        new ListenerIntent("web", null, 80, "HTTP", null, List.of(), List.of(), List.of(), Map.of(), Map.of()));
    return new GroupOutcome("web", List.of(members), res, List.of(), List.of(), 3,
        Map.of("LoadBalancer", "arn:lb"), null);
  }

  @Test
  void aFrontendNlbPutsItsHostnameSecondInTheStatusAndItsListenersAreNotTheAlbPorts() {
    GroupReconciler withNlb = new GroupReconciler(store, kube, live,
        arn -> arn.equals("arn:nlb") ? "My-NLB-1.elb.example" : "My-ALB-1.elb.example", new Metrics(),
        new JsonLog(new PrintStream(logged), "info"));
    ingress("a", WEB, null, false);
    List<Intent> res = List.of(
        new LoadBalancerIntent("web", "k8s-web", "application", "internal", "ipv4", List.of(), List.of(), null,
            Map.of(), Map.of()),
        new LoadBalancerIntent("web", "FrontendNlb", "k8s-web-nlb", "network", "internal", "ipv4", List.of(), null,
            List.of(), null, null, Map.of()),
        new ListenerIntent("web", null, 443, "HTTPS", null, List.of(), List.of(), List.of(), Map.of(), Map.of()),
        new ListenerIntent("web", "FrontendNlb-ls-TCP-8443", dev.albc.intents.Ref.to("FrontendNlb"), 8443, "TCP",
            null, null, null, List.of(), null, null, Map.of()));
    next = new GroupOutcome("web", List.of("ns/a"), res, List.of(), List.of(), 4,
        Map.of("LoadBalancer", "arn:lb", "FrontendNlb", "arn:nlb"), null);
    assertThat(withNlb.reconcile("web").ok()).isTrue();
    assertThat(journal).contains("status a my-alb-1.elb.example [443] my-nlb-1.elb.example");

    // what the status then says matches: the ALB with its ports, the NLB without
    V1Ingress written = new V1Ingress().status(new io.kubernetes.client.openapi.models.V1IngressStatus().loadBalancer(
        new io.kubernetes.client.openapi.models.V1IngressLoadBalancerStatus().ingress(List.of(
            new io.kubernetes.client.openapi.models.V1IngressLoadBalancerIngress().hostname("my-alb-1.elb.example")
                .ports(List.of(new io.kubernetes.client.openapi.models.V1IngressPortStatus().port(443))),
            new io.kubernetes.client.openapi.models.V1IngressLoadBalancerIngress().hostname("my-nlb-1.elb.example")))));
    assertThat(IngressStatus.matches(written, "my-alb-1.elb.example", List.of(443), "my-nlb-1.elb.example")).isTrue();
    assertThat(IngressStatus.matches(written, "my-alb-1.elb.example", List.of(443), null))
        .as("the NLB turned off: its entry goes").isFalse();
  }

  /**
   * Issue 14: the rules ran past their time budget in user code. Nothing is written for the group
   * (no finalizer, no deploy), the handler is told (it marks the source and the controller exits),
   * and the members get the reason; a timeout the handler cannot blame is retried as any failure.
   */
  @Test
  void rulesPastTheirTimeBudgetWriteNothingAndAreHandedToTheHangHandler() {
    ingress("a", WEB, null, false);
    next = deployed("ns/a");
    rulesThrow = new dev.albc.rules.RuleTimeoutException("configmap/house/spin.drl:7: the rules ran past the time"
        + " budget of 1 s while rule \"spins\" was firing", "spins", java.time.Duration.ofSeconds(1),
        List.of("configmap/house/spin.drl"), List.of());
    List<String> told = new ArrayList<>();
    r.onRulesHung(new GroupReconciler.OnRulesHung() {
      @Override
      public boolean mark(String g, dev.albc.rules.RuleTimeoutException e) {
        return told.add(g + " " + e.files());
      }

      @Override
      public void exit() {
        journal.add("exit");
      }
    });
    GroupReconciler.Result res = r.reconcile("web");
    assertThat(res.ok()).isFalse();
    assertThat(told).containsExactly("web [configmap/house/spin.drl]");
    assertThat(journal).containsExactly("event a FailedBuildModel: configmap/house/spin.drl:7: the rules ran past"
        + " the time budget of 1 s while rule \"spins\" was firing; the rule source is marked rejected and the"
        + " controller restarts without it (docs/controller.md \"A rule that hangs\")", "exit");

    journal.clear();
    r.onRulesHung((g, e) -> false);
    assertThat(r.reconcile("web").error()).endsWith("; retried with backoff");
    assertThat(journal).noneMatch(j -> j.startsWith("add ") || j.startsWith("reconcile "));
  }

  @Test
  void finalizersFirstThenAwsThenStatusThenEvents() {
    ingress("a", WEB, null, false);
    ingress("b", WEB, List.of("group.ingress.k8s.aws/web"), false);
    next = deployed("ns/a", "ns/b");
    assertThat(r.reconcile("web").ok()).isTrue();
    assertThat(journal).containsExactly(
        "add group.ingress.k8s.aws/web a", "add group.ingress.k8s.aws/web b",
        "reconcile web",
        "status a my-alb-1.elb.example [80, 443]", "status b my-alb-1.elb.example [80, 443]",
        "event a SuccessfullyReconciled", "annotate a [albc.dev/last-valid, albc.dev/status]",
        "event b SuccessfullyReconciled", "annotate b [albc.dev/last-valid, albc.dev/status]");
    assertThat(MemberStatus.fromJson(annotated.get("a").get(MemberStatus.ANNOTATION)).type()).isEqualTo("Ready");
    assertThat(MemberInputs.fromJson(annotated.get("a").get(MemberInputs.ANNOTATION)).annotations())
        .containsEntry("alb.ingress.kubernetes.io/group.name", "web");
  }

  @Test
  void albcsAnnotationsAreWrittenOnlyWhenTheyDiffer() {
    ingress("a", WEB, List.of("group.ingress.k8s.aws/web"), false);
    next = deployed("ns/a");
    assertThat(r.reconcile("web").ok()).isTrue();
    assertThat(journal).contains("annotate a [albc.dev/last-valid, albc.dev/status]");
    journal.clear();
    assertThat(r.reconcile("web").ok()).isTrue();
    assertThat(journal).noneMatch(j -> j.startsWith("annotate"));
    // a deploy failure: Progressing, with a new transition time; then Ready again
    next = new GroupOutcome("web", List.of("ns/a"), List.of(), List.of(), List.of(), 1, Map.of(), "Throttling");
    assertThat(r.reconcile("web").ok()).isFalse();
    assertThat(journal).contains("annotate a [albc.dev/status]");
  }

  @Test
  void aMemberThatLeftLosesItsFinalizerOnlyAfterTheGroupIsDeployed() {
    ingress("a", WEB, List.of("group.ingress.k8s.aws/web"), false);
    ingress("b", Map.of(), List.of("group.ingress.k8s.aws/web"), false); // now in its own group ns/b
    next = deployed("ns/a");
    assertThat(r.reconcile("web").ok()).isTrue();
    assertThat(journal).containsSubsequence("reconcile web", "remove group.ingress.k8s.aws/web b");
    assertThat(store.groupIds()).containsExactlyInAnyOrder("web", "ns/b");
  }

  @Test
  void aMemberNeverValidIsLeftOutAndTheRestOfTheGroupIsDeployed() {
    ingress("a", WEB, null, false);
    ingress("b", WEB, null, false);
    ingress("gone", Map.of(), List.of("group.ingress.k8s.aws/web"), true);
    next = withError(deployed("ns/a", "ns/b"), "Ingress ns/b");
    GroupReconciler.Result res = r.reconcile("web");
    assertThat(res.ok()).isTrue();
    assertThat(journal).containsExactly("refresh account facts", "add group.ingress.k8s.aws/web a", "reconcile web",
        "status a my-alb-1.elb.example [80, 443]", "remove group.ingress.k8s.aws/web gone",
        "event b FailedBuildModel: left out of the group (it was never valid): Ingress ns/b "
            + "alb.ingress.kubernetes.io/scheme: \"public\" is not one of internal, internet-facing",
        "annotate b [albc.dev/status]",
        "event a SuccessfullyReconciled", "annotate a [albc.dev/last-valid, albc.dev/status]");
    assertThat(MemberStatus.fromJson(annotated.get("b").get(MemberStatus.ANNOTATION)).type()).isEqualTo("Degraded");
  }

  @Test
  void aDeployedMemberWithoutALastValidVersionHoldsTheWholeGroupAndEveryMemberIsTold() {
    ingress("a", WEB, List.of("group.ingress.k8s.aws/web"), false);
    ingress("b", WEB, List.of("group.ingress.k8s.aws/web"), false);
    next = withError(deployed("ns/a", "ns/b"), "Ingress ns/b");
    assertThat(r.reconcile("web").ok()).isFalse();
    assertThat(journal).doesNotContain("reconcile web").contains("refresh account facts");
    assertThat(journal.stream().filter(j -> j.startsWith("event "))).hasSize(2)
        .allMatch(j -> j.contains("FailedBuildModel: the group keeps its last valid plan"));
  }

  @Test
  void aHeldGroupRetriedTellsEachMemberOnceUntilSomethingChanges() {
    ingress("a", WEB, List.of("group.ingress.k8s.aws/web"), false);
    ingress("b", WEB, List.of("group.ingress.k8s.aws/web"), false);
    next = withError(deployed("ns/a", "ns/b"), "Ingress ns/b");
    assertThat(r.reconcile("web").ok()).isFalse();
    assertThat(r.reconcile("web").ok()).isFalse(); // the retry: nothing new to say
    assertThat(journal.stream().filter(j -> j.startsWith("event "))).hasSize(2);

    // b edited (a new generation): b is told again, a is not
    V1Ingress b = new V1Ingress().metadata(new V1ObjectMeta().namespace("ns").name("b").annotations(WEB)
        .finalizers(List.of("group.ingress.k8s.aws/web")).generation(2L)).spec(new V1IngressSpec().ingressClassName("alb"));
    store.putIngress(b, IngressFactMapper.INSTANCE.toFact(b));
    journal.clear();
    r.reconcile("web");
    assertThat(journal.stream().filter(j -> j.startsWith("event "))).singleElement()
        .satisfies(j -> assertThat(j).startsWith("event b FailedBuildModel"));

    // fixed, then broken again: a transition, told again
    next = deployed("ns/a", "ns/b");
    assertThat(r.reconcile("web").ok()).isTrue();
    next = withError(deployed("ns/a", "ns/b"), "Ingress ns/b");
    journal.clear();
    r.reconcile("web");
    assertThat(journal.stream().filter(j -> j.startsWith("event ") && j.contains("FailedBuildModel"))).isNotEmpty();
  }

  static GroupOutcome withError(GroupOutcome o, String object) {
    return new GroupOutcome(o.groupId(), o.members(), o.resources(), List.of(new DesiredDiagnostic("error", object,
        "alb.ingress.kubernetes.io/scheme", "\"public\" is not one of internal, internet-facing", null, "rule")),
        o.errors(), o.changes(), o.refs(), o.failure());
  }

  @Test
  void aDeployFailureIsAnEventOnEveryMemberAndAnError() {
    ingress("a", WEB, null, false);
    next = new GroupOutcome("web", List.of("ns/a"), List.of(), List.of(), List.of(), 1, Map.of(),
        "elbv2:CreateLoadBalancer failed: Throttling");
    assertThat(r.reconcile("web")).isEqualTo(GroupReconciler.Result.failed("elbv2:CreateLoadBalancer failed: Throttling"));
    assertThat(journal).containsSubsequence("event a FailedDeployModel: elbv2:CreateLoadBalancer failed: Throttling",
        "annotate a [albc.dev/status]");
    assertThat(MemberStatus.fromJson(annotated.get("a").get(MemberStatus.ANNOTATION)).type()).isEqualTo("Progressing");
  }

  @Test
  void deletingTheLastMemberDeletesTheStackThenTheFinalizer() {
    ingress("a", Map.of(), List.of("ingress.k8s.aws/resources"), true);
    next = new GroupOutcome("ns/a", List.of(), List.of(), List.of(), List.of(), 4, Map.of(), null);
    assertThat(r.reconcile("ns/a").ok()).isTrue();
    assertThat(journal).containsExactly("delete ns/a", "remove ingress.k8s.aws/resources a");
  }

  @Test
  void aFailedDeletionKeepsTheFinalizer() {
    ingress("a", Map.of(), List.of("ingress.k8s.aws/resources"), true);
    next = new GroupOutcome("ns/a", List.of(), List.of(), List.of(), List.of(), 4, Map.of(), "DependencyViolation");
    assertThat(r.reconcile("ns/a").ok()).isFalse();
    assertThat(journal).containsExactly("delete ns/a", "event a FailedDeployModel: DependencyViolation");
  }

  @Test
  void aFinalizerThatCannotBeAddedStopsBeforeAws() {
    KubeWrites refusing = new KubeWrites(new ApiClient(), () -> { }) {
      @Override
      public V1Ingress addFinalizer(V1Ingress ing, String finalizer) throws ApiException {
        throw new ApiException(403, "forbidden");
      }

      @Override
      public String event(V1Ingress ing, boolean warning, String reason, String message) {
        journal.add("event " + ing.getMetadata().getName() + " " + reason);
        return null;
      }
    };
    ingress("a", WEB, null, false);
    GroupReconciler g = new GroupReconciler(store, refusing, live, arn -> "x", new Metrics(),
        new JsonLog(new PrintStream(logged), "info"));
    assertThat(g.reconcile("web").ok()).isFalse();
    assertThat(journal).containsExactly("event a FailedAddFinalizer");
  }

  @Test
  void statusIsComparedAsHostnameToPorts() {
    V1Ingress i = new V1Ingress().status(new V1IngressStatus().loadBalancer(new V1IngressLoadBalancerStatus()
        .ingress(List.of(new V1IngressLoadBalancerIngress().hostname("h").ports(List.of(
            new V1IngressPortStatus().port(443).protocol("TCP"), new V1IngressPortStatus().port(80).protocol("TCP")))))));
    assertThat(IngressStatus.matches(i, "h", List.of(80, 443))).isTrue();
    assertThat(IngressStatus.matches(i, "h", List.of(80))).isFalse();
    assertThat(IngressStatus.matches(i, "other", List.of(80, 443))).isFalse();
    assertThat(IngressStatus.matches(new V1Ingress(), "h", List.of(80))).isFalse();
  }
}
