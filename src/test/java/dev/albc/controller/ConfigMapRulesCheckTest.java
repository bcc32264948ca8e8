package dev.albc.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.desired.DesiredStateBuilder;
import dev.albc.facts.ControllerSettings;
import dev.albc.live.AccountFactSource;
import dev.albc.live.KubeFacts;
import dev.albc.rules.RuleCompiler;
import dev.albc.rules.RuleRunner;
import dev.albc.rules.RuleSet;
import dev.albc.rules.RuleSetHolder;
import dev.albc.rules.RuleSource;
import dev.albc.rules.api.Setting;
import dev.albc.sources.FactInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pre-swap check of ConfigMap rules (docs/controller.md "Rules from ConfigMaps"). */
class ConfigMapRulesCheckTest {
  static final ControllerSettings SETTINGS = new ControllerSettings("demo", "vpc-0123456789abcdef0", "us-west-2",
      null, null, null, null, null, null, true, null, true, true);
  static List<Object> facts;

  @BeforeAll
  static void readExamples() throws Exception {
    facts = new ArrayList<>();
    for (String ex : List.of("examples/quickstart", "examples/ingress-group", "examples/https")) {
      List<Path> files;
      try (Stream<Path> s = Files.list(Path.of(ex))) {
        files = s.sorted().toList();
      }
      facts.addAll(FactInputs.read(files.stream().filter(f -> !f.toString().endsWith(".json")).toList(),
          files.stream().filter(f -> f.toString().endsWith(".json")).toList(), SETTINGS.vpcId()));
    }
  }

  static ConfigMapRulesCheck check() {
    return new ConfigMapRulesCheck(SETTINGS, KubeFacts.of(facts), AccountFactSource.of(List.of()),
        Duration.ofSeconds(60));
  }

  static RuleSet compiled(String file, String drl) {
    return RuleCompiler.compileWithBuiltin(List.of(new RuleSource(file, drl, false)));
  }

  static String rule(String name, String phase, String when, String then) {
    return "package house;\nimport dev.albc.rules.api.*;\n\nrule \"" + name + "\"\n    ruleflow-group \"" + phase
        + "\"\nwhen\n    " + when + "\nthen\n    " + then + "\nend\n";
  }

  @Test
  void aRuleThatSetsAKnownSettingPasses() {
    RuleSet rs = compiled("configmap/house/tag.drl", rule("house tag", "override", "$g : Group($gscope : scope)",
        "insert(Setting.byRule($gscope, \"tag:house\", \"yes\", Precedence.RULE, drools.getRule().getName()));"));
    assertThat(check().problems(rs)).isEmpty();
  }

  @Test
  void aPolicyRefusingAnIngressIsNotAFailure() {
    RuleSet rs = compiled("configmap/house/policy.drl", rule("no ingress", "validate", "$m : Member()",
        "insert(Diagnostic.error($m.groupId(), $m.object(), \"metadata\", \"refused by the house\", \"ask\","
            + " drools.getRule().getName()));"));
    var built = new DesiredStateBuilder(new RuleRunner(rs)).plan(SETTINGS, facts, false).plan();
    assertThat(built.groups()).allSatisfy(g -> assertThat(g.toString()).contains("refused by the house"));
    assertThat(check().problems(rs)).isEmpty();
  }

  @Test
  void aRuleThatThrowsIsRefusedWithItsFileAndLine() {
    RuleSet rs = compiled("configmap/house/boom.drl", rule("divides by zero", "override",
        "$g : Group($id : id)", "int x = 1 / ($id.length() - $id.length());"));
    assertThat(check().problems(rs)).singleElement().asString()
        .contains("configmap/house/boom.drl:4").contains("divides by zero").contains("ArithmeticException");
  }

