package dev.albc.rules.lib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.facts.ControllerSettings;
import dev.albc.intents.Action;
import dev.albc.intents.Ref;
import dev.albc.intents.RuleCondition;
import dev.albc.rules.lib.ConditionsJson.ConditionSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rule conditions; cases from the reference's Test_defaultModelBuildTask_buildRuleConditions. */
class ListenerRulesTest {

  static List<RuleCondition> ok(String host, String path, String type, boolean regex, ConditionSpec... c) {
    ListenerRules.Conditions r = ListenerRules.conditions(host, path, type, regex, List.of(c));
    assertThat(r.error()).isNull();
    return r.conditions();
  }

  static String err(String host, String path, String type, boolean regex, ConditionSpec... c) {
    return ListenerRules.conditions(host, path, type, regex, List.of(c)).error();
  }

  static ConditionSpec hostValues(String... v) {
    return new ConditionSpec("host-header", null, List.of(v), null, null);
  }

  static ConditionSpec hostRegex(String... v) {
    return new ConditionSpec("host-header", null, null, List.of(v), null);
  }

  static ConditionSpec pathValues(String... v) {
    return new ConditionSpec("path-pattern", null, List.of(v), null, null);
  }

  static ConditionSpec pathRegex(String... v) {
    return new ConditionSpec("path-pattern", null, null, List.of(v), null);
  }

  @Test
  void hostOnly() {
    assertThat(ok("example.com", "", null, false)).containsExactly(RuleCondition.hostHeader(List.of("example.com"), null));
    assertThat(ok("*.example.com", "", null, false)).containsExactly(RuleCondition.hostHeader(List.of("*.example.com"), null));
  }

  @Test
  void pathOnly() {
    assertThat(ok("", "/exact", "Exact", false)).containsExactly(RuleCondition.pathPattern(List.of("/exact"), null));
    assertThat(ok("", "/prefix", "Prefix", false)).containsExactly(RuleCondition.pathPattern(List.of("/prefix", "/prefix/*"), null));
    assertThat(ok("", "/impl", "ImplementationSpecific", false)).containsExactly(RuleCondition.pathPattern(List.of("/impl"), null));
    assertThat(ok("", "/^api/.+$", "ImplementationSpecific", true)).containsExactly(RuleCondition.pathPattern(null, List.of("^api/.+$")));
  }

  @Test
  void hostAndPathAndAnnotationValues() {
    assertThat(ok("example.com", "/path", "Exact", false)).containsExactly(
        RuleCondition.hostHeader(List.of("example.com"), null), RuleCondition.pathPattern(List.of("/path"), null));
    assertThat(ok("example.com", "", null, false, hostValues("another-example.com")))
        .containsExactly(RuleCondition.hostHeader(List.of("example.com", "another-example.com"), null));
    assertThat(ok("", "", null, false, hostRegex("^.+\\.example\\.com$")))
        .containsExactly(RuleCondition.hostHeader(null, List.of("^.+\\.example\\.com$")));
    assertThat(ok("", "/api", "Prefix", false, pathValues("/another-api/*")))
        .containsExactly(RuleCondition.pathPattern(List.of("/api", "/api/*", "/another-api/*"), null));
    assertThat(ok("", "/^api/.+$", "ImplementationSpecific", true, pathRegex("^/another\\-api/.+$")))
        .containsExactly(RuleCondition.pathPattern(null, List.of("^api/.+$", "^/another\\-api/.+$")));
  }

  @Test
  void mixingValuesAndRegexValuesIsRefused() {
    assertThat(err("example.com", "", null, false, hostRegex("^another-example.com$", "^yet-another-example.com$")))
        .isEqualTo("host condition must specify exactly one of Values and RegexValues, got both Values [example.com] "
            + "and RegexValues [^another-example.com$ ^yet-another-example.com$]");
    assertThat(err("", "/^api/.+$", "ImplementationSpecific", true, pathValues("/another-api/*", "/yet-another-api/*")))
        .isEqualTo("path condition must specify exactly one of Values and RegexValues, got both Values "
            + "[/another-api/* /yet-another-api/*] and RegexValues [^api/.+$]");
  }

  @Test
  void theCatchAllPathIsKeptNextToOtherConditions() {
    // buildPathPatternsForPrefixPathType gives ["/*"] for the Prefix path "/", and
    // buildRuleConditions appends it beside the host (the reference's stacks show it: issue 9)
    assertThat(ok("example.com", "/", "Prefix", false)).containsExactly(
        RuleCondition.hostHeader(List.of("example.com"), null), RuleCondition.pathPattern(List.of("/*"), null));
    assertThat(ok("", "/", "Prefix", false)).containsExactly(RuleCondition.pathPattern(List.of("/*"), null));
    assertThat(ok("", "/", "Prefix", false, new ConditionSpec("source-ip", null, List.of("192.168.0.0/16"), null, null)))
        .containsExactly(RuleCondition.sourceIp(List.of("192.168.0.0/16")), RuleCondition.pathPattern(List.of("/*"), null));
    assertThat(ok("example.com", "/", "Prefix", false, pathValues("/api")))
        .containsExactly(RuleCondition.hostHeader(List.of("example.com"), null), RuleCondition.pathPattern(List.of("/*", "/api"), null));
  }

  @Test
  void nothingMatchesEverything() {
    assertThat(ok("", "", null, false)).containsExactly(RuleCondition.pathPattern(List.of("/*"), null));
  }

  @Test
  void otherConditionsComeFirstInAnnotationOrder() {
    assertThat(ok("h", "", null, false,
        new ConditionSpec("source-ip", null, List.of("10.0.0.0/8"), null, null),
        new ConditionSpec("http-header", "X", List.of("1"), null, null),
        new ConditionSpec("cookie", null, null, null, null)))
        .containsExactly(RuleCondition.sourceIp(List.of("10.0.0.0/8")), RuleCondition.httpHeader("X", List.of("1"), null),
            RuleCondition.hostHeader(List.of("h"), null));
  }

  @Test
  void unweightedForwardWithoutTheGate() {
    ControllerSettings off = new ControllerSettings("c", "v", "r", null, null, null, null, null,
        Map.of("WeightedTargetGroups", false), true, null, true, true);
    Action one = Backends.forwardTo("ns/i-s:80");
    assertThat(ListenerRules.unweighted(one, off)).isEqualTo(new Action("forward", null, Ref.to("ns/i-s:80"), null, null, null));
    Action two = Action.forward(List.of(new Action.TargetGroupTuple("a", 1), new Action.TargetGroupTuple("b", 1)), null);
    assertThat(ListenerRules.unweighted(two, off)).isNull();
    assertThat(ListenerRules.unweighted(two, ControllerSettings.defaults("c"))).isEqualTo(two);
  }

  @Test
  void sslRedirectHttpPortsGetNoRules() {
    assertThat(ListenerRules.getsRules("HTTP", true)).isFalse();
    assertThat(ListenerRules.getsRules("HTTPS", true)).isTrue();
    assertThat(ListenerRules.getsRules("HTTP", false)).isTrue();
  }
}
