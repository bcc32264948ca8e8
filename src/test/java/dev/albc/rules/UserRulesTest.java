package dev.albc.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.albc.facts.ControllerSettings;
import dev.albc.harness.CaseRunner;
import dev.albc.desired.DesiredStateBuilder;
import dev.albc.sources.FactInputs;
import dev.albc.desired.DesiredJson;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * User rule folders: the fast way (user DRL compiled alone, its packages added to the precompiled
 * built-in rule base) gives the same plans as compiling everything together; locations of rules.
 */
class UserRulesTest {
  static final Path EXAMPLE = Path.of("examples/custom-rules");

  @Test
  void addingUserPackagesToTheBuiltinRuleBaseEqualsCompilingTogether() {
    List<RuleSource> user = UserRules.sources(List.of(EXAMPLE));
    assertThat(user).extracting(RuleSource::name).containsExactly(
        "examples/custom-rules/access-logs.drl", "examples/custom-rules/house-waf.drl",
        "examples/custom-rules/internet-facing-approval.drl");
    RuleSet merged = RuleCompiler.compileWithBuiltin(user);
    RuleSet together = RuleCompiler.compile(UserRules.withBuiltin(user));
    assertThat(merged.version()).startsWith("builtin+");
    assertThat(ruleNames(merged)).isEqualTo(ruleNames(together));

    ControllerSettings settings = ControllerSettings.defaults("demo");
    List<Object> facts = FactInputs.read(List.of(EXAMPLE.resolve("demo")), List.of(), "");
    String a = DesiredJson.json(new DesiredStateBuilder(new RuleRunner(merged)).plan(settings, facts, false).plan());
    String b = DesiredJson.json(new DesiredStateBuilder(new RuleRunner(together)).plan(settings, facts, false).plan());
    assertThat(a).isEqualTo(b).contains("access_logs.s3.prefix").contains("house-default");

    for (String file : List.of("access-logs.test.yaml", "house-waf.test.yaml", "internet-facing-approval.test.yaml")) {
      for (RuleSet rs : List.of(merged, together)) {
        for (CaseRunner.CaseResult r : new CaseRunner(new RuleRunner(rs)).runFile(EXAMPLE.resolve(file), null)) {
          assertThat(r.failures()).as(rs.version() + " " + file + ": " + r.name()).isEmpty();
        }
      }
    }
  }

  static List<String> ruleNames(RuleSet rs) {
    return rs.kieBase().getKiePackages().stream()
        .flatMap(p -> p.getRules().stream().map(r -> p.getName() + "/" + r.getName()))
        .sorted()
        .toList();
  }

  @Test
  void theIndexKnowsWhereEachRuleIs() {
    RuleIndex index = new RuleIndex(UserRules.withBuiltin(UserRules.sources(List.of(EXAMPLE))));
    RuleIndex.Location l = index.locate("house", "internet-facing load balancers serve only approved namespaces");
    assertThat(l.where()).isEqualTo("examples/custom-rules/internet-facing-approval.drl:15");
    assertThat(index.locate("rules", "scheme annotation sets the load balancer scheme").where())
        .startsWith("rules/load-balancer.drl:");
    assertThat(index.userRules()).hasSize(6);
    assertThat(index.userFilesByPackage()).containsOnlyKeys("house");
    assertThat(index.builtinPackages()).containsExactly("rules");
  }

  @Test
  void aFileReachedTwiceIsLoadedOnce() {
    assertThat(UserRules.files(List.of(EXAMPLE, EXAMPLE.toAbsolutePath(), EXAMPLE.resolve("house-waf.drl"))))
        .containsExactly(EXAMPLE.resolve("access-logs.drl"), EXAMPLE.resolve("house-waf.drl"),
            EXAMPLE.resolve("internet-facing-approval.drl"));
  }

  @Test
  void aMissingFolderIsAnError() {
    assertThatThrownBy(() -> UserRules.load(List.of(Path.of("no/such/folder"))))
        .isInstanceOf(UserRules.UnreadableRulesException.class)
        .hasMessageContaining("no/such/folder: no such folder");
  }
}
