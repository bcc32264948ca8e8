package dev.albc.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.albc.harness.CaseRunner.CaseFileException;
import dev.albc.harness.CaseRunner.CaseResult;
import dev.albc.rules.RuleCompiler;
import dev.albc.rules.RuleRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A harness that cannot be fooled (issue 13, item 4): case files that would pass while asserting
 * nothing — misspelt keys, wrongly typed values, no expectation, unknown rule names — are refused
 * with the place and a "did you mean"; an ambiguous ResourceId asks for Kind and messages name the
 * kind; {@code on:} matches the readable description of library facts.
 */
class StrictCasesTest {
  static final CaseRunner RUNNER = new CaseRunner(new RuleRunner(RuleCompiler.loadBuiltin()));
  /** One case over the custom-rules fixtures (see {@link WebCase}). */
  static String caseWith(String expect) {
    return WebCase.caseFile("web", expect);
  }

  static List<CaseResult> run(Path dir, String text) throws IOException {
    Path f = dir.resolve("x.test.yaml");
    Files.writeString(f, text);
    return RUNNER.runFile(f, null);
  }

  static String refused(Path dir, String text) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> run(dir, text));
    assertThat(t).as("the case file is refused").isInstanceOf(CaseFileException.class);
    return t.getMessage();
  }

  @Test
  void misspeltKeysAreErrorsWithDidYouMean(@TempDir Path dir) {
    String m = refused(dir, caseWith("""
        expect:
          grups: [{id: team-a/web}]
          fried: ["target group settings default to the reference controller's values"]
        """));
    assertThat(m).contains("case \"web\": expect.grups: unknown key (did you mean \"groups\"?)")
        .contains("case \"web\": expect.fried: unknown key (did you mean \"fired\"?)")
        .contains("expect: asserts nothing");
    assertThat(refused(dir, caseWith("expect: {groups: [{id: team-a/web, resorces: []}]}")))
        .contains("expect.groups[0].resorces: unknown key (did you mean \"resources\"?)");
    assertThat(refused(dir, caseWith("expct: {exitCode: 0}")))
        .contains("expct: unknown key (did you mean \"expect\"?)");
  }

  @Test
  void wronglyTypedValuesAreErrors(@TempDir Path dir) {
    assertThat(refused(dir, caseWith("expect: {exitCode: \"one\"}")))
        .contains("expect.exitCode: expected 0, 1 or 2 (a number), got the text \"one\"");
    assertThat(refused(dir, caseWith("expect: {groups: {id: team-a/web}}")))
        .contains("expect.groups: expected a list, got a mapping");
    assertThat(refused(dir, caseWith("expect: {diagnostics: [{severity: eror}]}")))
        .contains("expect.diagnostics[0].severity: expected error, warning or info, got \"eror\" (did you mean \"error\"?)");
    assertThat(refused(dir, caseWith("expect: {groups: [{id: team-a/web, resourceCount: many}]}")))
        .contains("expect.groups[0].resourceCount: expected a number");
  }

  @Test
  void aCaseThatAssertsNothingIsAnError(@TempDir Path dir) {
    assertThat(refused(dir, caseWith("expect: {}"))).contains("case \"web\": expect: asserts nothing");
    assertThat(refused(dir, caseWith("expect: {groups: [], fired: []}"))).contains("expect: asserts nothing");
    assertThat(refused(dir, caseWith(""))).contains("case \"web\": expect: missing");
  }

  @Test
  void unknownRuleNamesInFiredAndNotFiredAreErrors(@TempDir Path dir) {
    assertThat(refused(dir, caseWith("""
        expect:
          notFired: ["target group setings default to the reference controller's values"]
        """))).contains("expect.notFired[0]: no such rule \"target group setings default to the reference controller's values\""
            + " (did you mean \"target group settings default to the reference controller's values\"?)");
    assertThat(refused(dir, caseWith("expect: {fired: [{rule: nothing like it, on: x}]}")))
        .contains("expect.fired[0]: no such rule \"nothing like it\"");
  }

  @Test
  void anAmbiguousResourceIdAsksForKindAndMessagesNameTheKind(@TempDir Path dir) throws IOException {
    CaseResult r = run(dir, caseWith("""
        expect:
          groups: [{id: team-a/web, resources: [{ResourceId: "team-a/web-web:80", Port: 30080}]}]
        """)).get(0);
    assertThat(r.passed()).isFalse();
    assertThat(r.failures()).singleElement().asString()
        .contains("ResourceId team-a/web-web:80 names 2 resources (TargetGroup, TargetGroupBinding)")
        .contains("add `Kind: TargetGroup`");

    r = run(dir, caseWith("""
        expect:
          groups: [{id: team-a/web, resources: [{ResourceId: "team-a/web-web:80", Kind: TargetGroup, Port: 30080}]}]
        """)).get(0);
    assertThat(r.failures()).isEmpty();

    r = run(dir, caseWith("""
        expect:
          groups: [{id: team-a/web, resources: [{ResourceId: "team-a/web-web:80", Kind: TargetGroup, Port: 8080}]}]
        """)).get(0);
    assertThat(r.failures()).first().asString()
        .isEqualTo("group team-a/web, TargetGroup \"team-a/web-web:80\", /Port: expected 8080, got 30080");
    assertThat(r.failures().get(1)).startsWith("diff of group team-a/web, TargetGroup \"team-a/web-web:80\" (- expected, + plan):");
  }

  @Test
  void onMatchesTheReadableDescriptionOfALibraryFact(@TempDir Path dir) throws IOException {
    String rule = "target group settings default to the reference controller's values";
    CaseResult r = run(dir, caseWith("""
        expect:
          fired: [{rule: "%s", on: "Service team-a/web port 80 of Ingress team-a/web"}]
          notFired: [{rule: "%s", on: "Service team-a/api"}]
        """.formatted(rule, rule))).get(0);
    assertThat(r.failures()).isEmpty();

    r = run(dir, caseWith("""
        expect:
          fired: [{rule: "%s", on: "Service team-a/api"}]
        """.formatted(rule))).get(0);
    assertThat(r.failures()).singleElement().asString()
        .contains("did not fire on Service team-a/api")
        .contains("it fired on: Service team-a/web port 80 of Ingress team-a/web");
  }

  @Test
  void nullInAnExpectedResourceMeansAbsent(@TempDir Path dir) throws IOException {
    CaseResult r = run(dir, caseWith("""
        expect:
          groups: [{id: team-a/web, resources: [{ResourceId: LoadBalancer, Attributes: null, Name: null}]}]
        """)).get(0);
    assertThat(r.failures()).first().asString()
        .startsWith("group team-a/web, LoadBalancer \"LoadBalancer\", /Name: expected no value, got \"k8s-teama-web-");
    assertThat(r.failures()).noneMatch(f -> f.contains("/Attributes"));
  }
}
