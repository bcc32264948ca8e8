package dev.albc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A small run of bench-rules so it cannot rot; no timing is asserted. */
class RulesBenchCommandTest {
  @Test
  void smallRun() {
    CliRun r = CliRun.of("bench-rules", "--user-rules", "5", "--compiles", "1", "--no-full", "--ingresses", "10",
        "--groups", "2", "--iterations", "1", "--warmup", "1", "--reloads", "3", "--reload-rules", "2");
    assertThat(r.code()).as(r.all()).isZero();
    assertThat(r.out())
        .contains("5 user rules: compile + add to built-in: median")
        .contains("plan, 5 user rules: median")
        .contains("hot reload of 2 user rules, 3 times")
        .contains("replaced rule bases still reachable: 0 of 3");
  }
}