  @Test
  void aRuleThatRecursesWithoutEndIsRefused() {
    String drl = "package house;\nimport dev.albc.rules.api.*;\n\nfunction int down(int n) { return down(n + 1) + 1; }\n\n"
        + "rule \"recurses\"\n    ruleflow-group \"override\"\nwhen\n    $g : Group()\nthen\n    down(0);\nend\n";
    // seen in the compiled code: refused when loaded, before the check runs anything
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> compiled("configmap/house/deep.drl", drl))
        .isInstanceOf(dev.albc.rules.RuleRefusedException.class)
        .hasMessageContaining("configmap/house/deep.drl:4: function down calls itself");
    // through a java.util.function object the load check cannot follow: the stack overflows in the check
    String hidden = "package house;\nimport dev.albc.rules.api.*;\n\nfunction int down(int n) {\n"
        + "  java.util.function.IntUnaryOperator[] f = new java.util.function.IntUnaryOperator[1];\n"
        + "  f[0] = k -> f[0].applyAsInt(k + 1) + 1;\n  return f[0].applyAsInt(n);\n}\n\n"
        + "rule \"recurses\"\n    ruleflow-group \"override\"\nwhen\n    $g : Group()\nthen\n    down(0);\nend\n";
    assertThat(check().problems(compiled("configmap/house/deep.drl", hidden))).singleElement().asString()
        .contains("configmap/house/deep.drl").contains("StackOverflowError");
  }

  @Test
  void aSettingThatDoesNotExistIsRefused() {
    RuleSet rs = compiled("configmap/house/typo.drl", rule("typo", "override", "$g : Group($gscope : scope)",
        "insert(Setting.byRule($gscope, \"sheme\", \"internal\", Precedence.RULE, drools.getRule().getName()));"));
    assertThat(check().problems(rs)).isNotEmpty()
        .allSatisfy(p -> assertThat(p).contains("\"sheme\"").contains("rule \"typo\"").contains("does not exist"));
  }

  @Test
  void everySettingTheBuiltInRulesMakeAndEveryDocumentedNameIsKnown() throws Exception {
    var t = new DesiredStateBuilder(new RuleRunner(RuleCompiler.loadBuiltin())).plan(SETTINGS, facts, false)
        .translation();
    assertThat(t.settings()).isNotEmpty();
    assertThat(t.settings()).extracting(Setting::name).allSatisfy(n -> assertThat(ConfigMapRulesCheck.isKnown(n))
        .as(n).isTrue());
    String doc = Files.readString(Path.of("docs/rule-authoring.md"));
    Matcher table = Pattern.compile("(?m)^\\| `(?:group|ingress|tg):[^|]*\\|(.*)\\|$").matcher(doc);
    int rows = 0;
    while (table.find()) {
      rows++;
      Matcher name = Pattern.compile("`([a-z][a-z0-9.:-]*(?:<[a-z]+>)?)`").matcher(table.group(1));
      while (name.find()) {
        String n = name.group(1).replaceAll("<[a-z]+>$", "x");
        assertThat(ConfigMapRulesCheck.isKnown(n)).as(n).isTrue();
      }
    }
    assertThat(rows).isEqualTo(3);
    assertThat(ConfigMapRulesCheck.isKnown("tag:")).isFalse();
    assertThat(ConfigMapRulesCheck.isKnown("healthcheck-pth")).isFalse();
  }

  @Test
  void theHolderKeepsTheLastGoodSetWhenTheCheckRefuses() {
    AtomicReference<List<RuleSource>> sources = new AtomicReference<>(List.of());
    RuleSetHolder holder = new RuleSetHolder(sources::get).withCheck(check());
    assertThat(holder.reload().swapped()).isTrue();
    RuleSet good = holder.current();
    String goodPrint = holder.fingerprintInForce();
    sources.set(List.of(new RuleSource("configmap/house/boom.drl", rule("divides by zero", "override",
        "$g : Group($id : id)", "int x = 1 / ($id.length() - $id.length());"), false)));
    RuleSetHolder.Outcome o = holder.reloadIfChanged();
    assertThat(o.failed()).isTrue();
    assertThat(o.problems()).singleElement().asString().contains("configmap/house/boom.drl");
    assertThat(holder.current()).isSameAs(good);
    assertThat(holder.fingerprintInForce()).isEqualTo(goodPrint);
    assertThat(holder.reloadIfChanged().changed()).as("the same broken sources are not tried again").isFalse();
  }
}
