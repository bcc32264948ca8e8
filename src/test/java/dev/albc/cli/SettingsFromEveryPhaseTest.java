package dev.albc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.harness.WebCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13, item 2: a tag:* a user rule inserts at an Ingress's scope reaches the same resources
 * (its listener rules and its target groups) whether the rule runs in "parse" or in "override".
 */
class SettingsFromEveryPhaseTest {
  @ParameterizedTest
  @ValueSource(strings = {"parse", "override"})
  void anIngressTagReachesItsTargetGroupsFromEitherPhase(String phase, @TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("tag.drl"), """
        package house;
        import dev.albc.rules.api.*;

        rule "every Ingress is tagged owner=platform"
            ruleflow-group "%s"
        when
            $m : Member($scope : scope)
        then
            insert(Setting.byRule($scope, "tag:owner", "platform", Precedence.RULE, drools.getRule().getName()));
        end
        """.formatted(phase));
    Files.writeString(dir.resolve("tag.test.yaml"), WebCase.caseFile("the tag reaches the listener rule and the target group", """
        expect:
          groups:
            - id: team-a/web
              resources:
                - {ResourceId: "80:1", Tags: {owner: platform}}
                - {ResourceId: "team-a/web-web:80", Kind: TargetGroup, Tags: {owner: platform}}
        """));
    CliRun r = CliRun.of("test-rules", dir.toString());
    assertThat(r.code()).as(r.all()).isZero();
  }
}
