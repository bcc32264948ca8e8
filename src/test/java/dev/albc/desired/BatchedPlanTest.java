package dev.albc.desired;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.cli.BenchCommand;
import dev.albc.facts.ControllerSettings;
import dev.albc.rules.RuleCompiler;
import dev.albc.rules.RuleRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Planning in batches of groups (large inputs) gives exactly the plan of one session. */
class BatchedPlanTest {
  @Test
  void batchedPlanEqualsSingleSessionPlan() {
    DesiredStateBuilder planner = new DesiredStateBuilder(new RuleRunner(RuleCompiler.loadBuiltin()));
    ControllerSettings settings = BenchCommand.settings(null);
    int n = DesiredStateBuilder.BATCH_INGRESSES + 300;
    List<Object> facts = BenchCommand.facts(n, 130);
    String batched = DesiredJson.json(planner.plan(settings, facts, false).plan());
    // recording firings keeps the whole input in one session
    String single = DesiredJson.json(planner.plan(settings, facts, true).plan());
    assertThat(batched).isEqualTo(single);
    assertThat(planner.plan(settings, facts, false).plan().groups()).hasSize(130);
  }
}
