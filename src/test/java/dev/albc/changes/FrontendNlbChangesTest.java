package dev.albc.changes;

import static dev.albc.changes.ChangePlannerTest.GROUP;
import static dev.albc.changes.ChangePlannerTest.NO_CLUSTER;
import static dev.albc.changes.ChangePlannerTest.calls;
import static dev.albc.changes.ChangePlannerTest.quickstart;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.changes.Change.Action;
import dev.albc.desired.DesiredState;
import dev.albc.observe.ObservedResource;
import dev.albc.observe.ObservedStack;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The frontend NLB on the change side: FrontendNlbChanges and TargetRegistrationChanges. */
class FrontendNlbChangesTest {
  static final String ENABLE = "alb.ingress.kubernetes.io/scheme: internet-facing\n"
      + "    alb.ingress.kubernetes.io/enable-frontend-nlb: \"true\"";

  static DesiredState.DesiredGroup withNlb(UnaryOperator<String> more) {
    return quickstart(s -> more.apply(s.replace("alb.ingress.kubernetes.io/scheme: internet-facing", ENABLE)));
  }

  static DesiredState.DesiredGroup withNlb() {
    return withNlb(s -> s);
  }

  /** The calls of the changes of one kind of step (by the change's ResourceId prefix). */
  static List<String> callsOf(GroupChanges gc, String resourcePrefix) {
    List<String> out = new ArrayList<>();
    gc.changes().stream().filter(c -> c.resourceId() != null && c.resourceId().startsWith(resourcePrefix))
        .forEach(c -> out.addAll(c.calls()));
    return out;
  }

  @Test
  void aNewGroupCreatesTheNlbAfterTheAlbListenersAndRegistersTheAlbLast() {
    GroupChanges gc = ChangePlanner.plan(withNlb(), ObservedStack.empty(GROUP), NO_CLUSTER);
    assertThat(calls(gc)).containsSubsequence("elbv2:CreateTargetGroup", "elbv2:CreateLoadBalancer",
        "elbv2:CreateListener", "elbv2:CreateRule", "elbv2:CreateLoadBalancer", "elbv2:CreateListener",
        "elbv2:RegisterTargets");
    assertThat(calls(gc)).endsWith("elbv2:RegisterTargets");
    Step nlb = gc.changes().stream().filter(c -> "FrontendNlb".equals(c.resourceId())).findFirst().orElseThrow()
        .steps().get(0);
    assertThat(nlb.request().get("Type").asText()).isEqualTo("network");
    assertThat(nlb.produces()).isEqualTo("FrontendNlb");
    // the ALB's own listener 80 and the NLB's listener 80 are two listeners
    assertThat(calls(gc).stream().filter("elbv2:CreateListener"::equals)).hasSize(2);
    Step createTg = gc.changes().stream().filter(c -> "FrontendNlb-tg-TCP-80".equals(c.resourceId())).findFirst()
        .orElseThrow().steps().get(0);
    assertThat(createTg.call()).isEqualTo("elbv2:CreateTargetGroup");
    assertThat(createTg.request().has("Targets")).as("registered later, once the ALB's listener exists").isFalse();
    assertThat(createTg.request().get("TargetType").asText()).isEqualTo("alb");
    Step register = gc.changes().get(gc.changes().size() - 1).steps().get(0);
    assertThat(register.request().toString()).isEqualTo(
        "{\"TargetGroupArn\":{\"$ref\":\"FrontendNlb-tg-TCP-80\"},\"Targets\":[{\"Id\":{\"$ref\":\"LoadBalancer\"},\"Port\":80}]}");
  }

  @Test
  void whatWasAppliedNeedsNoChange() {
    DesiredState.DesiredGroup g = withNlb();
    assertThat(ChangePlanner.plan(g, Simulated.applied(g, false), NO_CLUSTER).changes()).isEmpty();
  }

  @Test
  void theAlbNotRegisteredYetIsRegistered() {
    DesiredState.DesiredGroup g = withNlb();
    ObservedStack s = withTargets(Simulated.applied(g, false), List.of());
    GroupChanges gc = ChangePlanner.plan(g, s, NO_CLUSTER);
    assertThat(calls(gc)).containsExactly("elbv2:RegisterTargets");
    assertThat(gc.changes().get(0).steps().get(0).request().path("Targets").toString())
        .isEqualTo("[{\"Id\":\"" + Simulated.id(g.resources().stream()
            .filter(i -> i.resourceId().equals("LoadBalancer")).findFirst().orElseThrow()) + "\",\"Port\":80}]");
  }

