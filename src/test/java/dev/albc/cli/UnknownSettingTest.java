package dev.albc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.harness.WebCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 3: a setting name no rule reads for its scope ({@code health-check-path} for
 * {@code healthcheck-path}) is an error naming the rule, its file and line, with "did you mean", in
 * {@code plan} (exit 1) and in {@code test-rules} (the case fails) — before, it was silently ignored.
 */
class UnknownSettingTest {
  static final String RULE = """
      package house;
      import dev.albc.rules.api.*;

      rule "house health check path"
          ruleflow-group "override"
      when
          $t : TargetGroup($scope : scope)
      then
          insert(Setting.byRule($scope, "%s", "/healthz", Precedence.HOUSE_DEFAULT, drools.getRule().getName()));
      end
      """;

  static CliRun plan(Path dir, String settingName) throws IOException {
    Files.writeString(dir.resolve("house.drl"), RULE.formatted(settingName));
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("manifests.yaml"), WebCase.manifests());
    Files.copy(Path.of(WebCase.FIXTURES, "subnets.json"), in.resolve("subnets.json"));
    return CliRun.of("plan", "--cluster-name", "demo", "--rules-dir", dir.toString(), in.toString());
  }

  @Test
  void aMisspeltSettingNameIsAnErrorWithDidYouMean(@TempDir Path dir) throws IOException {
    CliRun r = plan(dir, "health-check-path");
    assertThat(r.code()).as(r.all()).isEqualTo(1);
    assertThat(r.all())
        .contains("no rule reads a setting \"health-check-path\" of a target group")
        .contains("did you mean \"healthcheck-path\"")
        .contains("rule \"house health check path\"")
        .contains("house.drl:4");
  }

  @Test
  void theRightNameIsPlanned(@TempDir Path dir) throws IOException {
    CliRun r = plan(dir, "healthcheck-path");
    assertThat(r.code()).as(r.all()).isZero();
    assertThat(r.out()).contains("/healthz");
  }

  @Test
  void aUserSettingIsAccepted(@TempDir Path dir) throws IOException {
    CliRun r = plan(dir, "user:house-path");
    assertThat(r.code()).as(r.all()).isZero();
  }

  @Test
  void aCaseOfTestRulesFailsOnIt(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("house.drl"), RULE.formatted("healthcheck-pth"));
    Files.writeString(dir.resolve("house.test.yaml"), WebCase.caseFile("house path", """
        expect:
          groups: [{id: team-a/web, resources: [{ResourceId: "team-a/web-web:80", Kind: TargetGroup, HealthCheckPath: /healthz}]}]
        """));
    CliRun r = CliRun.of("test-rules", dir.toString());
    assertThat(r.code()).as(r.all()).isEqualTo(1);
    assertThat(r.all()).contains("did you mean \"healthcheck-path\"");
  }
}
