package dev.albc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.harness.WebCase;
import org.junit.jupiter.api.Test;

/** Messages a person can act on (issue 14, item 4): no library internals, each thing named once. */
class MessagesTest {
  @Test
  void aFlagIsNamedOnce() {
    CliRun r = CliRun.of("plan", "--cluster-name", "demo", "--feature-gates", "NoSuchGate=true", WebCase.FIXTURES);
    assertThat(r.code()).as(r.all()).isEqualTo(2);
    assertThat(r.err()).contains("--feature-gates: unknown feature gate \"NoSuchGate\"")
        .doesNotContain("--feature-gates: --feature-gates:");
  }

  @Test
  void anAnnotationWithBadJsonNamesNoJacksonInternals() {
    CliRun r = CliRun.of("plan", "--cluster-name", "demo", "examples/invalid");
    assertThat(r.code()).as(r.all()).isEqualTo(1);
    assertThat(r.all()).contains("expected '}' (for an object that starts at column 2)")
        .doesNotContain("REDACTED").doesNotContain("StreamReadFeature").doesNotContain("StreamReadConstraints");
  }

  @Test
  void explainNamesNoEngineInternals() {
    CliRun r = CliRun.of("explain", "--cluster-name", "demo", "examples/quickstart");
    assertThat(r.code()).as(r.all()).isZero();
    assertThat(r.out()).contains("LoadBalancer").doesNotContain("org.drools").doesNotContain("InitialFact")
        .doesNotContainPattern("[A-Za-z]Impl@[0-9a-f]+");
  }
}
