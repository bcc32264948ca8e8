package dev.albc.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Effective;
import dev.albc.rules.api.Precedence;
import dev.albc.rules.api.Setting;
import dev.albc.rules.api.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

/** resolve.drl: highest precedence wins; disagreeing equals are a conflict. */
class ResolveRulesTest {
  static final RuleRunner RUNNER = new RuleRunner(RuleCompiler.loadBuiltin());

  @Test
  void highestPrecedenceWins() {
    Translation t =
        RUNNER.run(
            List.of(
                Setting.of("group:g", "scheme", "internal", Source.FLAG, Precedence.FLAG, "flag --default-load-balancer-scheme"),
                Setting.of("group:g", "scheme", "internet-facing", Source.ANNOTATION, Precedence.ANNOTATION,
                    "Ingress ns/a annotation alb.ingress.kubernetes.io/scheme")),
            true);
    assertThat(t.effective()).extracting(Effective::value).containsExactly("internet-facing");
    assertThat(t.diagnostics()).isEmpty();
    assertThat(t.firings()).extracting(Firing::rule)
        .contains("resolve: the setting with the highest precedence wins");
  }

  @Test
  void equalPrecedenceDisagreeingIsAConflict() {
    Translation t =
        RUNNER.run(
            List.of(
                Setting.of("group:g", "scheme", "internal", Source.ANNOTATION, Precedence.ANNOTATION,
                    "Ingress ns/a annotation alb.ingress.kubernetes.io/scheme"),
                Setting.of("group:g", "scheme", "internet-facing", Source.ANNOTATION, Precedence.ANNOTATION,
                    "Ingress ns/b annotation alb.ingress.kubernetes.io/scheme")),
            false);
    assertThat(t.effective()).isEmpty();
    assertThat(t.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.isError()).isTrue();
      assertThat(d.group()).isEqualTo("g");
      assertThat(d.object()).isEqualTo("Ingress ns/a");
      assertThat(d.field()).isEqualTo("alb.ingress.kubernetes.io/scheme");
      assertThat(d.message()).contains("Ingress ns/b").contains("internet-facing");
    });
  }
}
