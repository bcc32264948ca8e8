package dev.albc.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.intents.ListenerRuleIntent;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.intents.TargetGroupIntent;
import dev.albc.observe.ObservedResource;
import dev.albc.observe.ObservedStack;
import dev.albc.desired.DesiredState;
import dev.albc.changes.Change.Action;
import dev.albc.changes.Change.Risk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The planner alone: intents + observed state → changes, no AWS. */
class ChangePlannerTest {
  static final String GROUP = "demo/shop";
  static final ChangePlanner.Options NO_CLUSTER = new ChangePlanner.Options(false, false);
  static final ChangePlanner.Options CLUSTER = new ChangePlanner.Options(true, false);

  static String read(String p) {
    try {
      return Files.readString(Path.of(p));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static final String INGRESS = read("examples/quickstart/ingress.yaml");
  static final String SERVICES = read("examples/quickstart/services.yaml");
  static final String SUBNETS = read("examples/quickstart/subnets.json");

  static DesiredState.DesiredGroup quickstart(UnaryOperator<String> ingressEdit) {
    return Simulated.group(Simulated.plan(ingressEdit.apply(INGRESS) + "\n---\n" + SERVICES, SUBNETS), GROUP);
  }

  static DesiredState.DesiredGroup quickstart() {
    return quickstart(s -> s);
  }

  static List<String> calls(GroupChanges gc) {
    List<String> out = new ArrayList<>();
    gc.changes().forEach(c -> out.addAll(c.calls()));
    return out;
  }

  @Test
  void nothingInAwsCreatesEverythingInDependencyOrder() {
    GroupChanges gc = ChangePlanner.plan(quickstart(), ObservedStack.empty(GROUP), NO_CLUSTER);
    assertThat(gc.changes()).allMatch(c -> c.action() == Action.CREATE && c.risk() == Risk.NONE);
    assertThat(calls(gc)).containsExactly("ec2:CreateSecurityGroup", "ec2:CreateSecurityGroup",
        "ec2:AuthorizeSecurityGroupIngress", "elbv2:CreateTargetGroup", "elbv2:CreateTargetGroup",
        "elbv2:CreateLoadBalancer", "elbv2:CreateListener", "elbv2:CreateRule", "elbv2:CreateRule");
    assertThat(gc.notes()).anyMatch(n -> n.contains("TargetGroupBinding(s) not managed"));
    // the load balancer names its security groups by reference; the executor resolves them
    Step lb = gc.changes().get(4).steps().get(0);
    assertThat(lb.request().get("SecurityGroups").toString())
        .isEqualTo("[{\"$ref\":\"ManagedLBSecurityGroup\"},{\"$ref\":\"BackendSecurityGroup\"}]");
    assertThat(lb.produces()).isEqualTo("LoadBalancer");
  }

  @Test
  void whatWasAppliedNeedsNoChange() {
    DesiredState.DesiredGroup g = quickstart();
    assertThat(ChangePlanner.plan(g, Simulated.applied(g, false), NO_CLUSTER).changes()).isEmpty();
    assertThat(ChangePlanner.plan(g, Simulated.applied(g, true), CLUSTER).changes()).isEmpty();
  }

  @Test
  void aGroupWithAnErrorDiagnosticGetsNoChangeAtAll() {
    DesiredState.DesiredGroup good = quickstart();
    ObservedStack existing = Simulated.applied(good, false);
    DesiredState.DesiredGroup bad = quickstart(s -> s.replace("scheme: internet-facing", "scheme: public"));
    assertThat(bad.diagnostics()).anyMatch(DesiredState.DesiredDiagnostic::isError);
    GroupChanges gc = ChangePlanner.plan(bad, existing, NO_CLUSTER);
    assertThat(gc.blocked()).isTrue();
    assertThat(gc.changes()).isEmpty();
  }

  @Test
  void aHealthCheckChangeModifiesTheTargetGroupInPlace() {
    DesiredState.DesiredGroup before = quickstart();
    DesiredState.DesiredGroup after = quickstart(s -> s.replace("healthcheck-path: /healthz", "healthcheck-path: /ready"));
    GroupChanges gc = ChangePlanner.plan(after, Simulated.applied(before, false), NO_CLUSTER);
    assertThat(gc.changes()).hasSize(1);
    Change c = gc.changes().get(0);
    assertThat(c.action()).isEqualTo(Action.MODIFY);
    assertThat(c.resourceId()).isEqualTo("demo/shop-web:80");
    assertThat(c.calls()).containsExactly("elbv2:ModifyTargetGroup");
    assertThat(c.diff()).containsExactly(new FieldDiff("HealthCheckPath", "/healthz", "/ready"));
    assertThat(c.steps().get(0).request().get("HealthCheckPath").asText()).isEqualTo("/ready");
  }

  @Test
  void aSchemeChangeReplacesTheLoadBalancerDeletingTheOldOneFirst() {
    DesiredState.DesiredGroup before = quickstart();
    DesiredState.DesiredGroup after = quickstart(s -> s.replace("scheme: internet-facing", "scheme: internal"));
    GroupChanges gc = ChangePlanner.plan(after, Simulated.applied(before, false), NO_CLUSTER);
    Change lb = gc.changes().stream().filter(c -> c.kind().equals(LoadBalancerIntent.KIND)).findFirst().orElseThrow();
    assertThat(lb.action()).isEqualTo(Action.REPLACE);
    assertThat(lb.risk()).isEqualTo(Risk.REPLACEMENT);
    assertThat(lb.calls()).containsExactly("elbv2:DeleteLoadBalancer", "elbv2:CreateLoadBalancer");
    assertThat(lb.diff()).contains(new FieldDiff("Scheme", "internet-facing", "internal"));
    // the new load balancer gets a listener and rules; the old ones went with the old load balancer
    assertThat(calls(gc)).containsSubsequence("elbv2:DeleteLoadBalancer", "elbv2:CreateLoadBalancer",
        "elbv2:CreateListener", "elbv2:CreateRule", "elbv2:CreateRule");
    assertThat(calls(gc)).doesNotContain("elbv2:DeleteListener", "elbv2:DeleteRule", "elbv2:DeleteTargetGroup");
    // rules forward to the kept target groups by their ARN
    Change rule = gc.changes().stream().filter(c -> c.kind().equals(ListenerRuleIntent.KIND)).findFirst().orElseThrow();
    assertThat(gc.knownRefs()).containsKey("demo/shop-api:http");
    assertThat(rule.steps().get(0).request().get("ListenerArn").toString()).isEqualTo("{\"$ref\":\"80\"}");
  }

  @Test
  void aTargetTypeChangeReplacesTheTargetGroupAndDeletesTheOldOneLast() {
    DesiredState.DesiredGroup before = quickstart();
    DesiredState.DesiredGroup after = quickstart(s -> s.replace("annotations:\n",
        "annotations:\n    alb.ingress.kubernetes.io/target-type: ip\n"));
    GroupChanges gc = ChangePlanner.plan(after, Simulated.applied(before, false), NO_CLUSTER);
    List<Change> tgs = gc.changes().stream().filter(c -> c.kind().equals(TargetGroupIntent.KIND)).toList();
    assertThat(tgs).hasSize(2).allMatch(c -> c.action() == Action.REPLACE && c.risk() == Risk.REPLACEMENT);
    assertThat(tgs.get(0).diff()).contains(new FieldDiff("TargetType", "instance", "ip"));
    assertThat(tgs.get(0).steps()).extracting(Step::call)
        .containsExactly("elbv2:CreateTargetGroup", "elbv2:DeleteTargetGroup");
    assertThat(tgs.get(0).steps().get(1).post()).isTrue();
    // the rules now forward to the new target groups: modified in place
    assertThat(gc.changes().stream().filter(c -> c.kind().equals(ListenerRuleIntent.KIND)))
        .allMatch(c -> c.calls().contains("elbv2:ModifyRule"));
  }

  @Test
  void aNodePortChangeReplacesItsTargetGroupOnly() {
    DesiredState.DesiredGroup before = quickstart();
    DesiredState.DesiredGroup after = Simulated.group(Simulated.plan(INGRESS + "\n---\n"
        + SERVICES.replace("nodePort: 31081", "nodePort: 31999"), SUBNETS), GROUP);
    GroupChanges gc = ChangePlanner.plan(after, Simulated.applied(before, false), NO_CLUSTER);
    List<Change> tgs = gc.changes().stream().filter(c -> c.kind().equals(TargetGroupIntent.KIND)).toList();
    assertThat(tgs).singleElement().satisfies(c -> {
      assertThat(c.action()).isEqualTo(Action.REPLACE);
      assertThat(c.diff()).containsExactly(new FieldDiff("Port", "31081", "31999"));
      assertThat(c.steps()).extracting(Step::call).containsExactly("elbv2:CreateTargetGroup", "elbv2:DeleteTargetGroup");
    });
  }

  @Test
  void aNewPathBeforeOthersMovesTheirRulesWithSetRulePriorities() {
    DesiredState.DesiredGroup before = quickstart();
    DesiredState.DesiredGroup after = quickstart(s -> s.replace("          - path: /api\n",
        "          - path: /admin\n            pathType: Prefix\n            backend:\n              service:\n"
            + "                name: web\n                port:\n                  number: 80\n          - path: /api\n"));
    GroupChanges gc = ChangePlanner.plan(after, Simulated.applied(before, false), NO_CLUSTER);
    List<String> calls = calls(gc);
    // /admin takes priority 1: /api (1 → 2) and / (2 → 3) move; their tags follow their new ResourceIds
    assertThat(calls).containsSubsequence("elbv2:SetRulePriorities", "elbv2:SetRulePriorities", "elbv2:CreateRule");
    assertThat(calls).doesNotContain("elbv2:ModifyRule", "elbv2:DeleteRule");
    Change move = gc.changes().stream().filter(c -> c.calls().contains("elbv2:SetRulePriorities")).findFirst()
        .orElseThrow();
    assertThat(move.diff()).containsExactly(new FieldDiff("Priority", "1", "2"), new FieldDiff("Priority", "2", "3"));
    // 1 → 2 while 2 is still taken: first pushed to a free priority
    assertThat(move.steps().get(0).request().toString()).contains("50000");
    Change create = gc.changes().stream().filter(c -> c.action() == Action.CREATE).findFirst().orElseThrow();
    assertThat(create.resourceId()).isEqualTo("80:1");
  }

  @Test
  void aRemovedPathDeletesItsRuleAndLastItsTargetGroup() {
    DesiredState.DesiredGroup before = quickstart();
    DesiredState.DesiredGroup after = quickstart(s -> s.replace("          - path: /api\n            pathType: Prefix\n"
        + "            backend:\n              service:\n                name: api\n                port:\n"
        + "                  name: http\n", ""));
    GroupChanges gc = ChangePlanner.plan(after, Simulated.applied(before, false), NO_CLUSTER);
    assertThat(calls(gc)).contains("elbv2:DeleteRule", "elbv2:DeleteTargetGroup");
    Change tg = gc.changes().stream().filter(c -> c.calls().contains("elbv2:DeleteTargetGroup")).findFirst().orElseThrow();
    assertThat(tg.risk()).isEqualTo(Risk.DELETION);
    assertThat(tg.steps().get(0).post()).isTrue();
    assertThat(tg.name()).isEqualTo("k8s-demo-api-a928f93c6e");
  }

  @Test
  void tagsAreComparedKeyByKeyAndAwsTagsAreLeftAlone() {
    DesiredState.DesiredGroup g = quickstart();
    ObservedStack s = Simulated.applied(g, false);
    ObservedResource tg = s.targetGroups().get(0);
    Map<String, String> tags = new HashMap<>(tg.tags());
    tags.put("team", "old");
    tags.put("stray", "x");
    tags.put("aws:cloudformation:stack-name", "keep");
    List<ObservedResource> tgs = new ArrayList<>(s.targetGroups());
    tgs.set(0, tg.withTags(tags));
    ObservedStack changed = new ObservedStack(s.groupId(), s.loadBalancers(), s.listeners(), s.rules(), tgs,
        s.securityGroups(), s.backendSecurityGroup(), s.webAcls(), s.shieldProtections(), s.shieldActive(),
        s.bindings(), s.conflicts());
    GroupChanges gc = ChangePlanner.plan(g, changed, NO_CLUSTER);
    assertThat(gc.changes()).hasSize(1);
    Change c = gc.changes().get(0);
    assertThat(c.calls()).containsExactly("elbv2:AddTags", "elbv2:RemoveTags");
    assertThat(c.steps().get(0).request().get("Tags").toString()).isEqualTo("[{\"Key\":\"team\",\"Value\":\"storefront\"}]");
    assertThat(c.steps().get(1).request().get("TagKeys").toString()).isEqualTo("[\"stray\"]");
  }

  @Test
  void onlyTheAttributesTheIntentsSetAreCompared() {
    DesiredState.DesiredGroup g = quickstart(s -> s.replace("annotations:\n",
        "annotations:\n    alb.ingress.kubernetes.io/load-balancer-attributes: idle_timeout.timeout_seconds=120\n"));
    ObservedStack s = Simulated.applied(g, false);
    ObservedResource lb = s.loadBalancers().get(0)
        .withAttributes(Map.of("idle_timeout.timeout_seconds", "60", "deletion_protection.enabled", "false"));
    ObservedStack changed = new ObservedStack(s.groupId(), List.of(lb), s.listeners(), s.rules(), s.targetGroups(),
        s.securityGroups(), s.backendSecurityGroup(), s.webAcls(), s.shieldProtections(), s.shieldActive(),
        s.bindings(), s.conflicts());
    GroupChanges gc = ChangePlanner.plan(g, changed, NO_CLUSTER);
    assertThat(gc.changes()).hasSize(1);
    assertThat(gc.changes().get(0).calls()).containsExactly("elbv2:ModifyLoadBalancerAttributes");
    assertThat(gc.changes().get(0).steps().get(0).request().get("Attributes").toString())
        .isEqualTo("[{\"Key\":\"idle_timeout.timeout_seconds\",\"Value\":\"120\"}]");
  }

  @Test
  void aLoadBalancerWithDeletionProtectionIsNeverReplaced() {
    DesiredState.DesiredGroup before = quickstart();
    ObservedStack s = Simulated.applied(before, false);
    ObservedResource lb = s.loadBalancers().get(0).withAttributes(Map.of("deletion_protection.enabled", "true"));
    ObservedStack protectedLb = new ObservedStack(s.groupId(), List.of(lb), s.listeners(), s.rules(),
        s.targetGroups(), s.securityGroups(), s.backendSecurityGroup(), Map.of(), Map.of(), null, null, List.of());
    DesiredState.DesiredGroup after = quickstart(x -> x.replace("scheme: internet-facing", "scheme: internal"));
    GroupChanges gc = ChangePlanner.plan(after, protectedLb, NO_CLUSTER);
    assertThat(gc.blocked()).isTrue();
    assertThat(gc.changes()).isEmpty();
    assertThat(gc.errors()).singleElement().asString().contains("deletion protection");
  }

  @Test
  void aWantedNameHeldByAnotherStackBlocksTheGroup() {
    ObservedStack s = new ObservedStack(GROUP, List.of(), List.of(), List.of(), List.of(), List.of(), null, Map.of(),
        Map.of(), null, null, List.of("target group k8s-demo-web-9100803792 exists but is not tagged for stack demo/shop"));
    GroupChanges gc = ChangePlanner.plan(quickstart(), s, NO_CLUSTER);
    assertThat(gc.blocked()).isTrue();
    assertThat(gc.changes()).isEmpty();
  }

  @Test
  void bindingsAreCreatedUpdatedAndDeletedWithACluster() {
    DesiredState.DesiredGroup g = quickstart();
    ObservedStack s = Simulated.applied(g, true);
    List<ObservedResource> tgbs = new ArrayList<>(s.bindings());
    ObservedResource first = tgbs.get(0);
    ObjectNode body = first.body().deepCopy();
    ((ObjectNode) body.get("spec")).put("targetType", "ip");
    tgbs.set(0, first.withBody(body));
    tgbs.remove(1);
    tgbs.add(new ObservedResource(first.kind(), "demo/k8s-demo-old-0000000000", "k8s-demo-old-0000000000",
        first.tags(), first.body(), null, null));
    ObservedStack changed = new ObservedStack(s.groupId(), s.loadBalancers(), s.listeners(), s.rules(),
        s.targetGroups(), s.securityGroups(), s.backendSecurityGroup(), Map.of(), Map.of(), null, tgbs, List.of());
    GroupChanges gc = ChangePlanner.plan(g, changed, CLUSTER);
    assertThat(calls(gc)).containsExactlyInAnyOrder("k8s:ReplaceTargetGroupBinding", "k8s:CreateTargetGroupBinding",
        "k8s:DeleteTargetGroupBinding");
  }

  @Test
  void deletingAGroupRemovesEverythingBindingsFirstSecurityGroupsLast() {
    DesiredState.DesiredGroup g = quickstart();
    ObservedStack s = Simulated.applied(g, true);
    GroupChanges gc = ChangePlanner.planDeletion(GROUP, s, new ChangePlanner.Options(true, true));
    assertThat(calls(gc)).containsExactly("k8s:DeleteTargetGroupBinding", "k8s:DeleteTargetGroupBinding",
        "elbv2:DeleteLoadBalancer", "elbv2:DeleteTargetGroup", "elbv2:DeleteTargetGroup", "ec2:DeleteSecurityGroup",
        "ec2:DeleteSecurityGroup");
    assertThat(gc.changes()).allMatch(c -> c.action() == Action.DELETE);
    GroupChanges keepBackend = ChangePlanner.planDeletion(GROUP, s, new ChangePlanner.Options(true, false));
    assertThat(calls(keepBackend)).containsOnlyOnce("ec2:DeleteSecurityGroup");
  }
}
