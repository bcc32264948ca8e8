package dev.albc.changes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.desired.DesiredState.DesiredGroup;
import dev.albc.intents.Intent;
import dev.albc.intents.ListenerRuleIntent;
import dev.albc.intents.SecurityGroupIntent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Intents by kind; security groups, target groups, listeners and rules in planning order whatever the plan's order. */
class WantedTest {
  @Test
  void backendSecurityGroupFirstRulesByPortThenPriority() {
    DesiredGroup g = ChangePlannerTest.quickstart(ChangesGoldenTest.annotate(
        "listen-ports: '[{\"HTTP\": 8080}, {\"HTTP\": 80}]'"));
    List<Intent> reversed = new ArrayList<>(g.resources());
    Collections.reverse(reversed);
    Wanted w = Wanted.of(reversed);
    Wanted inOrder = Wanted.of(g.resources());
    assertThat(w.securityGroups()).isEqualTo(inOrder.securityGroups());
    assertThat(w.targetGroups()).isEqualTo(inOrder.targetGroups());
    assertThat(w.listeners()).isEqualTo(inOrder.listeners());
    assertThat(w.rules()).isEqualTo(inOrder.rules());
    assertThat(w.securityGroups()).extracting(SecurityGroupIntent::id)
        .containsExactly(SecurityGroupIntent.BACKEND, "ManagedLBSecurityGroup");
    assertThat(w.listeners()).extracting(l -> l.port()).containsExactly(80, 8080);
    assertThat(w.rules()).extracting(ListenerRuleIntent::port, ListenerRuleIntent::priority)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(80, 1), org.assertj.core.groups.Tuple.tuple(80, 2),
            org.assertj.core.groups.Tuple.tuple(8080, 1), org.assertj.core.groups.Tuple.tuple(8080, 2));
    assertThat(w.loadBalancer()).isNotNull();
    assertThat(Wanted.of(List.of()).loadBalancer()).isNull();
  }
}
