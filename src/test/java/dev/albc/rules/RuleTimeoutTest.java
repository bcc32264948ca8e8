package dev.albc.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, bounded rules: when a session runs past its time budget the runner names the user rule
 * file the stuck code is in — from the rule firing, or from the worker's stack when the code runs in
 * a condition (no rule is firing then) — and carries the user sources that ran, for the controller's
 * rejected mark (docs/controller.md "A rule that hangs"). The loops here end by themselves after a
 * few seconds, so no thread is left spinning in the test JVM.
 */
class RuleTimeoutTest {
  static final String SPIN = """
      package house;
      import dev.albc.rules.api.*;

      function boolean spin(long n) {
          long x = 1;
          for (long i = 0; i < n; i++) { x = x * 31 + i; }
          return x == 42L;
      }
      """;

  static final RuleSource OTHER = new RuleSource("configmap/other/tag.drl", """
      package other;
      import dev.albc.rules.api.*;

      rule "does nothing"
          ruleflow-group "parse"
      when
          eval(false)
      then
      end
      """, false);

  @Test
  void aLoopInAConditionIsTracedToItsFileByTheStack() {
    RuleSource spin = new RuleSource("configmap/house/spin.drl", SPIN + """

        rule "its condition spins"
            ruleflow-group "parse"
        when
            String(spin(length() * 1000000000L))
        then
        end
        """, false);
    RuleTimeoutException e = timeout(List.of(spin, OTHER));
    assertThat(e.files()).containsExactly("configmap/house/spin.drl");
    assertThat(e.getMessage()).startsWith("configmap/house/spin.drl: the rules ran past the time budget of 0 s");
    assertThat(e.userSources()).containsExactly(spin, OTHER);
    assertThat(e.budget()).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void aLoopInAConsequenceNamesTheRuleThatWasFiring() {
    RuleSource spin = new RuleSource("configmap/house/spin.drl", SPIN + """

        rule "spins"
            ruleflow-group "parse"
        when
        then
            if (spin(3000000000L)) { insert("never"); }
        end
        """, false);
    RuleTimeoutException e = timeout(List.of(OTHER, spin));
    assertThat(e.files()).containsExactly("configmap/house/spin.drl");
    assertThat(e.rule()).isEqualTo("spins");
    assertThat(e.getMessage()).startsWith("configmap/house/spin.drl:10: the rules ran past the time budget")
        .endsWith("while rule \"spins\" was firing (docs/limits.md#rules)");
  }

  @Test
  void blameComesFromUserPackagesOnTheStackThenTheFiringRule() {
    RuleIndex index = new RuleIndex(List.of(
        new RuleSource("a.drl", "package house;\nrule \"r\"\nwhen\nthen\nend\n", false),
        new RuleSource("b.drl", "package house;\n", false),
        new RuleSource("c.drl", "package tags;\nrule \"t\"\nwhen\nthen\nend\n", false),
        new RuleSource("builtin.drl", "package dev.albc.rules.lb;\nrule \"x\"\nwhen\nthen\nend\n", true)));
    StackTraceElement[] stack = {
        new StackTraceElement("tags.Loop", "loop", "Loop.java", 3),
        new StackTraceElement("org.drools.core.Something", "eval", "Something.java", 10),
        new StackTraceElement("dev.albc.rules.lb.Rule", "x", "Rule.java", 1)};
    assertThat(RuleRunner.blamed(stack, "house", "r", index)).containsExactly("c.drl", "a.drl");
    assertThat(RuleRunner.blamed(new StackTraceElement[0], "house", "r", index)).containsExactly("a.drl");
    assertThat(RuleRunner.blamed(new StackTraceElement[0], "dev.albc.rules.lb", "x", index))
        .as("a built-in rule that was merely slow blames no user file").isEmpty();
    StackTraceElement[] function = {new StackTraceElement("house.Spin", "spin", "Spin.java", 3)};
    assertThat(RuleRunner.blamed(function, null, null, index)).as("every file of the package")
        .containsExactly("a.drl", "b.drl");
  }

  private static RuleTimeoutException timeout(List<RuleSource> sources) {
    RuleRunner runner = new RuleRunner(RuleCompiler.compile(sources));
    return catchThrowableOfType(() -> runner.run(List.of("xxx"), false, Duration.ofMillis(300)),
        RuleTimeoutException.class);
  }
}