  @Test
  void aNewAlbPortDeregistersTheOldTargetFirst() {
    DesiredState.DesiredGroup before = withNlb();
    DesiredState.DesiredGroup after = withNlb(s -> s.replace(ENABLE, ENABLE
        + "\n    alb.ingress.kubernetes.io/listen-ports: '[{\"HTTP\":80},{\"HTTP\":8080}]'"
        + "\n    alb.ingress.kubernetes.io/frontend-nlb-listener-port-mapping: 80=8080"));
    GroupChanges gc = ChangePlanner.plan(after, Simulated.applied(before, false), NO_CLUSTER);
    assertThat(callsOf(gc, "FrontendNlb-tg")).containsExactly("elbv2:DeregisterTargets", "elbv2:RegisterTargets");
    // the ALB's new listener 8080 is created before the ALB is registered on it
    assertThat(calls(gc)).containsSubsequence("elbv2:CreateListener", "elbv2:DeregisterTargets",
        "elbv2:RegisterTargets");
  }

  @Test
  void removingTheAnnotationDeletesTheNlbAndItsTargetGroupButNotTheAlb() {
    DesiredState.DesiredGroup before = withNlb();
    GroupChanges gc = ChangePlanner.plan(quickstart(), Simulated.applied(before, false), NO_CLUSTER);
    // (the target group's deletion is a post step: the executor runs it after the others)
    assertThat(calls(gc)).containsExactly("elbv2:DeregisterTargets", "elbv2:DeleteTargetGroup",
        "elbv2:DeleteLoadBalancer");
    assertThat(gc.changes().stream().filter(c -> c.calls().contains("elbv2:DeleteTargetGroup")).findFirst()
        .orElseThrow().steps().get(0).post()).isTrue();
    Change del = gc.changes().stream().filter(c -> c.action() == Action.DELETE
        && c.calls().contains("elbv2:DeleteLoadBalancer")).findFirst().orElseThrow();
    assertThat(del.resourceId()).isEqualTo("FrontendNlb");
    assertThat(del.steps().get(0).request().path("LoadBalancerArn").asText()).contains("FrontendNlb");
  }

  @Test
  void anNlbWithDeletionProtectionBlocksTheGroupInsteadOfBeingDeleted() {
    ObservedStack s = Simulated.applied(withNlb(), false);
    List<ObservedResource> lbs = s.loadBalancers().stream()
        .map(lb -> "FrontendNlb".equals(lb.resourceTag())
            ? lb.withAttributes(java.util.Map.of("deletion_protection.enabled", "true")) : lb).toList();
    ObservedStack protectedNlb = new ObservedStack(s.groupId(), lbs, s.listeners(), s.rules(), s.targetGroups(),
        s.securityGroups(), s.backendSecurityGroup(), s.webAcls(), s.shieldProtections(), s.shieldActive(),
        s.bindings(), s.conflicts());
    GroupChanges gc = ChangePlanner.plan(quickstart(), protectedNlb, NO_CLUSTER);
    assertThat(gc.blocked()).isTrue();
    assertThat(gc.changes()).isEmpty();
  }

  @Test
  void aFrontendNlbSchemeChangeReplacesTheNlbOnly() {
    DesiredState.DesiredGroup before = withNlb();
    DesiredState.DesiredGroup after = withNlb(s -> s.replace(ENABLE, ENABLE
        + "\n    alb.ingress.kubernetes.io/frontend-nlb-scheme: internet-facing"));
    GroupChanges gc = ChangePlanner.plan(after, Simulated.applied(before, false), NO_CLUSTER);
    assertThat(calls(gc)).containsExactly("elbv2:DeleteLoadBalancer", "elbv2:CreateLoadBalancer",
        "elbv2:CreateListener");
    assertThat(gc.changes().get(0).resourceId()).isEqualTo("FrontendNlb");
    assertThat(gc.changes().get(0).action()).isEqualTo(Action.REPLACE);
  }

  @Test
  void deletingTheGroupDeregistersTheAlbThenDeletesTheNlbBeforeTheAlb() {
    ObservedStack s = Simulated.applied(withNlb(), false);
    GroupChanges gc = ChangePlanner.planDeletion(GROUP, s, new ChangePlanner.Options(false, false));
    assertThat(calls(gc)).containsSubsequence("elbv2:DeregisterTargets", "elbv2:DeleteLoadBalancer",
        "elbv2:DeleteLoadBalancer", "elbv2:DeleteTargetGroup");
    List<String> lbOrder = gc.changes().stream().filter(c -> c.calls().contains("elbv2:DeleteLoadBalancer"))
        .map(Change::resourceId).toList();
    assertThat(lbOrder).containsExactly("FrontendNlb", "LoadBalancer");
  }

  /** The stack with the alb-type target groups' registered targets replaced. */
  static ObservedStack withTargets(ObservedStack s, List<ObjectNode> targets) {
    List<ObservedResource> tgs = s.targetGroups().stream().map(tg -> {
      if (!"alb".equals(tg.text("TargetType"))) {
        return tg;
      }
      ObjectNode body = tg.body().deepCopy();
      body.putArray("Targets").addAll(targets);
      return tg.withBody(body);
    }).toList();
    return new ObservedStack(s.groupId(), s.loadBalancers(), s.listeners(), s.rules(), tgs, s.securityGroups(),
        s.backendSecurityGroup(), s.webAcls(), s.shieldProtections(), s.shieldActive(), s.bindings(), s.conflicts());
  }
}
