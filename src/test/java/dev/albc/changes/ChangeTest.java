package dev.albc.changes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.changes.Change.Action;
import dev.albc.changes.Change.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The factories fix each action's risk; the withers change one member and keep the rest. */
class ChangeTest {
  static final Step STEP = Step.of("elbv2:DeleteRule", Requests.obj().put("RuleArn", "arn:rule"));
  static final List<FieldDiff> DIFF = List.of(new FieldDiff("HealthCheckPath", "/a", "/b"), new FieldDiff("Tags", "", "x=1"));

  @Test
  void eachFactoryGivesItsActionAndRisk() {
    assertThat(Change.create("K", "id", "n", "not in AWS", List.of(STEP)))
        .isEqualTo(new Change(Action.CREATE, "K", "id", "n", "not in AWS", Risk.NONE, null, List.of(), List.of(STEP)));
    assertThat(Change.modify("K", "id", "n", DIFF, List.of(STEP)))
        .isEqualTo(new Change(Action.MODIFY, "K", "id", "n", "HealthCheckPath /a → /b; tags differ", Risk.NONE, null,
            DIFF, List.of(STEP)));
    assertThat(Change.replace("K", "id", "n", "why", "what", DIFF, List.of(STEP)))
        .isEqualTo(new Change(Action.REPLACE, "K", "id", "n", "why", Risk.REPLACEMENT, "what", DIFF, List.of(STEP)));
    assertThat(Change.delete("K", "id", "n", "gone", List.of(STEP)))
        .isEqualTo(new Change(Action.DELETE, "K", "id", "n", "gone", Risk.DELETION, null, List.of(), List.of(STEP)));
  }

  @Test
  void withersChangeOneMember() {
    Change c = Change.modify("K", "id", "n", DIFF, List.of(STEP));
    assertThat(c.withReason("moved")).isEqualTo(new Change(Action.MODIFY, "K", "id", "n", "moved", Risk.NONE, null,
        DIFF, List.of(STEP)));
    assertThat(c.withRisk(Risk.INTERRUPTION, "cut off")).isEqualTo(new Change(Action.MODIFY, "K", "id", "n",
        c.reason(), Risk.INTERRUPTION, "cut off", DIFF, List.of(STEP)));
    assertThat(Change.delete("K", "id", "n", "gone", List.of(STEP)).withRiskNote("traffic stops").riskNote())
        .isEqualTo("traffic stops");
  }
}
